package org.qbi.ui.viewer.internal.render;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import org.qbi.core.image.Axis;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.progress.ProgressMonitor;

/**
 * Maximum, minimum and mean intensity projections of a volume along x, y or z, for one channel and time point:
 * {@code p(h, v) = max|min|mean over i of value(voxel at h, v, i)}. The result lies in the plane
 * {@link SlicePlane#across(Axis) across} the axis projected along (along z: an x-y image).
 * <p>
 * Reads the image chunk by chunk, each chunk once, so the cost is one pass over the channel's chunks and the
 * memory one plane of doubles; reports one unit of work per chunk and stops at the next chunk when cancelled.
 * Values are stored values (before rescale); NaN voxels are skipped (a line of NaN only projects to NaN).
 */
public final class Projection {

    /** What a projection keeps of each line of voxels. */
    public enum Kind {
        MAX("Maximum"), MIN("Minimum"), MEAN("Mean");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** "Maximum". */
        public String label() {
            return label;
        }
    }

    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /**
     * A projected plane: float64 values, h fastest.
     *
     * @param plane the plane the values lie in (its normal is the axis projected along)
     */
    public record Result(Kind kind, SlicePlane plane, int width, int height, MemorySegment values) {

        /** The values as windowable plane values. */
        public PlaneValues planeValues() {
            return new PlaneValues(PixelType.FLOAT64, values, width * height);
        }

        /** "Maximum intensity projection along z". */
        public String describe() {
            return kind.label() + " intensity projection along " + plane.normal().label();
        }
    }

    private Projection() {
    }

    /**
     * Projects channel {@code c} at time {@code t} of {@code image} along {@code axis} (x, y or z).
     *
     * @throws IllegalArgumentException for colour images (project a channel of a scalar image)
     * @throws org.qbi.core.progress.CancelledException when the monitor is cancelled
     */
    public static Result project(Image image, Axis axis, Kind kind, long c, long t, ProgressMonitor monitor)
            throws IOException {
        ImageHeader header = image.header();
        PixelType type = header.pixelType();
        if (PlaneValues.isColour(type) || type == PixelType.COMPLEX_FLOAT32) {
            throw new IllegalArgumentException("Projections need scalar values; " + type.label()
                    + " images have several samples per pixel");
        }
        SlicePlane plane = SlicePlane.across(axis);
        int width = plane.width(header);
        int height = plane.height(header);
        int count = Math.multiplyExact(width, height);
        double[] acc = new double[count];
        long[] finite = new long[count];
        java.util.Arrays.fill(acc, kind == Kind.MAX ? Double.NEGATIVE_INFINITY
                : kind == Kind.MIN ? Double.POSITIVE_INFINITY : 0);
        ChunkGrid grid = image.grid();
        long[] chunkSize = grid.chunkSize();
        long[] counts = grid.chunkCounts();
        long cIndex = c / chunkSize[3];
        long tIndex = t / chunkSize[4];
        long total = counts[0] * counts[1] * counts[2];
        String task = kind.label() + " intensity projection along " + axis.label();
        monitor.begin(task, total);
        try {
            int h = plane.horizontal().ordinal();
            int v = plane.vertical().ordinal();
            for (long cz = 0; cz < counts[2]; cz++) {
                for (long cy = 0; cy < counts[1]; cy++) {
                    for (long cx = 0; cx < counts[0]; cx++) {
                        monitor.checkCanceled(task);
                        long[] index = { cx, cy, cz, cIndex, tIndex };
                        MemorySegment chunk = image.chunk(index);
                        long[] origin = grid.origin(index);
                        long[] size = grid.size(index);
                        long base = size[0] * size[1] * size[2] * ((c - origin[3]) + size[3] * (t - origin[4]));
                        long[] p = new long[3];
                        long i = base;
                        for (long z = 0; z < size[2]; z++) {
                            p[2] = origin[2] + z;
                            for (long y = 0; y < size[1]; y++) {
                                p[1] = origin[1] + y;
                                for (long x = 0; x < size[0]; x++, i++) {
                                    p[0] = origin[0] + x;
                                    double value = PixelValues.get(type, chunk, i);
                                    if (Double.isNaN(value)) {
                                        continue;
                                    }
                                    int at = (int) (p[h] + width * p[v]);
                                    finite[at]++;
                                    acc[at] = switch (kind) {
                                        case MAX -> Math.max(acc[at], value);
                                        case MIN -> Math.min(acc[at], value);
                                        case MEAN -> acc[at] + value;
                                    };
                                }
                            }
                        }
                        monitor.worked(1);
                    }
                }
            }
        } finally {
            monitor.done();
        }
        MemorySegment values = Arena.ofAuto().allocate(8L * count, 8);
        for (int i = 0; i < count; i++) {
            double value = finite[i] == 0 ? Double.NaN : kind == Kind.MEAN ? acc[i] / finite[i] : acc[i];
            values.setAtIndex(DOUBLE, i, value);
        }
        return new Result(kind, plane, width, height, values);
    }
}
