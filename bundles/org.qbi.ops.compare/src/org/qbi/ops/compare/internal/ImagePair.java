package org.qbi.ops.compare.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.table.Column;
import org.qbi.core.table.Table;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.block.Samples;

/**
 * A reference and a test image of the same size, compared volume by volume (one channel at one time point):
 * the checks every comparison shares and plane-wise parallel reading.
 *
 * @param reference the reference (ground truth) image
 * @param test      the image compared with it
 */
public record ImagePair(Image reference, Image test) {

    /**
     * @throws IllegalArgumentException when the sizes (x, y, z, channels, time points) differ, a pixel type has
     *                                  several samples, or the rescales differ
     */
    public static ImagePair of(String operator, Image reference, Image test) {
        ImageHeader r = reference.header();
        ImageHeader t = test.header();
        if (!Arrays.equals(r.dimensions(), t.dimensions())) {
            throw new IllegalArgumentException(operator + " compares images of the same size; reference is "
                    + sizeText(r) + ", test is " + sizeText(t) + ". Crop, pad or resample one of them first "
                    + "(geometry.crop, geometry.pad, geometry.resample)");
        }
        for (ImageHeader h : List.of(r, t)) {
            if (h.pixelType().samplesPerPixel() != 1) {
                throw new IllegalArgumentException(operator + " works on single-sample images; one is "
                        + h.pixelType().label() + ": split it into channels first (geometry.split_rgb)");
            }
        }
        if (!r.rescale().equals(t.rescale())) {
            throw new IllegalArgumentException(operator + " compares stored values, and the images rescale them "
                    + "differently (reference " + r.rescale() + ", test " + t.rescale() + ")");
        }
        return new ImagePair(reference, test);
    }

    private static String sizeText(ImageHeader h) {
        long[] d = h.dimensions();
        return d[0] + " x " + d[1] + " x " + d[2] + " (" + d[3] + " channel(s), " + d[4] + " time point(s))";
    }

    public long[] dimensions() {
        return reference.header().dimensions();
    }

    /** Number of volumes (channels x time points). */
    public int volumes() {
        long[] d = dimensions();
        return Math.toIntExact(d[3] * d[4]);
    }

    /** Plane z of volume v of {@code image} as floats. */
    public static float[] plane(Image image, long z, int volume) throws IOException {
        ImageHeader h = image.header();
        long[] d = h.dimensions();
        long c = volume % d[3];
        long t = volume / d[3];
        float[] values = new float[Math.toIntExact(d[0] * d[1])];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = image.readPlane(z, c, t, arena);
            Samples.toFloats(h.pixelType(), segment, 0, values, 0, values.length);
        }
        return values;
    }

    /** Per-plane results of one volume, computed in parallel and returned in plane order. */
    public interface PlaneWork<R> {
        R compute(float[] reference, float[] test, long z) throws IOException;
    }

    /** Runs {@code work} on every plane of volume {@code volume}; results in plane order (deterministic sums). */
    public <R> List<R> planes(int volume, OperatorContext context, PlaneWork<R> work) throws IOException {
        long nz = dimensions()[2];
        List<R> results = new ArrayList<>();
        Object[] slots = new Object[Math.toIntExact(nz)];
        context.forEach(slots.length, z -> slots[z] = work.compute(plane(reference, z, volume), plane(test, z, volume), z));
        for (Object slot : slots) {
            @SuppressWarnings("unchecked")
            R r = (R) slot;
            results.add(r);
        }
        return results;
    }

    /** The channel and time point columns of a table with one row per volume. */
    public List<Column> volumeColumns() {
        long[] d = dimensions();
        double[] channel = new double[volumes()];
        double[] time = new double[volumes()];
        for (int v = 0; v < channel.length; v++) {
            channel[v] = v % d[3];
            time[v] = v / d[3];
        }
        return List.of(Column.of("channel", "", channel), Column.of("time", "", time));
    }

    /** A table of the volume columns followed by {@code columns}. */
    public Table table(String name, List<Column> columns) {
        List<Column> all = new ArrayList<>(volumeColumns());
        all.addAll(columns);
        return Table.of(name, all);
    }

}
