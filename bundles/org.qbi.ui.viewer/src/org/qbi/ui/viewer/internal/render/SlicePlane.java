package org.qbi.ui.viewer.internal.render;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.BooleanSupplier;

import org.qbi.core.image.Axis;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.progress.CancelledException;

/**
 * The three orthogonal planes of a volume, named as radiologists name them for a volume stored axially: which
 * image axis runs to the right on screen ({@link #horizontal}), which runs down ({@link #vertical}) and which
 * the plane cuts ({@link #normal}). Screen rows follow the vertical axis's index downwards (z grows down in the
 * coronal and sagittal planes, as in Fiji's orthogonal views); {@link OrientationLabels} says which anatomical
 * direction that is where the header has an orientation.
 */
public enum SlicePlane {

    /** x to the right, y down: the stored planes. */
    AXIAL("Axial (x-y)", Axis.X, Axis.Y, Axis.Z),
    /** x to the right, z down. */
    CORONAL("Coronal (x-z)", Axis.X, Axis.Z, Axis.Y),
    /** y to the right, z down. */
    SAGITTAL("Sagittal (y-z)", Axis.Y, Axis.Z, Axis.X);

    private final String label;
    private final Axis horizontal;
    private final Axis vertical;
    private final Axis normal;

    SlicePlane(String label, Axis horizontal, Axis vertical, Axis normal) {
        this.label = label;
        this.horizontal = horizontal;
        this.vertical = vertical;
        this.normal = normal;
    }

    /** "Axial (x-y)". */
    public String label() {
        return label;
    }

    public Axis horizontal() {
        return horizontal;
    }

    public Axis vertical() {
        return vertical;
    }

    public Axis normal() {
        return normal;
    }

    /** The plane cut across {@code axis} (x: sagittal, y: coronal, z: axial). */
    public static SlicePlane across(Axis axis) {
        return switch (axis) {
            case X -> SAGITTAL;
            case Y -> CORONAL;
            case Z -> AXIAL;
            default -> throw new IllegalArgumentException("Planes cut x, y or z, not " + axis.label());
        };
    }

    /** Pixels per row of this plane of an image. */
    public int width(ImageHeader header) {
        return Math.toIntExact(header.size(horizontal));
    }

    /** Rows of this plane of an image. */
    public int height(ImageHeader header) {
        return Math.toIntExact(header.size(vertical));
    }

    /** Number of such planes (the size along the normal). */
    public long depth(ImageHeader header) {
        return header.size(normal);
    }

    /** Screen height over width of one pixel of this plane (spacing vertical / horizontal; 1 for unlike units). */
    public double aspect(ImageHeader header) {
        return ViewTransform.aspect(header.axis(horizontal), header.axis(vertical));
    }

    /**
     * The voxel (x, y, z) shown at pixel (h, v) of the plane at {@code index} along the normal.
     */
    public long[] voxel(long h, long v, long index) {
        long[] xyz = new long[3];
        xyz[horizontal.ordinal()] = h;
        xyz[vertical.ordinal()] = v;
        xyz[normal.ordinal()] = index;
        return xyz;
    }

    /** The stored values of plane {@code index} (channel c, time t), h fastest then v: one region read. */
    public MemorySegment read(Image image, long index, long c, long t, Arena arena) throws IOException {
        return read(image, index, c, t, arena, () -> false);
    }

    /**
     * Bytes of chunks a reader decodes for one plane of this orientation (at most; the cache may hold some):
     * what tells a cheap plane from one worth an overview first.
     */
    public long readCost(Image image) {
        ChunkGrid grid = image.grid();
        long[] counts = grid.chunkCounts();
        long[] size = grid.chunkSize();
        double chunkBytes = image.header().pixelType().bytesPerPixel();
        for (long s : size) {
            chunkBytes *= s;
        }
        double cost = chunkBytes * counts[horizontal.ordinal()] * counts[vertical.ordinal()];
        return cost > Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) cost;
    }

    /**
     * Like {@link #read(Image, long, long, long, Arena)}, one band of chunks at a time, checking {@code cancelled}
     * between bands.
     *
     * @throws CancelledException when {@code cancelled} became true
     */
    public MemorySegment read(Image image, long index, long c, long t, Arena arena, BooleanSupplier cancelled)
            throws IOException {
        long[] dims = image.header().dimensions();
        if (index < 0 || index >= dims[normal.ordinal()]) {
            throw new IndexOutOfBoundsException(label + " plane " + index + " is outside 0 .. "
                    + (dims[normal.ordinal()] - 1));
        }
        if (this == SAGITTAL) {
            return readAcrossRows(image, index, c, t, arena, cancelled);
        }
        long[] origin = { 0, 0, 0, c, t };
        long[] size = { dims[0], dims[1], dims[2], 1, 1 };
        origin[normal.ordinal()] = index;
        size[normal.ordinal()] = 1;
        // a region one voxel thick along the normal is laid out h fastest, then v: x before y before z, so each
        // band of rows along v is one contiguous part of the plane
        int v = vertical.ordinal();
        long rows = dims[v];
        long band = image.grid().chunkSize()[v];
        if (band >= rows) {
            return image.readRegion(origin, size, arena);
        }
        long rowBytes = dims[horizontal.ordinal()] * image.header().pixelType().bytesPerPixel();
        MemorySegment target = arena.allocate(rowBytes * rows, 8);
        for (long first = 0; first < rows; first += band) {
            if (cancelled.getAsBoolean()) {
                throw new CancelledException("Reading the plane");
            }
            long[] o = origin.clone();
            long[] n = size.clone();
            o[v] = first;
            n[v] = Math.min(band, rows - first);
            try (Arena part = Arena.ofConfined()) {
                MemorySegment.copy(image.readRegion(o, n, part), 0, target, first * rowBytes, n[v] * rowBytes);
            }
        }
        return target;
    }

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    /**
     * The sagittal plane x = {@code index}: one voxel from every row, so a region read would copy one voxel at a
     * time; this copies them straight from each chunk the plane crosses, by value (bytes kept as they are).
     */
    private static MemorySegment readAcrossRows(Image image, long index, long c, long t, Arena arena,
            BooleanSupplier cancelled) throws IOException {
        ImageHeader header = image.header();
        long width = header.size(Axis.Y);
        long height = header.size(Axis.Z);
        int bpp = header.pixelType().bytesPerPixel();
        MemorySegment target = arena.allocate(width * height * bpp, 8);
        ChunkGrid grid = image.grid();
        long[] counts = grid.chunkCounts();
        long[] chunkSize = grid.chunkSize();
        for (long cz = 0; cz < counts[2]; cz++) {
            if (cancelled.getAsBoolean()) {
                throw new CancelledException("Reading the plane");
            }
            for (long cy = 0; cy < counts[1]; cy++) {
                long[] chunkIndex = { index / chunkSize[0], cy, cz, c / chunkSize[3], t / chunkSize[4] };
                MemorySegment chunk = image.chunk(chunkIndex);
                long[] o = grid.origin(chunkIndex);
                long[] n = grid.size(chunkIndex);
                long base = (index - o[0]) + n[0] * n[1] * n[2] * ((c - o[3]) + n[3] * (t - o[4]));
                for (long z = 0; z < n[2]; z++) {
                    long src = base + n[0] * n[1] * z;
                    long dst = o[1] + width * (o[2] + z);
                    for (long y = 0; y < n[1]; y++, src += n[0], dst++) {
                        switch (bpp) {
                            case 1 -> target.set(ValueLayout.JAVA_BYTE, dst, chunk.get(ValueLayout.JAVA_BYTE, src));
                            case 2 -> target.set(SHORT, 2 * dst, chunk.get(SHORT, 2 * src));
                            case 4 -> target.set(INT, 4 * dst, chunk.get(INT, 4 * src));
                            case 8 -> target.set(LONG, 8 * dst, chunk.get(LONG, 8 * src));
                            default -> MemorySegment.copy(chunk, src * bpp, target, dst * bpp, bpp);
                        }
                    }
                }
            }
        }
        return target;
    }
}
