package org.qbi.ops.filters;

import org.qbi.core.image.ImageHeader;
import org.qbi.ops.Arguments;
import org.qbi.ops.Length;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;

/**
 * Fourier high-pass: removes structures longer than the cut-off wavelength (background, shading).
 *
 * @since 0.1
 */
public final class FourierHighPass extends FourierFilter {

    public static final Param<Length> WAVELENGTH = Param.length("wavelength", "Cut-off wavelength",
            "Structures longer than this are attenuated (half gain at this wavelength); voxels or physical units "
                    + "per axis. 200 px = skimage's default cutoff_frequency_ratio 0.005", 200);

    public static final OperatorSpec SPEC = spec("filter.fft_highpass", "Fourier high-pass",
            "Removes slow variations by attenuating frequencies below 1/wavelength: gain 1 - 1/(1+q^(2 order)) "
                    + "(Butterworth; skimage.filters.butterworth(high_pass=True, cutoff_frequency_ratio=1/wavelength))"
                    + " or 1 - exp(-q^2/2) (Gaussian), q = frequency x wavelength. The mean (frequency 0) is "
                    + "removed.")
            .parameters(WAVELENGTH, ORDER, PROFILE)
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    Gain gain(ImageHeader header, Arguments arguments) {
        double[] w = wavelengths(WAVELENGTH, header, arguments);
        Profile profile = arguments.get(PROFILE);
        double order = arguments.get(ORDER);
        return (fx, fy, fz) -> 1 - lowPass(q2(fx, fy, fz, w), profile, order);
    }
}
