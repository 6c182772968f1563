package org.qbi.ops.geometry.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.block.Boundary;

/**
 * Moves whole stored pixels (any pixel type, RGB included, values untouched) from an input to an output grid
 * related by a signed permutation of the axes and an offset: crop, pad, flip, rotations by 90 degrees, reslicing,
 * extracting. Output voxel o takes input voxel {@code first[k] + sign[j] * o[j]} along input axis
 * {@code k = axisOf[j]}; indices outside the input are made up by a {@link Boundary} (or a constant pixel).
 * Parallel over output planes; every output value has exactly one source, so the result is the same whatever
 * the threads.
 *
 * @param axisOf      input axis (0, 1, 2) feeding output axis x, y, z
 * @param sign        +1 or -1 per output axis
 * @param first       input index of output index 0 along each input axis (x, y, z)
 * @param firstC      input channel of output channel 0
 * @param firstT      input time point of output time point 0
 * @param boundary    how indices outside the input are mapped; null when every index is inside
 * @param constant    the value of a pixel outside when {@code boundary} is {@link Boundary#CONSTANT}
 */
public record VoxelCopy(int[] axisOf, int[] sign, long[] first, long firstC, long firstT, Boundary boundary,
        double constant) {

    /** A plain shift (crop, extract): output voxel o is input voxel first + o. */
    public static VoxelCopy shift(long[] first, long firstC, long firstT) {
        return new VoxelCopy(new int[] { 0, 1, 2 }, new int[] { 1, 1, 1 }, first, firstC, firstT, null, 0);
    }

    /** The same copy as an affine map for {@link GridMap}. */
    public GridMap gridMap(long[] sizes) {
        double[][] a = new double[3][3];
        for (int j = 0; j < 3; j++) {
            a[axisOf[j]][j] = sign[j];
        }
        return new GridMap(a, new double[] { first[0], first[1], first[2] }, sizes);
    }

    /**
     * Fills {@code output} (allocated by the caller with the output header) from {@code input}.
     */
    public void run(Image input, ArrayImage output, OperatorContext context, String task) throws IOException {
        ImageHeader in = input.header();
        ImageHeader out = output.header();
        long[] inDims = in.dimensions();
        long[] outDims = out.dimensions();
        int bpp = in.pixelType().bytesPerPixel();
        // per output axis: input index (relative to the region read) of each output index, -1 for a constant pixel
        long[] lo = new long[3];
        long[] hi = new long[3];
        long[][] maps = new long[3][];
        for (int j = 0; j < 3; j++) {
            int k = axisOf[j];
            maps[j] = new long[Math.toIntExact(outDims[j])];
            lo[k] = Long.MAX_VALUE;
            hi[k] = Long.MIN_VALUE;
            for (int o = 0; o < maps[j].length; o++) {
                long i = first[k] + (long) sign[j] * o;
                long m = boundary == null ? i : boundary.map(i, inDims[k]);
                if (m >= inDims[k] || (boundary == null && m < 0)) {
                    throw new IllegalArgumentException("Output index " + o + " along " + "xyz".charAt(j)
                            + " comes from input index " + i + " along " + "xyz".charAt(k) + ", outside 0.."
                            + (inDims[k] - 1));
                }
                maps[j][o] = m;
                if (m >= 0) {
                    lo[k] = Math.min(lo[k], m);
                    hi[k] = Math.max(hi[k], m);
                }
            }
        }
        boolean anyInside = true;
        for (int k = 0; k < 3; k++) {
            if (lo[k] > hi[k]) {
                anyInside = false;
                lo[k] = 0;
                hi[k] = 0;
            }
        }
        // an image in memory is read in place; others are read region by region (decoding only what is needed)
        boolean inPlace = input instanceof ArrayImage;
        if (inPlace) {
            lo = new long[3];
            hi = new long[] { inDims[0] - 1, inDims[1] - 1, inDims[2] - 1 };
        }
        long[] regionSize = { hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1 };
        long[] stride = { 1, regionSize[0], regionSize[0] * regionSize[1] };
        for (int j = 0; j < 3; j++) {
            int k = axisOf[j];
            for (int o = 0; o < maps[j].length; o++) {
                maps[j][o] = maps[j][o] < 0 ? -1 : (maps[j][o] - lo[k]) * stride[k];
            }
        }
        long[] runs = runs(maps[0]);
        MemorySegment constantPixel = constantPixel(in.pixelType(), constant);
        long nc = outDims[Axis.C.ordinal()];
        long nt = outDims[Axis.T.ordinal()];
        long nzOut = outDims[2];
        long planeBytes = outDims[0] * outDims[1] * bpp;
        context.monitor().begin(task, nc * nt * nzOut);
        try {
            for (long t = 0; t < nt; t++) {
                for (long c = 0; c < nc; c++) {
                    context.monitor().checkCanceled(task);
                    long ct = c + nc * t;
                    try (Arena arena = Arena.ofShared()) {
                        long volumeBytes = inDims[0] * inDims[1] * inDims[2] * bpp;
                        MemorySegment region = !anyInside ? MemorySegment.NULL
                                : inPlace ? ((ArrayImage) input).values().asSlice(
                                        volumeBytes * ((firstC + c) + inDims[3] * (firstT + t)), volumeBytes)
                                : input.readRegion(new long[] { lo[0], lo[1], lo[2], firstC + c, firstT + t },
                                        new long[] { regionSize[0], regionSize[1], regionSize[2], 1, 1 }, arena);
                        MemorySegment target = output.values();
                        context.forEach(Math.toIntExact(nzOut), z -> {
                            long planeStart = (z + nzOut * ct) * planeBytes;
                            long mz = maps[2][z];
                            for (int y = 0; y < outDims[1]; y++) {
                                long my = maps[1][y];
                                long rowStart = planeStart + (long) y * outDims[0] * bpp;
                                if (mz < 0 || my < 0) {
                                    fill(target, rowStart, outDims[0], constantPixel, bpp);
                                } else if (runs != null) {
                                    // runs of consecutive source voxels: one bulk copy each
                                    for (int r = 0; r < runs.length; r += 3) {
                                        long from = runs[r + 1];
                                        if (from < 0) {
                                            fill(target, rowStart + runs[r] * bpp, runs[r + 2], constantPixel, bpp);
                                        } else {
                                            MemorySegment.copy(region, (my + mz + from) * bpp, target,
                                                    rowStart + runs[r] * bpp, runs[r + 2] * bpp);
                                        }
                                    }
                                } else {
                                    copyRow(region, my + mz, maps[0], target, rowStart, constantPixel, bpp);
                                }
                            }
                        });
                    }
                }
            }
        } finally {
            context.monitor().done();
        }
    }

    /**
     * The x map as runs {output start, source start (-1: constant), length} when there are few (crop, pad,
     * transposes keeping x), or null when copying voxel by voxel is better (flips and turns of x).
     */
    static long[] runs(long[] map) {
        java.util.List<long[]> runs = new java.util.ArrayList<>();
        int start = 0;
        for (int x = 1; x <= map.length; x++) {
            boolean continues = x < map.length && (map[x] < 0 ? map[start] < 0 : map[start] >= 0
                    && map[x] == map[x - 1] + 1);
            if (!continues) {
                runs.add(new long[] { start, map[start], x - start });
                start = x;
            }
        }
        if (runs.size() > Math.max(4, map.length / 8)) {
            return null;
        }
        long[] flat = new long[runs.size() * 3];
        for (int r = 0; r < runs.size(); r++) {
            System.arraycopy(runs.get(r), 0, flat, 3 * r, 3);
        }
        return flat;
    }

    private static void copyRow(MemorySegment region, long base, long[] mapX, MemorySegment target, long rowStart,
            MemorySegment constantPixel, int bpp) {
        int n = mapX.length;
        switch (bpp) {
            case 1 -> {
                for (int x = 0; x < n; x++) {
                    long m = mapX[x];
                    byte v = m < 0 ? constantPixel.get(ValueLayout.JAVA_BYTE, 0) : region.get(ValueLayout.JAVA_BYTE, base + m);
                    target.set(ValueLayout.JAVA_BYTE, rowStart + x, v);
                }
            }
            case 2 -> {
                for (int x = 0; x < n; x++) {
                    long m = mapX[x];
                    short v = m < 0 ? constantPixel.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0)
                            : region.get(ValueLayout.JAVA_SHORT_UNALIGNED, (base + m) * 2);
                    target.set(ValueLayout.JAVA_SHORT_UNALIGNED, rowStart + 2L * x, v);
                }
            }
            case 4 -> {
                for (int x = 0; x < n; x++) {
                    long m = mapX[x];
                    int v = m < 0 ? constantPixel.get(ValueLayout.JAVA_INT_UNALIGNED, 0)
                            : region.get(ValueLayout.JAVA_INT_UNALIGNED, (base + m) * 4);
                    target.set(ValueLayout.JAVA_INT_UNALIGNED, rowStart + 4L * x, v);
                }
            }
            case 8 -> {
                for (int x = 0; x < n; x++) {
                    long m = mapX[x];
                    long v = m < 0 ? constantPixel.get(ValueLayout.JAVA_LONG_UNALIGNED, 0)
                            : region.get(ValueLayout.JAVA_LONG_UNALIGNED, (base + m) * 8);
                    target.set(ValueLayout.JAVA_LONG_UNALIGNED, rowStart + 8L * x, v);
                }
            }
            default -> {
                for (int x = 0; x < n; x++) {
                    long m = mapX[x];
                    MemorySegment.copy(m < 0 ? constantPixel : region, m < 0 ? 0 : (base + m) * bpp, target,
                            rowStart + (long) x * bpp, bpp);
                }
            }
        }
    }

    private static void fill(MemorySegment target, long rowStart, long count, MemorySegment pixel, int bpp) {
        for (long x = 0; x < count; x++) {
            MemorySegment.copy(pixel, 0, target, rowStart + x * bpp, bpp);
        }
    }

    /** One pixel of {@code type} with every sample set to {@code value} (rounded and clamped for integers). */
    static MemorySegment constantPixel(PixelType type, double value) {
        MemorySegment pixel = MemorySegment.ofArray(new byte[Math.max(8, type.bytesPerPixel())]);
        for (int s = 0; s < type.samplesPerPixel(); s++) {
            PixelValues.set(type, pixel, s, value);
        }
        return pixel;
    }
}
