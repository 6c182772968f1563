package org.qbi.ops.geometry;

import java.io.IOException;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.geometry.internal.AxisValues;
import org.qbi.ops.geometry.internal.FloatVolume;
import org.qbi.ops.geometry.internal.GridMap;
import org.qbi.ops.geometry.internal.PlaneRotation;

/**
 * Rotates by any angle in a plane with nearest, linear or cubic B-spline interpolation, as
 * scipy.ndimage.rotate; the orientation and origin follow so the image stays where it was in the world.
 *
 * @since 0.1
 */
public final class Rotate implements Operator {

    public static final Param<Double> ANGLE = Param.requiredReal("angle", "Angle",
            "Rotation in degrees from p towards q (counterclockwise as an x-y image is displayed)");
    public static final Param<Plane> PLANE = Param.choice("plane", "Plane", "The plane of the rotation", Plane.class,
            Plane.XY);
    public static final Param<Boolean> RESHAPE = Param.flag("reshape", "Fit",
            "true: the output grows to hold the whole rotated image; false: it keeps the input's size (corners "
                    + "are cut)", true);
    public static final Param<Interpolation> INTERPOLATION = Param.choice("interpolation", "Interpolation",
            "nearest (order 0), linear (order 1) or cubic (order 3 B-spline, scipy's default)", Interpolation.class,
            Interpolation.CUBIC);
    public static final Param<EdgeMode> MODE = Param.choice("mode", "Border",
            "How the image is extended past its edges (scipy.ndimage modes)", EdgeMode.class, EdgeMode.CONSTANT);
    public static final Param<Double> VALUE = Param.real("value", "Value",
            "The value outside the image for the constant modes", 0);

    public static final OperatorSpec SPEC = OperatorSpec.builder("geometry.rotate", "Rotate")
            .category("Geometry")
            .description("Rotates every plane parallel to plane by angle degrees about the plane's centre, exactly as "
                    + "scipy.ndimage.rotate(array, angle, axes, reshape, order, mode, cval) on the (z, y, x) array with "
                    + "axes (1, 2) for xy ((1, 0) for a 2D image), (0, 2) for xz and (0, 1) for yz: output voxel o "
                    + "samples the input at R o + offset, with R = [[cos, sin], [-sin, cos]] on (p, q), and with "
                    + "reshape the output size is the rotated box's extent + 0.5, rounded down. The orientation and "
                    + "origin follow (output axes turned by the angle in world space), so world positions are kept. "
                    + "The two plane axes must have the same spacing (rotating anisotropic voxels in index space would "
                    + "shear the image): resample first, or use geometry.rotate90. Computed in float (spline "
                    + "prefilter in double); written in the input's type, rounded and clamped for integers; values pass through "
                    + "float32, so 32-bit integers above 2^24 lose their last digits.")
            .reference("scipy.ndimage.rotate; Unser M. Splines: a perfect fit for signal and image processing. "
                    + "IEEE Signal Process Mag 1999;16(6):22-38")
            .outputType("same as input")
            .parameters(ANGLE, PLANE, RESHAPE, INTERPOLATION, MODE, VALUE)
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
        AxisValues.requireSingleSample(SPEC.id(), header);
        Interpolation interpolation = arguments.get(INTERPOLATION);
        if (header.pixelType() == PixelType.LABEL32 && interpolation != Interpolation.NEAREST) {
            throw new IllegalArgumentException("Labels cannot be interpolated (" + interpolation.name().toLowerCase()
                    + " would mix object identities); use interpolation=nearest");
        }
        double angle = arguments.get(ANGLE);
        if (!Double.isFinite(angle)) {
            throw new IllegalArgumentException("The angle must be a finite number of degrees, got " + angle);
        }
        Plane plane = arguments.get(PLANE);
        long[] dims = header.dimensions();
        int p = plane.p();
        int q = plane.q();
        if (plane != Plane.XY && dims[2] < 2) {
            throw new IllegalArgumentException("Plane " + plane.name().toLowerCase() + " needs a volume; this image has "
                    + "a single z slice (rotate in plane xy)");
        }
        double cos = AxisValues.cosDegrees(angle);
        double sin = AxisValues.sinDegrees(angle);
        boolean quarter = cos == 0 || sin == 0;
        double sp = header.axes().get(p).spacing();
        double sq = header.axes().get(q).spacing();
        if (!quarter && (Math.abs(sp - sq) > 1e-6 * Math.max(sp, sq)
                || !header.axes().get(p).unit().equals(header.axes().get(q).unit()))) {
            throw new IllegalArgumentException("Rotating by " + angle + " degrees in plane " + plane.name().toLowerCase()
                    + " needs equal spacing along " + "xyz".charAt(p) + " and " + "xyz".charAt(q) + "; they are " + sp
                    + " " + header.axes().get(p).unit() + " and " + sq + " " + header.axes().get(q).unit()
                    + ". Resample to isotropic voxels first (geometry.resample), or use geometry.rotate90");
        }
        PlaneRotation rotation = PlaneRotation.of(dims[p], dims[q], cos, sin, arguments.get(RESHAPE));
        long[] sizes = { dims[0], dims[1], dims[2] };
        sizes[p] = rotation.outP();
        sizes[q] = rotation.outQ();
        if (sizes[0] * sizes[1] * sizes[2] > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("The rotated volume would have " + sizes[0] + " x " + sizes[1] + " x "
                    + sizes[2] + " voxels per channel, more than the 2^31 this operator handles");
        }
        double[][] a = GridMap.identity();
        a[p][p] = cos;
        a[p][q] = sin;
        a[q][p] = -sin;
        a[q][q] = cos;
        double[] b = new double[3];
        b[p] = rotation.offsetP();
        b[q] = rotation.offsetQ();
        ArrayImage result = context.allocate(new GridMap(a, b, sizes).header(header));
        long channels = dims[Axis.C.ordinal()];
        long times = dims[Axis.T.ordinal()];
        int order = interpolation.order();
        EdgeMode mode = arguments.get(MODE);
        double constant = arguments.get(VALUE);
        context.monitor().begin(SPEC.name(), channels * times * dims[plane.normal()] * rotation.outP());
        try {
            for (long t = 0; t < times; t++) {
                for (long c = 0; c < channels; c++) {
                    FloatVolume volume = FloatVolume.read(input, c, t, SPEC.id());
                    FloatVolume rotated = FloatVolume.allocate(sizes[0], sizes[1], sizes[2], SPEC.id());
                    rotation.run(volume, rotated, plane, order, mode, constant, context);
                    rotated.write(result, c, t);
                }
            }
        } finally {
            context.monitor().done();
        }
        return Outputs.ofImage(SPEC, result);
    }
}
