package org.qbi.ui.viewer.internal.render;

import java.util.List;

import org.qbi.core.image.Rescale;

/**
 * CT window presets in HU, for images whose rescale unit is "HU". The values are those of Radiopaedia's
 * "Windowing (CT)" article (https://radiopaedia.org/articles/windowing-ct): brain W 80 L 40, soft tissues
 * W 350-400 L 20-60 (here W 400 L 40), lungs W 1500 L -600, bone W 1800 L 400. A preset shows
 * {@code L - W/2} black and {@code L + W/2} white.
 */
public final class CtPresets {

    /** A window by level (centre) and width in HU. */
    public record Preset(String name, double level, double width) {

        /** The window in stored values for {@code rescale} (HU = slope * stored + intercept). */
        public DisplayWindow stored(Rescale rescale) {
            double a = (level - width / 2 - rescale.intercept()) / rescale.slope();
            double b = (level + width / 2 - rescale.intercept()) / rescale.slope();
            return new DisplayWindow(Math.min(a, b), Math.max(a, b));
        }

        /** "Lung (W 1500, L -600)". */
        public String label() {
            return name + " (W " + ImageTexts.number(width) + ", L " + ImageTexts.number(level) + ")";
        }
    }

    public static final Preset BRAIN = new Preset("Brain", 40, 80);
    public static final Preset SOFT_TISSUE = new Preset("Soft Tissue", 40, 400);
    public static final Preset LUNG = new Preset("Lung", -600, 1500);
    public static final Preset BONE = new Preset("Bone", 400, 1800);

    /** All presets, in menu order. */
    public static final List<Preset> ALL = List.of(BRAIN, SOFT_TISSUE, LUNG, BONE);

    private CtPresets() {
    }

    /** Whether the presets apply: the rescale's unit is HU. */
    public static boolean applies(Rescale rescale) {
        return "HU".equalsIgnoreCase(rescale.unit());
    }
}
