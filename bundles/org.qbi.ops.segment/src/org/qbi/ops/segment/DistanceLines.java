package org.qbi.ops.segment;

import java.lang.foreign.MemorySegment;

import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.segment.internal.EuclideanDistance;
import org.qbi.ops.segment.internal.Volume;

/**
 * The separable passes of {@code segment.distance} ({@link DistanceTransform}) one whole line at a time, for engines
 * that hold a volume's lines in pieces (Spark: the chunks along one axis, one pass after another). The pass along x
 * of every row ({@link #first}), then along y of every column ({@link #next}), then along z ({@link #next}, last),
 * give exactly the operator's float32 output, bit for bit: these are the operator's own routines, which compute each
 * stretch of foreground between two background voxels with positions counted from the background voxel before it,
 * so a whole line gives what the operator's sweeps give.
 * <p>
 * Not thread-safe (one per thread: it keeps the line's working arrays).
 *
 * @since 0.1
 */
public final class DistanceLines {

    private byte[] mask = new byte[0];
    private float[] out = new float[0];
    private double[] envelope = new double[1];
    private int[] vertices = new int[0];

    /** The voxel sizes along x, y, z the operator uses with {@code arguments} on an image with {@code header}. */
    public static double[] spacing(ImageHeader header, Arguments arguments) {
        return Volume.spacing(header, arguments.get(DistanceTransform.SPACING), DistanceTransform.SPACING.name());
    }

    /** The header of the operator's output (and of the squared distances between passes): float32, no rescale. */
    public static ImageHeader outputHeader(ImageHeader header) {
        return Volume.outputHeader(header, PixelType.FLOAT32);
    }

    /**
     * The pass along x of one row of a mask: the squared distance (times the squared x spacing, in float32) of each
     * foreground voxel to the nearest background voxel of the row, +infinity in a row without background, 0 on the
     * background.
     *
     * @param type    the mask's pixel type (8 to 32 bits; foreground where the stored value is not 0)
     * @param values  the mask's stored values; the row is samples {@code from} .. {@code from + n - 1}
     * @param inverse measure the background instead (foreground where the stored value is 0)
     * @param row     receives the n squared distances
     */
    public void first(PixelType type, MemorySegment values, long from, int n, boolean inverse, double spacing,
            float[] row) {
        if (mask.length < n) {
            mask = new byte[n];
        }
        Volume.readMask(type, values, from, mask, 0, n);
        float scale = (float) (spacing * spacing);
        int x = 0;
        while (x < n) {
            while (x < n && (mask[x] != 0) == inverse) {
                row[x++] = 0;
            }
            int s = x;
            while (x < n && (mask[x] != 0) != inverse) {
                x++;
            }
            for (int i = s; i < x; i++) {
                row[i] = EuclideanDistance.runDistance(i, s, x, n, scale);
            }
        }
    }

    /**
     * A later pass along one line of squared distances (along y, then z), in place: {@code line[i]} becomes the
     * minimum over j of line[j] + (spacing (i - j))^2; with {@code last}, the square root of it in float32 (the
     * distance, the operator's output).
     */
    public void next(float[] line, int n, double spacing, boolean last) {
        if (out.length < n) {
            out = new float[n];
            envelope = new double[n + 1];
            vertices = new int[n];
        }
        EuclideanDistance.line(line, 0, n, spacing, out, envelope, vertices);
        for (int i = 0; i < n; i++) {
            float v = out[i];
            line[i] = last ? (float) Math.sqrt(v) : v;
        }
    }
}
