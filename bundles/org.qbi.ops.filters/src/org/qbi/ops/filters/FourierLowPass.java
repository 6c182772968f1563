package org.qbi.ops.filters;

import org.qbi.core.image.ImageHeader;
import org.qbi.ops.Arguments;
import org.qbi.ops.Length;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;

/**
 * Fourier low-pass: keeps structures longer than the cut-off wavelength.
 *
 * @since 0.1
 */
public final class FourierLowPass extends FourierFilter {

    public static final Param<Length> WAVELENGTH = Param.length("wavelength", "Cut-off wavelength",
            "Structures shorter than this are attenuated (half gain at this wavelength); voxels or physical units "
                    + "per axis. 8 px = skimage's cutoff_frequency_ratio 0.125", 8);

    public static final OperatorSpec SPEC = spec("filter.fft_lowpass", "Fourier low-pass",
            "Smooths by attenuating frequencies above 1/wavelength: gain 1/(1+q^(2 order)) (Butterworth; "
                    + "skimage.filters.butterworth(high_pass=False, cutoff_frequency_ratio=1/wavelength)) or "
                    + "exp(-q^2/2) (Gaussian), q = frequency x wavelength.")
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
        return (fx, fy, fz) -> lowPass(q2(fx, fy, fz, w), profile, order);
    }
}
