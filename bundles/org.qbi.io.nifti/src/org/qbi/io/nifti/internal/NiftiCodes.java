package org.qbi.io.nifti.internal;

import java.util.Map;

/** Names of NIfTI codes (nifti1.h): intents, coordinate systems (xform codes), units. */
final class NiftiCodes {

    /** Spatial units (xyzt_units & 0x07) with their QBI unit names. */
    static final Map<Integer, String> SPACE_UNITS = Map.of(1, "m", 2, "mm", 3, "um");
    /** Temporal units (xyzt_units & 0x38). */
    static final Map<Integer, String> TIME_UNITS = Map.of(8, "s", 16, "ms", 24, "us", 32, "Hz", 40, "ppm", 48, "rad/s");

    static final int INTENT_LABEL = 1002;

    private static final Map<Integer, String> INTENTS = Map.ofEntries(Map.entry(0, "none"),
            Map.entry(2, "correlation"), Map.entry(3, "t-test"), Map.entry(4, "F-test"), Map.entry(5, "z-score"),
            Map.entry(6, "chi-squared"), Map.entry(7, "beta"), Map.entry(8, "binomial"), Map.entry(9, "gamma"),
            Map.entry(10, "Poisson"), Map.entry(11, "normal"), Map.entry(12, "noncentral F"),
            Map.entry(13, "noncentral chi-squared"), Map.entry(14, "logistic"), Map.entry(15, "Laplace"),
            Map.entry(16, "uniform"), Map.entry(17, "noncentral t"), Map.entry(18, "Weibull"), Map.entry(19, "chi"),
            Map.entry(20, "inverse Gaussian"), Map.entry(21, "extreme value"), Map.entry(22, "p-value"),
            Map.entry(23, "log p-value"), Map.entry(24, "log10 p-value"), Map.entry(1001, "estimate"),
            Map.entry(INTENT_LABEL, "label"), Map.entry(1003, "NeuroNames label"), Map.entry(1004, "general matrix"),
            Map.entry(1005, "symmetric matrix"), Map.entry(1006, "displacement vector"), Map.entry(1007, "vector"),
            Map.entry(1008, "point set"), Map.entry(1009, "triangle"), Map.entry(1010, "quaternion"),
            Map.entry(1011, "dimensionless"), Map.entry(2001, "time series"), Map.entry(2002, "node index"),
            Map.entry(2003, "RGB vector"), Map.entry(2004, "RGBA vector"), Map.entry(2005, "shape"));

    private static final Map<Integer, String> XFORMS = Map.of(0, "unknown", 1, "scanner anatomical", 2,
            "aligned anatomical", 3, "Talairach", 4, "MNI 152", 5, "template");

    private static final Map<Integer, String> EXTENSIONS = Map.ofEntries(Map.entry(0, "ignore"), Map.entry(2, "DICOM"),
            Map.entry(4, "AFNI"), Map.entry(6, "comment"), Map.entry(8, "XCEDE"), Map.entry(10, "JIM dimension info"),
            Map.entry(12, "workflow"), Map.entry(14, "FreeSurfer"), Map.entry(16, "Python pickle"),
            Map.entry(18, "MIND identity"), Map.entry(20, "b-value"), Map.entry(22, "spherical direction"),
            Map.entry(24, "DT component"), Map.entry(26, "SHC degree/order"), Map.entry(28, "VoxBo"),
            Map.entry(30, "Caret"), Map.entry(32, "CIFTI"), Map.entry(34, "variable frame timing"),
            Map.entry(38, "eval"), Map.entry(40, "MATLAB"), Map.entry(42, "Quantiphyse"), Map.entry(44, "MRS"));

    private NiftiCodes() {
    }

    static String intent(int code) {
        return INTENTS.getOrDefault(code, "unknown (" + code + ")");
    }

    static String xform(int code) {
        return XFORMS.getOrDefault(code, "unknown (" + code + ")");
    }

    static String extension(int code) {
        return EXTENSIONS.getOrDefault(code, "unknown");
    }

    /** True for extensions whose content is text (comments, XML, JSON). */
    static boolean textExtension(int code) {
        return code == 4 || code == 6 || code == 8 || code == 30 || code == 32 || code == 44;
    }

    static String spaceUnit(int code) {
        return code == 0 ? "space unknown" : SPACE_UNITS.getOrDefault(code, "space code " + code);
    }

    static String timeUnit(int code) {
        return code == 0 ? "time unknown" : TIME_UNITS.getOrDefault(code, "time code " + code);
    }
}
