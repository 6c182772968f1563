package org.qbi.ops.segment.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.ops.Length;

/**
 * The x-y-z geometry of one channel and time point of an image, as the global segmentation operators see it, and
 * the reading and writing of its values as primitive arrays. Global operators hold a volume in memory, so its
 * voxel count must fit a Java array ({@link #of} refuses larger ones, naming the size).
 * <p>
 * A volume is a stack of {@code planes()} planes of {@code rowsPerPlane()} rows of {@code nx} voxels: z-planes
 * for a 3D image; for a 2D image (z size 1) every row is a plane, so slab-wise algorithms split a 2D image into
 * bands of rows exactly as they split a volume into bands of planes. Linear (raster) indices are the same in both
 * views: x fastest, then y, then z.
 *
 * @param nx, ny, nz sizes along x, y, z
 * @param channels   size along c
 */
public record Volume(int nx, int ny, int nz, long channels) {

    public static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /**
     * The geometry of {@code header}'s volumes.
     *
     * @throws IllegalArgumentException when one volume has 2^31 voxels or more
     */
    public static Volume of(ImageHeader header, String operator) {
        long nx = header.size(Axis.X);
        long ny = header.size(Axis.Y);
        long nz = header.size(Axis.Z);
        long voxels = nx * ny * nz;
        if (voxels >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(operator + " holds one volume in memory and takes up to 2^31 voxels; "
                    + "this image has " + nx + " x " + ny + " x " + nz + " = " + voxels + ": crop or downsample it first");
        }
        return new Volume((int) nx, (int) ny, (int) nz, header.size(Axis.C));
    }

    /**
     * Refuses to start when the Java heap cannot hold {@code bytes} more (instead of failing later with an
     * OutOfMemoryError).
     */
    public static void requireHeap(long bytes, String operator) {
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (bytes > free) {
            throw new IllegalArgumentException(operator + " needs about " + (bytes >> 20) + " MB of working memory, "
                    + "the Java heap has " + (free >> 20) + " MB free: raise -Xmx or process a smaller image");
        }
    }

    public int voxels() {
        return nx * ny * nz;
    }

    public boolean is3D() {
        return nz > 1;
    }

    /** Rows of one plane: ny for a volume, 1 for a 2D image (where every row is a plane). */
    public int rowsPerPlane() {
        return nz > 1 ? ny : 1;
    }

    /** Planes: nz for a volume, ny for a 2D image. */
    public int planes() {
        return nz > 1 ? nz : ny;
    }

    /** Voxels of one plane. */
    public int planeVoxels() {
        return nx * rowsPerPlane();
    }

    /** Index (in samples) of the first voxel of channel {@code c}, time {@code t} in the image's values. */
    public long volumeOffset(long c, long t) {
        return (long) voxels() * (c + channels * t);
    }

    /**
     * The stored values of planes {@code p0} .. {@code p1 - 1} of channel {@code c}, time {@code t}: sample 0 is the
     * first voxel of plane p0. A slice of the values for an {@link ArrayImage}, else a copy from {@code arena}.
     */
    public MemorySegment planes(Image image, long c, long t, int p0, int p1, Arena arena) throws IOException {
        int bytes = image.header().pixelType().bytesPerSample();
        if (image instanceof ArrayImage array) {
            long from = volumeOffset(c, t) + (long) p0 * planeVoxels();
            return array.values().asSlice(from * bytes, (long) (p1 - p0) * planeVoxels() * bytes);
        }
        long[] origin = nz > 1 ? new long[] { 0, 0, p0, c, t } : new long[] { 0, p0, 0, c, t };
        long[] size = nz > 1 ? new long[] { nx, ny, p1 - p0, 1, 1 } : new long[] { nx, p1 - p0, 1, 1, 1 };
        return image.readRegion(origin, size, arena);
    }

    /**
     * Splits the planes into about {@code parts} consecutive bands (at least one plane each), returned as their
     * first planes followed by the end: {p0, p1, ..., planes()}.
     */
    public int[] bands(int parts) {
        int n = Math.max(1, Math.min(parts, planes()));
        int[] bounds = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            bounds[i] = (int) ((long) planes() * i / n);
        }
        return bounds;
    }

    /** The output header: the input's axes with {@code type} and no rescale (the values are not intensities). */
    public static ImageHeader outputHeader(ImageHeader input, PixelType type) {
        return input.withPixelType(type).withRescale(Rescale.IDENTITY);
    }

    /**
     * Voxel sizes along x, y, z for distance computations: {@code given} (1 to 3 values, x first; a missing z is 1)
     * when not empty, else the image's spacing in the x axis's unit (1 per voxel when uncalibrated).
     *
     * @throws IllegalArgumentException when given values are not positive, or the axes' units cannot be converted
     *                                  into one another
     */
    public static double[] spacing(ImageHeader header, double[] given, String parameter) {
        double[] spacing = { 1, 1, 1 };
        if (given.length > 0) {
            if (given.length > 3) {
                throw new IllegalArgumentException("Parameter '" + parameter + "' takes 1 to 3 values (x, y, z), got "
                        + given.length);
            }
            for (int a = 0; a < 3; a++) {
                double v = a < given.length ? given[a] : given.length == 1 ? given[0] : 1;
                if (!(v > 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException("Parameter '" + parameter + "': voxel sizes must be positive and "
                            + "finite, got " + v);
                }
                spacing[a] = v;
            }
            return spacing;
        }
        AxisCalibration x = header.axis(Axis.X);
        for (int a = 0; a < 3; a++) {
            AxisCalibration axis = header.axes().get(a);
            if (!x.isCalibrated() && !axis.isCalibrated()) {
                spacing[a] = 1;
            } else if (axis.unit().equals(x.unit())) {
                spacing[a] = axis.spacing();
            } else {
                try {
                    // one x-unit is toVoxels voxels along this axis: the spacing in x-units is its inverse
                    spacing[a] = 1 / new Length(1, x.unit()).toVoxels(axis);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Axes " + x.axis().label() + " (" + x.unit() + ") and "
                            + axis.axis().label() + " (" + axis.unit() + ") have units that cannot be compared; give "
                            + "the voxel size with parameter '" + parameter + "'", e);
                }
            }
        }
        return spacing;
    }

    /** The unit of distances computed with {@link #spacing} (the x axis's, or "px"). */
    public static String distanceUnit(ImageHeader header, double[] given) {
        AxisCalibration x = header.axis(Axis.X);
        return given.length == 0 && x.isCalibrated() ? x.unit() : "px";
    }

    /** Reads planes p0..p1 as 0/1 bytes (1 where the stored value is not 0) into {@code target[offset..]}. */
    public static void readMask(PixelType type, MemorySegment values, long from, byte[] target, int offset, int count) {
        switch (type.bytesPerSample()) {
            case 1 -> {
                MemorySegment.copy(values, ValueLayout.JAVA_BYTE, from, target, offset, count);
                for (int i = offset; i < offset + count; i++) {
                    target[i] = (byte) (target[i] != 0 ? 1 : 0);
                }
            }
            case 2 -> {
                for (int i = 0; i < count; i++) {
                    target[offset + i] = (byte) (values.get(SHORT, (from + i) * 2) != 0 ? 1 : 0);
                }
            }
            case 4 -> {
                for (int i = 0; i < count; i++) {
                    target[offset + i] = (byte) (values.get(INT, (from + i) * 4) != 0 ? 1 : 0);
                }
            }
            default -> throw new IllegalArgumentException("A mask is an integer image, got " + type.label());
        }
    }

    /** Every value of channel {@code c}, time {@code t} as doubles (exact for every single-sample type). */
    public double[] readDoubles(Image image, long c, long t) throws IOException {
        PixelType type = image.header().pixelType();
        double[] values = new double[voxels()];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = planes(image, c, t, 0, planes(), arena);
            for (int i = 0; i < values.length; i++) {
                values[i] = org.qbi.core.image.PixelValues.get(type, segment, i);
            }
        }
        return values;
    }

    /** A mask volume as 0/1 bytes (1 where the stored value is not 0). */
    public byte[] readMask(Image image, long c, long t) throws IOException {
        byte[] mask = new byte[voxels()];
        try (Arena arena = Arena.ofConfined()) {
            readMask(image.header().pixelType(), planes(image, c, t, 0, planes(), arena), 0, mask, 0, mask.length);
        }
        return mask;
    }

    /**
     * A label volume as ints.
     *
     * @throws IllegalArgumentException for negative labels or labels of 2^31 and more, naming the first
     */
    public int[] readLabels(Image image, long c, long t, String what) throws IOException {
        double[] values = readDoubles(image, c, t);
        int[] labels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(what + " holds label " + (long) v + " at voxel " + i
                        + "; labels are 0 (background) to 2147483647");
            }
            labels[i] = (int) v;
        }
        return labels;
    }

    /** Writes a volume of ints into channel {@code c}, time {@code t} of a label32/int32/uint32 image. */
    public void writeInts(ArrayImage target, long c, long t, int[] values) {
        MemorySegment.copy(values, 0, target.values(), INT, volumeOffset(c, t) * 4, values.length);
    }

    /** Writes a volume of 0/1 bytes into channel {@code c}, time {@code t} of a uint8 image. */
    public void writeBytes(ArrayImage target, long c, long t, byte[] values) {
        MemorySegment.copy(values, 0, target.values(), ValueLayout.JAVA_BYTE, volumeOffset(c, t), values.length);
    }

    /** Checks that {@code other} has this image's x, y, z, c, t sizes. */
    public static void requireSameSize(Image image, Image other, String operator, String what) {
        if (!java.util.Arrays.equals(image.header().dimensions(), other.header().dimensions())) {
            throw new IllegalArgumentException(operator + ": " + what + " is " + other.header().describe()
                    + ", the image is " + image.header().describe() + "; they must have the same size");
        }
    }
}
