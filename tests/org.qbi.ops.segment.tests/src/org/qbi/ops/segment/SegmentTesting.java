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
