package org.qbi.ui.viewer.internal.render;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;

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
        long[] dims = image.header().dimensions();
        if (index < 0 || index >= dims[normal.ordinal()]) {
            throw new IndexOutOfBoundsException(label + " plane " + index + " is outside 0 .. "
                    + (dims[normal.ordinal()] - 1));
        }
        long[] origin = { 0, 0, 0, c, t };
        long[] size = { dims[0], dims[1], dims[2], 1, 1 };
        origin[normal.ordinal()] = index;
        size[normal.ordinal()] = 1;
        // a region one voxel thick along the normal is laid out h fastest, then v: x before y before z
        return image.readRegion(origin, size, arena);
    }
}
