package org.qbi.ops.filters;

import org.qbi.core.image.ImageHeader;
import org.qbi.ops.Arguments;
import org.qbi.ops.Length;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.block.BlockKernel;
import org.qbi.ops.block.BlockOperator;
import org.qbi.ops.block.Boundary;
import org.qbi.ops.block.FloatBlock;
import org.qbi.ops.filters.internal.Footprint;

/**
 * What the filters over a neighbourhood (mean, median, minimum, maximum, variance, standard deviation) share: the
 * parameters radius, shape and mode, and how they turn them into a {@link Footprint}.
 * <p>
 * The neighbourhood is given as a radius: radius r covers 2r+1 voxels along each axis, so scipy.ndimage's
 * {@code size=3} is radius 1. A physical radius (0.5 mm) is converted per axis with the spacing and floored to
 * whole voxels for the box's extent; the ball is the ellipsoid (dx/rx)^2 + (dy/ry)^2 + (dz/rz)^2 <= 1 with the
 * exact radii, so ball radius 1 is the 6-neighbour cross (skimage.morphology.ball(1)). 2D images are filtered in
 * their plane.
 *
 * @since 0.1
 */
public abstract class NeighbourhoodFilter extends BlockOperator {

    /** The shapes of neighbourhood. */
    public enum Shape {
        /** (2r+1) voxels along each axis (scipy's size = 2r+1). */
        BOX,
        /** The ellipsoid of the radius inside the box (a disk on a 2D image). */
        BALL
    }

    public static final Param<Length> RADIUS = Param.length("radius", "Radius",
            "Half-width of the neighbourhood: radius r covers 2r+1 voxels along each axis (scipy's size=3 is radius "
                    + "1); voxels (1) or physical units (0.5 mm, converted per axis with the spacing, fractions floored "
                    + "for the box)", 1).range(0, Footprint.MAX_RADIUS);
    public static final Param<Shape> SHAPE = Param.choice("shape", "Shape",
            "box: (2r+1) voxels along each axis; ball: the ellipsoid of the radius (ball 1 = 6-neighbour cross)",
            Shape.class, Shape.BOX);
    public static final Param<Boundary> MODE = Param.choice("mode", "Border",
            "How values past the border are made up (scipy.ndimage modes)", Boundary.class, Boundary.REFLECT);

    /** The border convention each such filter states. */
    static final String BORDERS = " Borders by mode (scipy.ndimage's modes; default reflect). Radius r is scipy's "
            + "size 2r+1; shape ball is scipy's footprint=skimage.morphology.ball(r).";

    /** The declaration's common part. */
    static OperatorSpec.Builder spec(String id, String name, String description, String outputType) {
        return OperatorSpec.builder(id, name)
                .category("Filters")
                .description(description + BORDERS)
                .outputType(outputType)
                .parameters(RADIUS, SHAPE, MODE)
                .input(Port.image("image", "Image to filter"))
                .output(Port.image("filtered", "Filtered image"));
    }

    /** The footprint the arguments describe on an image with {@code header}. */
    static Footprint footprint(ImageHeader header, Arguments arguments) {
        double[] voxels = arguments.get(RADIUS).toVoxels(header);
        if (header.dimensions()[2] == 1) {
            voxels[2] = 0;
        }
        return Footprint.of(voxels, arguments.get(SHAPE) == Shape.BALL);
    }

    /** A kernel with {@code footprint}'s halo that runs {@code compute}. */
    static BlockKernel kernel(Footprint footprint, java.util.function.BiConsumer<FloatBlock, FloatBlock> compute) {
        int[] halo = footprint.radius();
        return new BlockKernel() {
            @Override
            public int[] halo() {
                return halo.clone();
            }

            @Override
            public void compute(FloatBlock in, FloatBlock out) {
                compute.accept(in, out);
            }
        };
    }

    @Override
    protected Boundary boundary(Arguments arguments) {
        return arguments.get(MODE);
    }
}
