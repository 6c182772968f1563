package org.qbi.ops.segment;

import java.io.IOException;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.io.testing.SharedData;
import org.qbi.ops.testing.OpTesting;

/** Inputs shared by the segmentation tests (the same crops and thresholds as data/make_references.py). */
final class SegmentTesting {

    private SegmentTesting() {
    }

    /** blobs.tif > 128 as a uint8 0/1 mask (254 x 256). */
    static ArrayImage blobsMask() throws IOException {
        return threshold(OpTesting.open(SharedData.file("tiff/8bit/blobs.tif")), 128);
    }

    /** 1 where {@code image} > {@code level}. */
    static ArrayImage threshold(Image image, double level) throws IOException {
        return map(image, v -> v > level ? 1 : 0);
    }

    /** 1 where {@code image} == 0. */
    static ArrayImage zeros(Image image) throws IOException {
        return map(image, v -> v == 0 ? 1 : 0);
    }

    /** The same pixels behind the plain Image interface (chunk by chunk, as images from files are read). */
    static Image chunked(ArrayImage image) {
        return new Image() {
            @Override
            public org.qbi.core.image.ImageHeader header() {
                return image.header();
            }

            @Override
            public org.qbi.core.image.ChunkGrid grid() {
                return image.grid();
            }

            @Override
            public java.lang.foreign.MemorySegment chunk(long[] index) {
                return image.chunk(index);
            }
        };
    }

    /** An image that has a header but whose pixels must never be read (size checks). */
    static Image headerOnly(org.qbi.core.image.ImageHeader header) {
        return new Image() {
            @Override
            public org.qbi.core.image.ImageHeader header() {
                return header;
            }

            @Override
            public org.qbi.core.image.ChunkGrid grid() {
                throw new AssertionError("the grid of a header-only image was asked for");
            }

            @Override
            public java.lang.foreign.MemorySegment chunk(long[] index) {
                throw new AssertionError("a chunk of a header-only image was read");
            }
        };
    }

    /** {@code mask}'s values in another integer type. */
    static ArrayImage as(PixelType type, Image mask) throws IOException {
        double[] values = OpTesting.values(mask);
        ArrayImage converted = ArrayImage.allocate(mask.header().withPixelType(type));
        for (int i = 0; i < values.length; i++) {
            PixelValues.set(type, converted.values(), i, values[i] * 3);
        }
        return converted;
    }

    interface ValueMap {
        double apply(double value);
    }

    static ArrayImage map(Image image, ValueMap map) throws IOException {
        double[] values = OpTesting.values(image);
        ArrayImage mask = ArrayImage.allocate(image.header().withPixelType(PixelType.UINT8));
        for (int i = 0; i < values.length; i++) {
            PixelValues.set(PixelType.UINT8, mask.values(), i, map.apply(values[i]));
        }
        return mask;
    }
}
