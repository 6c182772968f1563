package org.qbi.core.image.io;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.qbi.core.image.Axis;

/**
 * The order in which a file stores the values of an image without compression: the five axes from fastest
 * to slowest, and where the samples of a multi-sample pixel (RGB, complex) go in that order. Every value
 * follows the previous one with no gaps (a dense array); the values may be little- or big-endian.
 * <p>
 * Examples: NIfTI stores x, y, z, t, then its fifth dimension ({@code of(X, Y, Z, T, C)}); a C-order NumPy array
 * of shape (z, y, x) is {@link #STANDARD}; a Fortran-order one is {@code of(Z, Y, X, C, T)}; MetaImage with
 * several channels per element stores the channel fastest ({@code of(C, X, Y, Z, T)}).
 *
 * @param order            the five axes, fastest first, each once
 * @param samplePosition   how many of {@code order}'s axes are faster than the samples of a pixel: 0 when samples
 *                         are interleaved (r, g, b of one pixel together), 5 when each sample is a separate block
 * @since 0.1
 */
public record RawLayout(List<Axis> order, int samplePosition) {

    /** x fastest, then y, z, c, t, samples interleaved: the order of {@link org.qbi.core.image.Image} itself. */
    public static final RawLayout STANDARD = of(Axis.X, Axis.Y, Axis.Z, Axis.C, Axis.T);

    public RawLayout {
        order = List.copyOf(order);
        if (order.size() != Axis.COUNT || !EnumSet.copyOf(order).equals(EnumSet.allOf(Axis.class))) {
            throw new IllegalArgumentException("A raw layout orders all five axes once each, got " + order);
        }
        if (samplePosition < 0 || samplePosition > Axis.COUNT) {
            throw new IllegalArgumentException("The sample position is between 0 and 5, got " + samplePosition);
        }
    }

    /** Axes fastest first, samples interleaved. */
    public static RawLayout of(Axis... fastestFirst) {
        return new RawLayout(List.of(fastestFirst), 0);
    }

    /**
     * The six dimensions of the file, fastest first: the five axes by {@link Axis#ordinal()} and the sample
     * within a pixel as -1.
     */
    int[] dimensions() {
        List<Integer> dims = new ArrayList<>();
        for (Axis axis : order) {
            dims.add(axis.ordinal());
        }
        dims.add(samplePosition, -1);
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }
}
