package org.qbi.ops.geometry;

import java.io.IOException;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.geometry.internal.VoxelCopy;

/**
 * Rotates by k quarter turns in a plane without interpolation; spacing, orientation and origin follow.
 *
 * @since 0.1
 */
public final class Rotate90 implements Operator {

    public static final Param<Integer> K = Param.integer("k", "Quarter turns",
            "Number of 90-degree turns from p towards q (counterclockwise as an x-y image is displayed); negative "
                    + "turns the other way", 1);
    public static final Param<Plane> PLANE = Param.choice("plane", "Plane", "The plane of the rotation", Plane.class,
            Plane.XY);

    public static final OperatorSpec SPEC = OperatorSpec.builder("geometry.rotate90", "Rotate by 90 degrees")
            .category("Geometry")
            .description("Turns every channel and time point by k x 90 degrees, exactly as numpy.rot90(array, k, "
                    + "axes) on the (z, y, x) array with axes (1, 2) for plane xy ((0, 1) for a 2D image), (0, 2) for "
                    + "xz and (0, 1) for yz. Sizes and spacings of the two axes swap for odd k; the orientation and "
                    + "origin follow so each voxel keeps its world position (anisotropic voxels are fine: nothing is "
                    + "interpolated). Values are copied unchanged; any pixel type, RGB included.")
            .reference("numpy.rot90")
            .outputType("same as input")
            .parameters(K, PLANE)
            .input(Port.image("image", "Image to rotate"))
            .output(Port.image("rotated", "Rotated image"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image input = inputs.image();
        ImageHeader header = input.header();
        long[] dims = header.dimensions();
        Plane plane = arguments.get(PLANE);
        int p = plane.p();
        int q = plane.q();
        int k = Math.floorMod(arguments.get(K), 4);
        int[] axisOf = { 0, 1, 2 };
        int[] sign = { 1, 1, 1 };
        long[] first = new long[3];
        long[] sizes = { dims[0], dims[1], dims[2] };
        switch (k) {
            case 1 -> {
                // out[u along p, v along q] = in[v along p, n_q - 1 - u along q]
                axisOf[q] = p;
                axisOf[p] = q;
                sign[p] = -1;
                first[q] = dims[q] - 1;
                sizes[p] = dims[q];
                sizes[q] = dims[p];
            }
            case 2 -> {
                sign[p] = -1;
                sign[q] = -1;
                first[p] = dims[p] - 1;
                first[q] = dims[q] - 1;
            }
            case 3 -> {
                // out[u along p, v along q] = in[n_p - 1 - v along p, u along q]
                axisOf[q] = p;
                axisOf[p] = q;
                sign[q] = -1;
                first[p] = dims[p] - 1;
                sizes[p] = dims[q];
                sizes[q] = dims[p];
            }
            default -> {
            }
        }
        VoxelCopy copy = new VoxelCopy(axisOf, sign, first, 0, 0, null, 0);
        ArrayImage result = context.allocate(copy.gridMap(sizes).header(header));
        copy.run(input, result, context, SPEC.name());
        return Outputs.ofImage(SPEC, result);
    }
}
