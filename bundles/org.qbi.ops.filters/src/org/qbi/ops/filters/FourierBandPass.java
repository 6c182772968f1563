package org.qbi.ops.filters;

import org.qbi.core.image.ImageHeader;
import org.qbi.ops.Arguments;
import org.qbi.ops.Length;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;

/**
 * Fourier band-pass: keeps structures between two wavelengths.
 *
 * @since 0.1
 */
public final class FourierBandPass extends FourierFilter {

    public static final Param<Length> MIN_WAVELENGTH = Param.length("min_wavelength", "Shortest wavelength",
            "Structures shorter than this are attenuated (voxels or physical units per axis)", 3);
    public static final Param<Length> MAX_WAVELENGTH = Param.length("max_wavelength", "Longest wavelength",
            "Structures longer than this are attenuated (voxels or physical units per axis)", 40);

    public static final OperatorSpec SPEC = spec("filter.fft_bandpass", "Fourier band-pass",
            "Keeps structures between min_wavelength and max_wavelength: the product of the low-pass at "
                    + "min_wavelength and the high-pass at max_wavelength (see filter.fft_lowpass and "
                    + "filter.fft_highpass).")
            .parameters(MIN_WAVELENGTH, MAX_WAVELENGTH, ORDER, PROFILE)
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    Gain gain(ImageHeader header, Arguments arguments) {
        double[] shortest = wavelengths(MIN_WAVELENGTH, header, arguments);
        double[] longest = wavelengths(MAX_WAVELENGTH, header, arguments);
        if (!(longest[0] > shortest[0])) {
            throw new IllegalArgumentException("max_wavelength (" + arguments.get(MAX_WAVELENGTH)
                    + ") must be longer than min_wavelength (" + arguments.get(MIN_WAVELENGTH) + ")");
        }
        Profile profile = arguments.get(PROFILE);
        double order = arguments.get(ORDER);
        return (fx, fy, fz) -> lowPass(q2(fx, fy, fz, shortest), profile, order)
                * (1 - lowPass(q2(fx, fy, fz, longest), profile, order));
    }
}
