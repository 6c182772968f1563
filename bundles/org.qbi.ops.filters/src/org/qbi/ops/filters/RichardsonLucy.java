package org.qbi.ops.filters;

import java.io.IOException;

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
import org.qbi.ops.block.Boundary;
import org.qbi.ops.block.FloatBlock;
import org.qbi.ops.filters.internal.Deconvolutions;
import org.qbi.ops.filters.internal.Volumes;

/**
 * Richardson-Lucy deconvolution with a given PSF.
 *
 * @since 0.1
 */
public final class RichardsonLucy implements Operator {

    public static final Param<Integer> ITERATIONS = Param.integer("iterations", "Iterations",
            "Number of Richardson-Lucy iterations (skimage's num_iter)", 50).range(1, 10000);
    public static final Param<Double> FILTER_EPSILON = Param.real("filter_epsilon", "Filter epsilon",
            "Where the re-blurred estimate is below this, the correction ratio is 0 (skimage's filter_epsilon); "
                    + "0 = off", 0).range(0, Double.MAX_VALUE);

    public static final OperatorSpec SPEC = OperatorSpec.builder("filter.richardson_lucy",
            "Richardson-Lucy deconvolution")
            .category("Filters")
            .description("Iterative maximum-likelihood deconvolution for Poisson noise: the estimate starts at 0.5 "
                    + "and is multiplied each iteration by (image / (estimate * psf)) * flipped psf, * being "
                    + "convolution with zero padding cropped to the image (scipy.signal.convolve mode 'same', "
                    + "computed by FFT). As skimage.restoration.richardson_lucy(clip=False); skimage clips the "
                    + "result to [-1, 1] by default (it assumes images scaled to [0, 1]), this does not. The PSF is "
                    + "used as given (normalise it to sum 1 to keep the intensity scale), 2D for a 2D image; the "
                    + "first channel and time point of the psf input serve every channel and time point. Whole "
                    + "volume in double (memory checked), written as float32.")
            .reference("Richardson WH. Bayesian-based iterative method of image restoration. JOSA 1972, "
                    + "doi:10.1364/JOSA.62.000055; Lucy LB. An iterative technique for the rectification of observed "
                    + "distributions. AJ 1974, doi:10.1086/111605; skimage.restoration.richardson_lucy")
            .outputType("float32")
            .parameters(ITERATIONS, FILTER_EPSILON)
            .input(Port.image("image", "Blurred image"))
            .input(Port.image("psf", "Point spread function (smaller than the image)"))
            .output(Port.image("deconvolved", "Deconvolved image"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image image = inputs.image("image");
        ImageHeader header = image.header();
        long[] d = header.dimensions();
        FloatBlock psf = Deconvolutions.psf(inputs.image("psf"), d);
        long paddedVoxels = 1;
        for (int a = 0; a < 3; a++) {
            long p = 1;
            long size = d[a] + (a == 0 ? psf.nx() : a == 1 ? psf.ny() : psf.nz()) - 1;
            while (p < size) {
                p *= 2;
            }
            paddedVoxels *= d[a] == 1 ? 1 : p;
        }
        Volumes.checkMemory(paddedVoxels * 16 * 4 + d[0] * d[1] * d[2] * 20, header, SPEC.name());
        int iterations = arguments.get(ITERATIONS);
        double epsilon = arguments.get(FILTER_EPSILON);
        Image result = Volumes.each(image, header.withPixelType(PixelType.FLOAT32), new int[3], Boundary.REFLECT,
                context, (volume, ctx) -> Deconvolutions.richardsonLucy(volume, psf, iterations, epsilon, ctx));
        return Outputs.ofImage(SPEC, result);
    }
}
