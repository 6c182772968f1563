package org.qbi.core.image.io;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.qbi.core.image.Axis;
import org.qbi.core.image.PixelType;

/**
 * Which QBI axis each dimension of an n-dimensional array is. Arrays are NumPy (C) order, slowest first; without
 * labels the last dimension is x, then y, z, c, t ((y, x), (z, y, x), (c, z, y, x), (t, c, z, y, x), as OME-NGFF
 * orders them); with labels ("z", "y", "x", "c", "t") the labels decide, and a channel dimension of 3 or 4 8-bit
 * values stored fastest becomes RGB / RGBA samples.
 *
 * @param axisOfDim per dimension: an axis ordinal, {@link BlockAssembler#SAMPLES} or {@link BlockAssembler#NONE}
 * @param pixelType the pixel type (RGB8 / RGBA8 when a dimension holds samples)
 *
 * @since 0.1
 */
public record AxisLayout(int[] axisOfDim, PixelType pixelType) {

    private static final Axis[] DEFAULT_ORDER = { Axis.T, Axis.C, Axis.Z, Axis.Y, Axis.X };

    /**
     * @param dims        dimensions, slowest first
     * @param labels      one label per dimension, or null
     * @param lastSamples true when the last dimension holds interleaved samples (HDF5 IMAGE_TRUECOLOR)
     * @param type        the stored value type
     * @return the layout
     * @throws IllegalArgumentException naming the problem when the array cannot be an image
     */
    public static AxisLayout of(long[] dims, List<String> labels, boolean lastSamples, PixelType type) {
        if (dims.length < 2) {
            throw new IllegalArgumentException("it has " + dims.length + " dimension" + (dims.length == 1 ? "" : "s")
                    + " (shape " + Arrays.toString(dims) + "); an image needs at least 2");
        }
        for (long d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("it holds no values (shape " + Arrays.toString(dims) + ")");
            }
        }
        if (labels != null && labels.size() == dims.length) {
            AxisLayout labelled = fromLabels(dims, labels, type);
            if (labelled != null) {
                return labelled;
            }
        }
        int rank = dims.length;
        int[] axisOfDim = new int[rank];
        PixelType pixelType = type;
        int end = rank;
        if (lastSamples && type == PixelType.UINT8 && (dims[rank - 1] == 3 || dims[rank - 1] == 4) && rank >= 3) {
            axisOfDim[rank - 1] = BlockAssembler.SAMPLES;
            pixelType = dims[rank - 1] == 3 ? PixelType.RGB8 : PixelType.RGBA8;
            end = rank - 1;
        }
        int spatial = end;
        for (int i = 0; i < end; i++) {
            int fromEnd = end - i;
            if (fromEnd > DEFAULT_ORDER.length) {
                if (dims[i] != 1) {
                    throw new IllegalArgumentException("it has " + spatial + " dimensions larger than one could be "
                            + "(shape " + Arrays.toString(dims) + "); QBI images have at most 5 (x, y, z, c, t)");
                }
                axisOfDim[i] = BlockAssembler.NONE;
            } else {
                axisOfDim[i] = DEFAULT_ORDER[DEFAULT_ORDER.length - fromEnd].ordinal();
            }
        }
        return new AxisLayout(axisOfDim, pixelType);
    }

    /** The layout the labels give, or null when they are not a usable set of x, y, z, c, t. */
    private static AxisLayout fromLabels(long[] dims, List<String> labels, PixelType type) {
        int rank = dims.length;
        int[] axisOfDim = new int[rank];
        boolean[] used = new boolean[Axis.COUNT];
        PixelType pixelType = type;
        for (int i = 0; i < rank; i++) {
            Axis axis = axis(labels.get(i));
            if (axis == null) {
                if (dims[i] != 1) {
                    return null;
                }
                axisOfDim[i] = BlockAssembler.NONE;
                continue;
            }
            if (used[axis.ordinal()]) {
                return null;
            }
            used[axis.ordinal()] = true;
            axisOfDim[i] = axis.ordinal();
            if (axis == Axis.C && i == rank - 1 && type == PixelType.UINT8 && (dims[i] == 3 || dims[i] == 4)) {
                axisOfDim[i] = BlockAssembler.SAMPLES;
                pixelType = dims[i] == 3 ? PixelType.RGB8 : PixelType.RGBA8;
            }
        }
        if (!used[Axis.X.ordinal()] || !used[Axis.Y.ordinal()]) {
            return null;
        }
        return new AxisLayout(axisOfDim, pixelType);
    }

    /** The axis a label names ("x", "Z", "channel", "time"), or null. */
    public static Axis axis(String label) {
        if (label == null) {
            return null;
        }
        return switch (label.strip().toLowerCase(Locale.ROOT)) {
            case "x" -> Axis.X;
            case "y" -> Axis.Y;
            case "z" -> Axis.Z;
            case "c", "channel", "channels" -> Axis.C;
            case "t", "time" -> Axis.T;
            default -> null;
        };
    }

    /** The five sizes, x first, of an array of {@code dims} with this layout. */
    public long[] sizes(long[] dims) {
        long[] sizes = { 1, 1, 1, 1, 1 };
        for (int i = 0; i < dims.length; i++) {
            if (axisOfDim[i] >= 0 && axisOfDim[i] < Axis.COUNT) {
                sizes[axisOfDim[i]] = dims[i];
            }
        }
        return sizes;
    }

    /** The dimension mapped to {@code axis}, or -1. */
    public int dimOf(Axis axis) {
        for (int i = 0; i < axisOfDim.length; i++) {
            if (axisOfDim[i] == axis.ordinal()) {
                return i;
            }
        }
        return -1;
    }
}
