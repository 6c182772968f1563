package org.qbi.io.tiff.internal;

import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferDouble;
import java.awt.image.DataBufferFloat;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferShort;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import org.qbi.core.image.PixelType;

/**
 * Copies the samples of a decoded {@link Raster} into a chunk: little-endian, x fastest; the samples of a
 * multi-sample type (RGB8, RGBA8) interleaved, or, when {@code channels > 1}, each band as its own plane along c.
 * Samples are copied as stored (raw bits), never converted through a colour model.
 */
final class RasterCopy {

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private RasterCopy() {
    }

    /**
     * @param raster   the decoded page; its bands are the samples
     * @param type     the chunk's pixel type
     * @param channels planes along c in the chunk (1 unless each band goes to its own plane)
     * @param target   exactly width x height x channels x type.bytesPerPixel() bytes
     */
    static void copy(Raster raster, PixelType type, int channels, MemorySegment target) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        int interleaved = type.samplesPerPixel();
        if (bands != interleaved * channels) {
            throw new IllegalStateException("The decoder gave " + bands + " bands, " + (interleaved * channels) + " expected");
        }
        long expected = (long) w * h * channels * type.bytesPerPixel();
        if (target.byteSize() != expected) {
            throw new IllegalStateException("Chunk of " + target.byteSize() + " bytes for " + expected + " decoded bytes");
        }
        if (channels == 1 && copyPacked(raster, type, target)) {
            return;
        }
        int bytesPerSample = type.bytesPerSample();
        long planeSamples = (long) w * h;
        for (int band = 0; band < bands; band++) {
            // sample (x, y) of this band goes to: plane offset (separate channels) or interleaved position
            long planeBase = channels > 1 ? band * planeSamples : 0;
            int stride = channels > 1 ? 1 : interleaved;
            int within = channels > 1 ? 0 : band;
            for (int y = 0; y < h; y++) {
                long rowBase = planeBase + (long) y * w * stride + within;
                switch (type) {
                    case FLOAT32 -> {
                        float[] row = raster.getSamples(0, y, w, 1, band, (float[]) null);
                        for (int x = 0; x < w; x++) {
                            target.set(FLOAT, (rowBase + (long) x * stride) * 4, row[x]);
                        }
                    }
                    case FLOAT64 -> {
                        double[] row = raster.getSamples(0, y, w, 1, band, (double[]) null);
                        for (int x = 0; x < w; x++) {
                            target.set(DOUBLE, (rowBase + (long) x * stride) * 8, row[x]);
                        }
                    }
                    default -> {
                        int[] row = raster.getSamples(0, y, w, 1, band, (int[]) null);
                        for (int x = 0; x < w; x++) {
                            long at = (rowBase + (long) x * stride) * bytesPerSample;
                            switch (bytesPerSample) {
                                case 1 -> target.set(ValueLayout.JAVA_BYTE, at, (byte) row[x]);
                                case 2 -> target.set(SHORT, at, (short) row[x]);
                                default -> target.set(INT, at, row[x]);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The fast path: one bank holding the samples exactly as the chunk wants them (interleaved, band order, no
     * padding), of the chunk's sample size: one bulk copy.
     */
    private static boolean copyPacked(Raster raster, PixelType type, MemorySegment target) {
        SampleModel model = raster.getSampleModel();
        DataBuffer data = raster.getDataBuffer();
        if (!(model instanceof ComponentSampleModel csm) || data.getNumBanks() != 1 || data.getOffset() != 0
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0
                || model.getWidth() != raster.getWidth() || model.getHeight() != raster.getHeight()) {
            return false;
        }
        int bands = raster.getNumBands();
        if (csm.getPixelStride() != bands || csm.getScanlineStride() != raster.getWidth() * bands) {
            return false;
        }
        int[] offsets = csm.getBandOffsets();
        int[] banks = csm.getBankIndices();
        for (int b = 0; b < bands; b++) {
            if (offsets[b] != b || banks[b] != 0) {
                return false;
            }
        }
        int n = raster.getWidth() * raster.getHeight() * bands;
        int size = type.bytesPerSample();
        switch (data) {
            case DataBufferByte bytes when size == 1 && type != PixelType.FLOAT32 ->
                MemorySegment.copy(bytes.getData(), 0, target, ValueLayout.JAVA_BYTE, 0, n);
            case DataBufferUShort shorts when size == 2 -> MemorySegment.copy(shorts.getData(), 0, target, SHORT, 0, n);
            case DataBufferShort shorts when size == 2 -> MemorySegment.copy(shorts.getData(), 0, target, SHORT, 0, n);
            case DataBufferInt ints when size == 4 && type.isInteger() -> MemorySegment.copy(ints.getData(), 0, target, INT, 0, n);
            case DataBufferFloat floats when type == PixelType.FLOAT32 -> MemorySegment.copy(floats.getData(), 0, target, FLOAT, 0, n);
            case DataBufferDouble doubles when type == PixelType.FLOAT64 -> MemorySegment.copy(doubles.getData(), 0, target, DOUBLE, 0, n);
            default -> {
                return false;
            }
        }
        return true;
    }
}
