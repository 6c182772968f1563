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
import org.qbi.ops.geometry.internal.AxisValues;
import org.qbi.ops.geometry.internal.VoxelCopy;

/**
 * Cuts a box out of an image; the origin moves so every voxel keeps its world position.
 *
 * @since 0.1
 */
public final class Crop implements Operator {

    public static final Param<double[]> ORIGIN = Param.reals("origin", "Origin",
            "First voxel of the box along x, y (, z): one value for every axis or one per axis; in voxels, or in the "
                    + "axes' unit from the first voxel's centre when physical is true", 0);
    public static final Param<double[]> SIZE = Param.reals("size", "Size",
            "Size of the box along x, y (, z), in voxels or (physical) in the axes' unit; empty: up to the image's "
                    + "end").range(0, Double.POSITIVE_INFINITY);
    public static final Param<Boolean> PHYSICAL = Param.flag("physical", "Physical units",
            "Origin and size are in the axes' unit (mm, um), rounded to the nearest voxel, instead of voxels", false);

    public static final OperatorSpec SPEC = OperatorSpec.builder("geometry.crop", "Crop")
            .category("Geometry")
            .description("Keeps the box origin .. origin + size - 1 of every channel and time point (numpy's "
                    + "image[z0:z1, y0:y1, x0:x1]). The axes' origins move to the box's first voxel (in world "
                    + "coordinates when the image has an orientation), so every voxel stays where it was. A box "
                    + "reaching outside the image is refused (use geometry.pad to grow an image). Values are copied "
                    + "unchanged; any pixel type, RGB included.")
            .reference("numpy basic slicing; ITK RegionOfInterestImageFilter (origin convention)")
            .outputType("same as input")
            .parameters(ORIGIN, SIZE, PHYSICAL)
            .input(Port.image("image", "Image to crop"))
            .output(Port.image("cropped", "The box"))
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
        int rank = AxisValues.rank(header);
        boolean physical = arguments.get(PHYSICAL);
        double[] origin = AxisValues.perAxis(ORIGIN.name(), arguments.get(ORIGIN), rank, 0);
        double[] sizeValues = arguments.get(SIZE);
        double[] size = sizeValues.length == 0 ? null : AxisValues.perAxis(SIZE.name(), sizeValues, rank, 1);
        long[] first = new long[3];
        long[] count = new long[3];
        for (int a = 0; a < 3; a++) {
            double spacing = header.axes().get(a).spacing();
            first[a] = physical ? Math.round(origin[a] / spacing) : AxisValues.whole(ORIGIN.name(), origin[a]);
            if (size == null) {
                count[a] = dims[a] - first[a];
            } else if (physical) {
                count[a] = a == 2 && rank == 2 ? 1 : Math.round(size[a] / spacing);
            } else {
                count[a] = AxisValues.whole(SIZE.name(), size[a]);
            }
            if (first[a] < 0 || count[a] < 1 || first[a] + count[a] > dims[a]) {
                throw new IllegalArgumentException("The crop box along " + "xyz".charAt(a) + " is voxels " + first[a]
                        + " .. " + (first[a] + count[a] - 1) + ", outside the image's 0 .. " + (dims[a] - 1)
                        + "; choose an origin and size inside it");
            }
        }
        VoxelCopy copy = VoxelCopy.shift(first, 0, 0);
        ImageHeader out = copy.gridMap(count).header(header);
        ArrayImage result = context.allocate(out);
        copy.run(input, result, context, SPEC.name());
        return Outputs.ofImage(SPEC, result);
    }
}
