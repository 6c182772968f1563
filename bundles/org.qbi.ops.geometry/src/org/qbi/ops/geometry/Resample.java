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
import org.qbi.ops.geometry.internal.AxisPass;
import org.qbi.ops.geometry.internal.AxisValues;
import org.qbi.ops.geometry.internal.FloatVolume;
import org.qbi.ops.geometry.internal.GridMap;
import org.qbi.ops.geometry.internal.Taps;

/**
 * Resamples to a new voxel spacing or size with nearest, linear or cubic B-spline interpolation, optionally
 * smoothing first when downsampling (anti-aliasing); the calibration follows.
 *
 * @since 0.1
 */
public final class Resample implements Operator {

    public static final Param<double[]> SPACING = Param.reals("spacing", "Spacing",
            "New voxel spacing along x, y (, z) in the axes' unit (one value: every axis); leave empty and give size "
                    + "instead").range(0, Double.POSITIVE_INFINITY);
    public static final Param<double[]> SIZE = Param.reals("size", "Size",
            "New size in voxels along x, y (, z) (one value: every axis); leave empty and give spacing instead")
            .range(1, Integer.MAX_VALUE);
    public static final Param<Interpolation> INTERPOLATION = Param.choice("interpolation", "Interpolation",
            "nearest (order 0: keeps labels and masks), linear (order 1) or cubic (order 3 B-spline)",
            Interpolation.class, Interpolation.LINEAR);
    public static final Param<Boolean> ANTI_ALIASING = Param.flag("anti_aliasing", "Anti-aliasing",
            "Smooth along the axes being shrunk first, with a Gaussian of sigma (factor - 1) / 2 voxels "
                    + "(skimage.transform.resize's anti_aliasing); never with nearest interpolation", true);
    public static final Param<Boolean> GRID_MODE = Param.flag("grid_mode", "Voxel areas",
            "true: voxels are areas and the field of view is kept (scipy grid_mode=True, skimage resize, ITK); "
                    + "false: the first and last voxel centres are kept (scipy.ndimage.zoom's default)", true);
    public static final Param<EdgeMode> MODE = Param.choice("mode", "Border",
            "How the image is extended past its edges (scipy.ndimage modes; mirror is skimage resize's default "
                    + "'reflect')", EdgeMode.class, EdgeMode.MIRROR);
    public static final Param<Double> VALUE = Param.real("value", "Value",
            "The constant for the constant modes", 0);

    public static final OperatorSpec SPEC = OperatorSpec.builder("geometry.resample", "Resample")
            .category("Geometry")
            .description("Resamples every channel and time point to a new spacing (the size becomes "
                    + "round(size x spacing / new spacing), and the spacing field of view / size) or to a new size, "
                    + "along x, y and, for volumes, z. Output voxel o samples input position (o + 0.5) x f - 0.5 "
                    + "with f = size / new size (grid_mode true), or o x (size - 1) / (new size - 1) (grid_mode "
                    + "false), by B-splines of order 0, 1 or 3, exactly as scipy.ndimage.zoom(image, order=, mode=, "
                    + "grid_mode=). With anti_aliasing, axes being shrunk by a factor f > 1 are first smoothed by "
                    + "a Gaussian of sigma (f - 1) / 2 voxels (truncate 4) as skimage.transform.resize(anti_aliasing="
                    + "True, preserve_range=True) does; unlike resize, cubic overshoot is not clipped. The origin "
                    + "moves to the first output voxel's centre, so the image stays in place. Computed in float "
                    + "(spline prefilter in double); written in the input's type, rounded and clamped for integers "
                    + "(scipy keeps the type as well); values pass through float32, so 32-bit integers above 2^24 "
                    + "lose their last digits. Labels may only be resampled with nearest.")
            .reference("Unser M. Splines: a perfect fit for signal and image processing. IEEE Signal Process Mag "
                    + "1999;16(6):22-38; scipy.ndimage.zoom; skimage.transform.resize")
            .outputType("same as input")
            .parameters(SPACING, SIZE, INTERPOLATION, ANTI_ALIASING, GRID_MODE, MODE, VALUE)
            .input(Port.image("image", "Image to resample"))
            .output(Port.image("resampled", "Resampled image"))
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
        int order = interpolation.order();
        if (header.pixelType() == PixelType.LABEL32 && order > 0) {
            throw new IllegalArgumentException("Labels cannot be interpolated (" + interpolation.name().toLowerCase()
                    + " would mix object identities); use interpolation=nearest");
        }
        long[] dims = header.dimensions();
        int rank = AxisValues.rank(header);
        long[] sizes = newSizes(header, arguments, rank);
        long outVoxels = sizes[0] * sizes[1] * sizes[2];
        if (outVoxels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("The resampled image would have " + sizes[0] + " x " + sizes[1] + " x "
                    + sizes[2] + " voxels per channel, more than the 2^31 this operator handles");
        }
        boolean grid = arguments.get(GRID_MODE);
        EdgeMode mode = arguments.get(MODE);
        double constant = arguments.get(VALUE);
        double[] zoom = new double[3];
        double[] shift = new double[3];
        double[][] coordinates = new double[3][];
        for (int a = 0; a < 3; a++) {
            long n = dims[a];
            long m = sizes[a];
            // scipy.ndimage.zoom: the factor from the sizes, 1 where the divisor would be 0
            double divisor = grid ? m : m - 1;
            zoom[a] = divisor == 0 ? 1 : (grid ? n : n - 1) / divisor;
            shift[a] = grid ? (zoom[a] - 1) / 2 : 0;
            coordinates[a] = new double[(int) m];
            for (int o = 0; o < m; o++) {
                double cc = o;
                if (grid) {
                    cc += 0.5;
                    cc *= zoom[a];
                    cc -= 0.5;
                } else {
                    cc *= zoom[a];
                }
                coordinates[a][o] = cc;
            }
        }
        double[][] smoothing = new double[3][];
        if (arguments.get(ANTI_ALIASING) && order > 0) {
            for (int a = 0; a < rank; a++) {
                double sigma = Math.max(0, ((double) dims[a] / sizes[a] - 1) / 2);
                smoothing[a] = sigma > 0 ? gaussian(sigma, 4.0) : null;
            }
        }
        double[][] a = { { zoom[0], 0, 0 }, { 0, zoom[1], 0 }, { 0, 0, zoom[2] } };
        ImageHeader out = new GridMap(a, shift, sizes).header(header);
        ArrayImage result = context.allocate(out);
        long channels = dims[Axis.C.ordinal()];
        long times = dims[Axis.T.ordinal()];
        context.monitor().begin(SPEC.name(), channels * times * 6 * Math.max(dims[1], dims[2]));
        try {
            for (long t = 0; t < times; t++) {
                for (long c = 0; c < channels; c++) {
                    FloatVolume volume = FloatVolume.read(input, c, t, SPEC.id());
                    if (order > 1) {
                        // the spline prefilter must see the smoothed image: smooth every axis first
                        for (int axis = 0; axis < rank; axis++) {
                            if (smoothing[axis] != null) {
                                volume = AxisPass.run(volume, axis,
                                        Taps.kernel(smoothing[axis], (int) dims[axis], gaussianMode(mode)), false,
                                        mode, constant, context, SPEC.id());
                            }
                        }
                    }
                    for (int axis = 0; axis < rank; axis++) {
                        int n = (int) dims[axis];
                        Taps taps = Taps.interpolation(coordinates[axis], n, order, mode);
                        if (order <= 1 && smoothing[axis] != null) {
                            // smoothing and interpolation along one axis are one linear map: one pass, evaluated
                            // only where the output samples
                            taps = Taps.smoothed(taps, smoothing[axis], n, gaussianMode(mode));
                        }
                        volume = AxisPass.run(volume, axis, taps, order > 1, mode, constant, context, SPEC.id());
                    }
                    volume.write(result, c, t);
                }
            }
        } finally {
            context.monitor().done();
        }
        return Outputs.ofImage(SPEC, result);
    }

    /** The new x, y, z sizes from either spacing or size. */
    private static long[] newSizes(ImageHeader header, Arguments arguments, int rank) {
        double[] spacing = arguments.get(SPACING);
        double[] size = arguments.get(SIZE);
        if ((spacing.length == 0) == (size.length == 0)) {
            throw new IllegalArgumentException("geometry.resample needs either spacing (e.g. spacing=1) or size (e.g. "
                    + "size=128,128), not " + (spacing.length == 0 ? "neither" : "both"));
        }
        long[] dims = header.dimensions();
        long[] sizes = { dims[0], dims[1], dims[2] };
        if (size.length > 0) {
            double[] xyz = AxisValues.perAxis(SIZE.name(), size, rank, dims[2]);
            for (int a = 0; a < 3; a++) {
                sizes[a] = AxisValues.whole(SIZE.name(), xyz[a]);
            }
            if (rank == 2 && sizes[2] != dims[2]) {
                throw new IllegalArgumentException("A 2D image keeps its single z slice; size along z must be 1, got "
                        + sizes[2]);
            }
            return sizes;
        }
        double[] xyz = AxisValues.perAxis(SPACING.name(), spacing, rank, header.axes().get(2).spacing());
        for (int a = 0; a < rank; a++) {
            if (!(xyz[a] > 0)) {
                throw new IllegalArgumentException("The new spacing along " + "xyz".charAt(a) + " must be positive, got "
                        + xyz[a]);
            }
            double exact = dims[a] * header.axes().get(a).spacing() / xyz[a];
            if (exact > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("A spacing of " + xyz[a] + " along " + "xyz".charAt(a) + " would give "
                        + (long) exact + " voxels; choose a larger spacing");
            }
            sizes[a] = Math.max(1, Math.round(exact));
        }
        return sizes;
    }

    /** scipy.ndimage's Gaussian kernel: radius int(truncate * sigma + 0.5), normalised to sum 1. */
    static double[] gaussian(double sigma, double truncate) {
        int radius = (int) (truncate * sigma + 0.5);
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double v = Math.exp(-0.5 / (sigma * sigma) * i * i);
            kernel[i + radius] = v;
            sum += v;
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        return kernel;
    }

    /** The filter mode scipy.ndimage.gaussian_filter uses for an interpolation mode. */
    private static EdgeMode gaussianMode(EdgeMode mode) {
        return mode == EdgeMode.GRID_CONSTANT ? EdgeMode.CONSTANT : mode;
    }
}
