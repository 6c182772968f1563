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
 * Wiener(-Hunt) deconvolution with a given PSF and a Laplacian regulariser.
 *
 * @since 0.1
 */
public final class WienerDeconvolution implements Operator {

    public static final Param<Double> BALANCE = Param.real("balance", "Balance",
            "Weight of the regulariser against data fidelity: larger is smoother (skimage's balance)", 0.1).range(0,
                    1e12);

    public static final OperatorSpec SPEC = OperatorSpec.builder("filter.wiener", "Wiener deconvolution")
            .category("Filters")
            .description("One-step deconvolution in the Fourier domain: x = IFFT(conj(H) / (|H|^2 + balance |L|^2) "
                    + "FFT(image)), H the transfer function of the PSF and L that of the discrete Laplacian (the "
                    + "regulariser), both centred on voxel 0 (index size/2 of the PSF is its centre). Borders are "
                    + "periodic. As skimage.restoration.wiener(clip=False) in 2D (skimage clips to [-1, 1] by "
                    + "default; its 3D case transforms only the last two axes, here all three). The PSF is used as "
                    + "given, 2D for a 2D image; its first channel and time point serve all. Whole volume in double "
                    + "(memory checked), written as float32.")
            .reference("Orieux F, Giovannelli JF, Rodet T. Bayesian estimation of regularization and point spread "
                    + "function parameters for Wiener-Hunt deconvolution. JOSA A 2010, doi:10.1364/JOSAA.27.001593; "
                    + "skimage.restoration.wiener")
            .outputType("float32")
            .parameters(BALANCE)
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
        Volumes.checkMemory(d[0] * d[1] * d[2] * 16 * 3 + d[0] * d[1] * d[2] * 8, header, SPEC.name());
        double balance = arguments.get(BALANCE);
        Image result = Volumes.each(image, header.withPixelType(PixelType.FLOAT32), new int[3], Boundary.REFLECT,
                context, (volume, ctx) -> Deconvolutions.wiener(volume, psf, balance, ctx));
        return Outputs.ofImage(SPEC, result);
    }
}
