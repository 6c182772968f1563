package org.qbi.ui.viewer;

/**
 * A lookup table of the Image editor: the colour of a display level. Contributed through the extension point
 * {@code org.qbi.luts} (schema {@code schema/luts.exsd} of this bundle) with a public no-argument constructor;
 * one instance serves every editor, so implementations are immutable and thread-safe. Pure Java: no SWT.
 */
public interface Lut {

    /**
     * The colour as 0xRRGGBB of the display level {@code t}: 0 is the window's low end, 1 its high end (the
     * viewer asks for the 256 levels {@code k / 255.0}). Values outside [0, 1] are clamped by the caller.
     */
    int rgb(double t);

    /**
     * The colour of an integer label, for LUTs declared {@code categorical="true"} (which colour each stored value
     * rather than a window): 0 is background, shown black. By default the 255 levels above 0 in turn.
     */
    default int labelRgb(long label) {
        if (label == 0) {
            return 0;
        }
        return rgb((1 + Math.floorMod(label - 1, 255L)) / 255.0);
    }
}
