package org.qbi.ops.compare;

import java.io.IOException;
import java.util.List;

import org.qbi.core.image.PixelType;
import org.qbi.core.table.Column;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.compare.internal.DataRange;
import org.qbi.ops.compare.internal.ImagePair;
import org.qbi.ops.compare.internal.SsimMean;

/**
 * The structural similarity index (SSIM) of two images, as skimage.metrics.structural_similarity, in 2D or 3D.
 *
 * @since 0.1
 */
public final class Ssim implements Operator {

    public static final Param<Double> DATA_RANGE = Param.real("data_range", "Data range",
            "Span of possible values (sets C1 and C2); 0: the reference type's max - min as skimage does (255 for "
                    + "uint8, 65535 for uint16); float images must give it", 0).range(0, Double.POSITIVE_INFINITY);
    public static final Param<Integer> WIN_SIZE = Param.integer("win_size", "Window",
            "Side of the uniform window in voxels (odd); ignored with gaussian_weights (then 2 int(3.5 sigma + 0.5) "
                    + "+ 1)", 7).range(3, 1001);
    public static final Param<Boolean> GAUSSIAN_WEIGHTS = Param.flag("gaussian_weights", "Gaussian window",
            "Weigh the window with a Gaussian of sigma (Wang et al. 2004 use sigma 1.5 and no sample covariance)",
            false);
    public static final Param<Double> SIGMA = Param.real("sigma", "Sigma",
            "Standard deviation of the Gaussian window in voxels", 1.5).range(0.1, 100);
    public static final Param<Boolean> USE_SAMPLE_COVARIANCE = Param.flag("use_sample_covariance",
            "Sample covariance", "Normalise variances by NP - 1 instead of NP (NP = window voxels)", true);
    public static final Param<Double> K1 = Param.real("k1", "K1", "Stabiliser of the luminance term", 0.01)
            .range(0, 1);
    public static final Param<Double> K2 = Param.real("k2", "K2", "Stabiliser of the contrast term", 0.03)
            .range(0, 1);

    public static final OperatorSpec SPEC = OperatorSpec.builder("compare.ssim", "Structural similarity (SSIM)")
            .category("Compare")
            .description("Mean SSIM per channel and time point, as skimage.metrics.structural_similarity(reference, "
                    + "test, win_size, gaussian_weights, sigma, use_sample_covariance, data_range, K1, K2): local "
                    + "means, variances and covariance over a window along x, y and (for volumes) z, S = (2 ux uy + "
                    + "C1)(2 vxy + C2) / ((ux^2 + uy^2 + C1)(vx + vy + C2)) with C1 = (K1 data_range)^2, C2 = (K2 "
                    + "data_range)^2, averaged over the voxels at least the window radius from every border "
                    + "(skimage's crop). Double precision. The image must be at least a window wide along each axis; "
                    + "images of different sizes are refused.")
            .reference("Wang Z, Bovik AC, Sheikh HR, Simoncelli EP. Image quality assessment: from error visibility "
                    + "to structural similarity. IEEE Trans Image Process 2004;13(4):600-612. "
                    + "doi:10.1109/TIP.2003.819861; skimage.metrics.structural_similarity")
            .outputType("table (one row per channel and time point)")
            .parameters(DATA_RANGE, WIN_SIZE, GAUSSIAN_WEIGHTS, SIGMA, USE_SAMPLE_COVARIANCE, K1, K2)
            .input(Port.image("reference", "The reference image"))
            .input(Port.image("test", "The image compared with it"))
            .output(Port.table("ssim", "channel, time, ssim, data_range"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        ImagePair pair = ImagePair.of(SPEC.id(), inputs.image("reference"), inputs.image("test"));
        PixelType type = pair.reference().header().pixelType();
        double given = arguments.get(DATA_RANGE);
        DataRange.requireGivenForFloat(SPEC.id(), type, given);
        double[] typeRange = DataRange.ofType(type);
        double range = given > 0 ? given : typeRange[1] - typeRange[0];
        boolean gaussian = arguments.get(GAUSSIAN_WEIGHTS);
        double[] window;
        if (gaussian) {
            window = gaussian(arguments.get(SIGMA), 3.5);
        } else {
            int size = arguments.get(WIN_SIZE);
            if (size % 2 == 0) {
                throw new IllegalArgumentException("win_size must be odd, got " + size);
            }
            window = new double[size];
            java.util.Arrays.fill(window, 1.0 / size);
        }
        long[] d = pair.dimensions();
        int rank = d[2] > 1 ? 3 : 2;
        for (int a = 0; a < rank; a++) {
            if (d[a] < window.length) {
                throw new IllegalArgumentException("The SSIM window (" + window.length + " voxels) is larger than the "
                        + "image along " + "xyz".charAt(a) + " (" + d[a] + " voxels); use a smaller win_size (odd, >= 3)");
            }
        }
        double np = Math.pow(window.length, rank);
        double covNorm = arguments.get(USE_SAMPLE_COVARIANCE) ? np / (np - 1) : 1;
        double c1 = Math.pow(arguments.get(K1) * range, 2);
        double c2 = Math.pow(arguments.get(K2) * range, 2);
        SsimMean ssim = new SsimMean(window, covNorm, c1, c2, !gaussian);
        double[] values = new double[pair.volumes()];
        double[] ranges = new double[pair.volumes()];
        context.monitor().begin(SPEC.name(), (long) pair.volumes() * ssim.slabs(d));
        try {
            for (int v = 0; v < values.length; v++) {
                values[v] = ssim.compute(pair, v, context);
                ranges[v] = range;
            }
        } finally {
            context.monitor().done();
        }
        return Outputs.ofTable(SPEC, pair.table("ssim", List.of(Column.of("ssim", "", values),
                Column.of("data_range", "", ranges))));
    }

    /** scipy.ndimage's Gaussian kernel: radius int(truncate * sigma + 0.5), normalised to sum 1. */
    static double[] gaussian(double sigma, double truncate) {
        int radius = (int) (truncate * sigma + 0.5);
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-0.5 / (sigma * sigma) * i * i);
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        return kernel;
    }
}
