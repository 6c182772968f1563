package org.qbi.ui.ops.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;

/**
 * The part of an image the preview computes: a square of the current x-y plane around its centre (the part
 * shown), grown by the operator's halo along x and y and into the neighbouring planes along z, clamped to the
 * image. An operator that declares its halo (a block operator) gives inside the shown square exactly the values it
 * gives on the whole image. One whose halo is unknown (a global operator: a histogram threshold, labeling) sees
 * the whole plane when it has at most {@link #WHOLE_PLANE_PIXELS} pixels, else a centred square of that many.
 *
 * @param origin    first pixel read (x, y, z, c, t)
 * @param size      pixels read along x, y, z, c, t (c and t are 1: one channel and time point)
 * @param shown     where the shown square starts inside the region read (x, y, z)
 * @param shownSize the shown square's width and height
 */
record PreviewCrop(long[] origin, long[] size, int[] shown, int[] shownSize) {

    /** The side of the shown square for operators with a halo. */
    static final int SIDE = 192;
    /** The most pixels a global operator's preview gives it. */
    static final long WHOLE_PLANE_PIXELS = 1L << 20;

    /**
     * The crop around plane {@code z} (channel {@code c}, time point {@code t}) of an image with {@code header}.
     *
     * @param halo x, y, z halo of the operator, or null when unknown
     */
    static PreviewCrop of(ImageHeader header, long z, long c, long t, int[] halo) {
        long[] dims = header.dimensions();
        long side = halo == null ? (dims[0] * dims[1] <= WHOLE_PLANE_PIXELS ? Long.MAX_VALUE
                : (long) Math.sqrt((double) WHOLE_PLANE_PIXELS)) : SIDE;
        int[] reach = halo == null ? new int[3] : halo;
        long[] origin = new long[5];
        long[] size = new long[5];
        int[] shown = new int[3];
        int[] shownSize = new int[2];
        for (int a = 0; a < 2; a++) {
            long width = Math.min(dims[a], side);
            long first = (dims[a] - width) / 2;
            long from = Math.max(0, first - reach[a]);
            long to = Math.min(dims[a], first + width + reach[a]);
            origin[a] = from;
            size[a] = to - from;
            shown[a] = (int) (first - from);
            shownSize[a] = (int) width;
        }
        long zFrom = Math.max(0, z - reach[2]);
        long zTo = Math.min(dims[2], z + reach[2] + 1);
        origin[2] = zFrom;
        size[2] = zTo - zFrom;
        shown[2] = (int) (z - zFrom);
        origin[3] = c;
        origin[4] = t;
        size[3] = 1;
        size[4] = 1;
        return new PreviewCrop(origin, size, shown, shownSize);
    }

    /** The region of {@code image} in memory, with the image's calibration (spacing matters to physical lengths). */
    ArrayImage read(Image image) throws IOException {
        ImageHeader header = image.header();
        MemorySegment values = image.readRegion(origin, size, Arena.ofAuto());
        List<AxisCalibration> axes = new ArrayList<>();
        for (int a = 0; a < 5; a++) {
            axes.add(header.axes().get(a).withSize(size[a]));
        }
        return ArrayImage.wrap(header.withAxes(axes), values);
    }

    /** The shown square of {@code computed} (an image of this crop's size), first sample of each pixel, x fastest. */
    float[] shownValues(Image computed) throws IOException {
        ArrayImage array = computed instanceof ArrayImage a ? a : ArrayImage.copyOf(computed);
        PixelType type = array.header().pixelType();
        long[] dims = array.header().dimensions();
        int samples = type.samplesPerPixel();
        float[] values = new float[shownSize[0] * shownSize[1]];
        for (int y = 0; y < shownSize[1]; y++) {
            for (int x = 0; x < shownSize[0]; x++) {
                long index = ((shown[2] * dims[1] + shown[1] + y) * dims[0] + shown[0] + x) * samples;
                values[y * shownSize[0] + x] = (float) PixelValues.get(type, array.values(), index);
            }
        }
        return values;
    }

    /** True when an image with {@code dims} can be cropped like the image this crop was made for. */
    boolean fits(long[] dims) {
        for (int a = 0; a < 5; a++) {
            if (origin[a] + size[a] > dims[a]) {
                return false;
            }
        }
        return true;
    }
}
