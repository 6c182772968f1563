package org.qbi.ui.viewer.internal.render;

/**
 * A mask or label plane drawn over a rendered plane: each pixel whose label is not 0 takes
 * {@code (1 - opacity) * under + opacity * colour(label)} per component (rounded), where the colour is
 * {@link SliceRenderer#labelColour}; 0 is transparent. With outlines only the label's border pixels are drawn
 * (those with a 4-neighbour of another label, or on the plane's edge). Highlighted labels (the objects selected
 * in a measurements table) are drawn filled and opaque in {@link #HIGHLIGHT}, whatever the style, so they stand out.
 *
 * @param labels      the overlay's values, same size as the plane (rounded to integer labels; NaN is 0)
 * @param opacity     0 (invisible) .. 1 (opaque)
 * @param outlines    true: borders only; false: filled
 * @param highlighted labels drawn in the highlight colour, sorted ascending (empty: none)
 */
public record LabelOverlay(PlaneValues labels, double opacity, boolean outlines, long[] highlighted) {

    /** The colour of highlighted labels, 0xRRGGBB (yellow). */
    public static final int HIGHLIGHT = 0xFFFF00;

    public LabelOverlay {
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("Overlay opacity must be in [0, 1], got " + opacity);
        }
        highlighted = highlighted.clone();
        java.util.Arrays.sort(highlighted);
    }

    /** An overlay without highlighted labels. */
    public LabelOverlay(PlaneValues labels, double opacity, boolean outlines) {
        this(labels, opacity, outlines, new long[0]);
    }

    /** The label of pixel i (0 for NaN). */
    long label(int i) {
        double v = labels.get(i);
        return Double.isFinite(v) ? (long) Math.rint(v) : 0;
    }

    /** The plane with the overlay drawn over it (always colour). */
    public RenderedSlice over(RenderedSlice under) {
        int width = under.width();
        int height = under.height();
        if (labels.count() != width * height) {
            throw new IllegalArgumentException("The overlay has " + labels.count() + " pixels, the plane " + width
                    + " x " + height);
        }
        byte[] pixels = new byte[3 * width * height];
        int a = (int) Math.round(opacity * 256);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int rgb = under.rgb(x, y);
                long label = label(i);
                if (label != 0 && highlighted.length > 0 && java.util.Arrays.binarySearch(highlighted, label) >= 0) {
                    rgb = HIGHLIGHT;
                } else if (label != 0 && (!outlines || border(x, y, label, width, height))) {
                    int c = SliceRenderer.labelColour(label);
                    rgb = blend(rgb >> 16 & 0xFF, c >> 16 & 0xFF, a) << 16 | blend(rgb >> 8 & 0xFF, c >> 8 & 0xFF, a) << 8
                            | blend(rgb & 0xFF, c & 0xFF, a);
                }
                pixels[3 * i] = (byte) (rgb >> 16);
                pixels[3 * i + 1] = (byte) (rgb >> 8);
                pixels[3 * i + 2] = (byte) rgb;
            }
        }
        return new RenderedSlice(width, height, RenderedSlice.Kind.COLOUR, pixels, under.window());
    }

    /** {@code round((1 - a) * under + a * over)} with a in 1/256 steps. */
    static int blend(int under, int over, int a256) {
        return (under * (256 - a256) + over * a256 + 128) >> 8;
    }

    private boolean border(int x, int y, long label, int width, int height) {
        return x == 0 || y == 0 || x == width - 1 || y == height - 1 || label(y * width + x - 1) != label
                || label(y * width + x + 1) != label || label((y - 1) * width + x) != label
                || label((y + 1) * width + x) != label;
    }
}
