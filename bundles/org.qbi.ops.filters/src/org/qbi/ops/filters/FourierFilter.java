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
import org.qbi.ops.filters.internal.Spectrum;
import org.qbi.ops.filters.internal.Volumes;

/**
 * What the Fourier-domain filters share: the volume's FFT (periodic borders), multiplied by a real gain that
 * depends on the frequency, transformed back.
 * <p>
 * Cut-offs are given as wavelengths (a {@link org.qbi.ops.Length}, so in voxels or physical units, converted per
 * axis): a cut-off wavelength of 8 px is the frequency 1/8 cycles per voxel, skimage's cutoff_frequency_ratio
 * 0.125. With q^2 = sum over axes of (f_a * wavelength_a)^2 (f_a in cycles per voxel), the low-pass gains are
 * Butterworth 1 / (1 + q^(2 order)) (skimage.filters.butterworth's squared form) or Gaussian exp(-q^2 / 2); a
 * high-pass is 1 minus the low-pass, a band-pass the product of a low-pass and a high-pass.
 *
 * @since 0.1
 */
public abstract class FourierFilter implements Operator {

    /** The shape of the transition. */
    public enum Profile {
        /** 1 / (1 + q^(2 order)). */
        BUTTERWORTH,
        /** exp(-q^2 / 2): no ringing, gentle slope; order is ignored. */
        GAUSSIAN
    }

    public static final Param<Double> ORDER = Param.real("order", "Order",
            "Butterworth order: the steepness of the transition", 2).range(0.1, 50);
    public static final Param<Profile> PROFILE = Param.choice("profile", "Profile",
            "butterworth (1/(1+q^(2 order)), as skimage.filters.butterworth) or gaussian (exp(-q^2/2))",
            Profile.class, Profile.BUTTERWORTH);

    static final String COMMON = " Whole-volume FFT (any size; borders are periodic, so a strong difference "
            + "between opposite edges leaks in), each channel and time point separately, computed in double and "
            + "written as float32. The volume is processed at once: about 16 bytes of Java heap per voxel, checked "
            + "beforehand.";

    static OperatorSpec.Builder spec(String id, String name, String description) {
        return OperatorSpec.builder(id, name)
                .category("Filters")
                .description(description + COMMON)
                .reference("Butterworth S. On the theory of filter amplifiers. Wireless Engineer 1930; Gonzalez RC, "
                        + "Woods RE. Digital Image Processing, 4th ed., 4.8-4.9; skimage.filters.butterworth")
                .outputType("float32")
                .input(Port.image("image", "Image"))
                .output(Port.image("filtered", "Filtered image"));
    }

    /** The gain at q^2 = sum (f_a wavelength_a)^2 of a low-pass. */
    static double lowPass(double q2, Profile profile, double order) {
        return profile == Profile.GAUSSIAN ? Math.exp(-0.5 * q2) : 1 / (1 + Math.pow(q2, order));
    }

    /** A gain as a function of the frequencies fx, fy, fz in cycles per voxel. */
    @FunctionalInterface
    interface Gain {
        double at(double fx, double fy, double fz);
    }

    /** The gain for these arguments on an image with {@code header} (checks the arguments). */
    abstract Gain gain(ImageHeader header, Arguments arguments);

    /** Wavelength in voxels per axis of a length parameter, refusing 0. */
    static double[] wavelengths(Param<org.qbi.ops.Length> param, ImageHeader header, Arguments arguments) {
        double[] w = arguments.get(param).toVoxels(header);
        for (int a = 0; a < 2; a++) {
            if (!(w[a] > 0)) {
                throw new IllegalArgumentException(param.name() + " must be more than 0, got " + arguments.get(param));
            }
        }
        return w;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image input = inputs.image();
        ImageHeader header = input.header();
        long[] d = header.dimensions();
        Volumes.checkMemory(d[0] * d[1] * d[2] * 20, header, spec().name());
        int[] dims = { (int) d[0], (int) d[1], (int) d[2] };
        double[][] axisFrequencies = new double[3][];
        for (int a = 0; a < 3; a++) {
            axisFrequencies[a] = new double[dims[a]];
            for (int k = 0; k < dims[a]; k++) {
                axisFrequencies[a][k] = Spectrum.frequency(k, dims[a]) / (double) dims[a];
            }
        }
        Gain gain = gain(header, arguments);
        Image result = Volumes.each(input, header.withPixelType(PixelType.FLOAT32), new int[3], Boundary.REFLECT,
                context, (volume, ctx) -> {
                    Spectrum spectrum = new Spectrum(dims);
                    float[] values = volume.data();
                    double[] re = spectrum.re();
                    for (int i = 0; i < values.length; i++) {
                        re[i] = values[i];
                    }
                    spectrum.transform(false, ctx);
                    double[] im = spectrum.im();
                    int i = 0;
                    for (int z = 0; z < dims[2]; z++) {
                        for (int y = 0; y < dims[1]; y++) {
                            for (int x = 0; x < dims[0]; x++, i++) {
                                double g = gain.at(axisFrequencies[0][x], axisFrequencies[1][y], axisFrequencies[2][z]);
                                re[i] *= g;
                                im[i] *= g;
                            }
                        }
                    }
                    spectrum.transform(true, ctx);
                    FloatBlock out = FloatBlock.zeros(dims[0], dims[1], dims[2]);
                    float[] o = out.data();
                    for (int k = 0; k < o.length; k++) {
                        o[k] = (float) re[k];
                    }
                    return out;
                });
        return Outputs.ofImage(spec(), result);
    }

    static double q2(double fx, double fy, double fz, double[] wavelength) {
        double qx = fx * wavelength[0];
        double qy = fy * wavelength[1];
        double qz = fz * wavelength[2];
        return qx * qx + qy * qy + qz * qz;
    }
}
