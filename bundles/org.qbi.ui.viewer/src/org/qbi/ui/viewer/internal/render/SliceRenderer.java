package org.qbi.ui.viewer.internal.render;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.image.Rescale;
import org.qbi.ui.viewer.Lut;

/**
 * Turns the stored values of one x-y plane into display pixels: scalar types through a {@link DisplayWindow}
 * to gray (inverted when the rescale slope is negative, so that bright still means a high physical value),
 * RGB and RGBA as their colour (alpha ignored), label images through a colour per label (0 black).
 */
public final class SliceRenderer {

    /** How the window of a gray slice is chosen. */
    public enum Contrast {
        /** ImageJ's auto contrast: 0.35 % of the plane's pixels saturated. */
        AUTO,
        /** The plane's minimum black, maximum white. */
        MIN_MAX,
        /** A window given by the caller (the file's recommendation), the same for every plane. */
        FIXED
    }

    /**
     * How scalar values become colours: a lookup table over the window's 256 levels (null: gray), log scaling
     * within the window, or (categorical LUTs) a colour per rounded stored value, ignoring the window.
     */
    public record Look(Lut lut, boolean log, boolean categorical) {

        /** Linear gray: the plain 8-bit gray slice. */
        public static final Look GRAY = new Look(null, false, false);

        boolean plainGray() {
            return lut == null && !log && !categorical;
        }
    }

    private SliceRenderer() {
    }

    /**
     * Renders a plane of {@code width * height} pixels with the window {@code contrast} chooses from the plane's
     * own values.
     */
    public static RenderedSlice render(PixelType type, MemorySegment plane, int width, int height, Rescale rescale,
            Contrast contrast) {
        return render(type, plane, width, height, rescale, contrast, null);
    }

    /**
     * Renders a plane; {@code fixed} is the window of {@link Contrast#FIXED} (ignored otherwise; without it FIXED
     * falls back to AUTO).
     */
    public static RenderedSlice render(PixelType type, MemorySegment plane, int width, int height, Rescale rescale,
            Contrast contrast, DisplayWindow fixed) {
        return render(type, plane, width, height, rescale, contrast, fixed, Look.GRAY);
    }

    /**
     * Renders a plane; {@code fixed} is the window of {@link Contrast#FIXED}, {@code look} the LUT and scaling
     * of scalar planes (colour and label images keep their own colours).
     */
    public static RenderedSlice render(PixelType type, MemorySegment plane, int width, int height, Rescale rescale,
            Contrast contrast, DisplayWindow fixed, Look look) {
        int count = Math.multiplyExact(width, height);
        if (PlaneValues.isColour(type)) {
            return colour(type, plane, width, height);
        }
        if (type == PixelType.LABEL32) {
            return labels(plane, width, height);
        }
        PlaneValues values = new PlaneValues(type, plane, count);
        DisplayWindow window = switch (contrast) {
            case MIN_MAX -> DisplayWindow.minMax(values);
            case FIXED -> fixed != null ? fixed : DisplayWindow.auto(values);
            case AUTO -> DisplayWindow.auto(values);
        };
        return gray(values, width, height, window, rescale.slope() < 0, look);
    }

    /** Renders scalar values through a given window. */
    public static RenderedSlice gray(PlaneValues values, int width, int height, DisplayWindow window, boolean invert) {
        return gray(values, width, height, window, invert, Look.GRAY);
    }

    /**
     * Renders scalar values through a given window and look: the level of each value (linear or log, inverted
     * for a negative rescale slope) through the LUT; a categorical LUT colours each rounded value instead.
     */
    public static RenderedSlice gray(PlaneValues values, int width, int height, DisplayWindow window, boolean invert,
            Look look) {
        if (look == null || look.plainGray()) {
            return plainGray(values, width, height, window, invert);
        }
        int count = Math.multiplyExact(width, height);
        if (values.count() != count) {
            throw new IllegalArgumentException("A " + width + " x " + height + " slice needs " + count + " values, got "
                    + values.count());
        }
        Lut lut = look.lut() == null ? Luts.gray() : look.lut();
        int[] colours = Luts.levels(lut);
        byte[] pixels = new byte[Math.multiplyExact(count, 3)];
        for (int i = 0; i < count; i++) {
            double v = values.get(i);
            int rgb;
            if (look.categorical()) {
                rgb = Double.isFinite(v) ? lut.labelRgb((long) Math.rint(v)) : 0;
            } else {
                int level = window.level(v, look.log());
                rgb = colours[invert ? 255 - level : level];
            }
            pixels[3 * i] = (byte) (rgb >> 16);
            pixels[3 * i + 1] = (byte) (rgb >> 8);
            pixels[3 * i + 2] = (byte) rgb;
        }
        return new RenderedSlice(width, height, RenderedSlice.Kind.COLOUR, pixels, window);
    }

    private static RenderedSlice plainGray(PlaneValues values, int width, int height, DisplayWindow window,
            boolean invert) {
        int count = Math.multiplyExact(width, height);
        if (values.count() != count) {
            throw new IllegalArgumentException("A " + width + " x " + height + " slice needs " + count + " values, got "
                    + values.count());
        }
        byte[] pixels = new byte[count];
        for (int i = 0; i < count; i++) {
            int g = window.gray(values.get(i));
            pixels[i] = (byte) (invert ? 255 - g : g);
        }
        return new RenderedSlice(width, height, RenderedSlice.Kind.GRAY, pixels, window);
    }

    private static RenderedSlice colour(PixelType type, MemorySegment plane, int width, int height) {
        int count = width * height;
        int samples = type.samplesPerPixel();
        byte[] pixels = new byte[Math.multiplyExact(count, 3)];
        for (int i = 0; i < count; i++) {
            long from = (long) i * samples;
            pixels[3 * i] = plane.get(ValueLayout.JAVA_BYTE, from);
            pixels[3 * i + 1] = plane.get(ValueLayout.JAVA_BYTE, from + 1);
            pixels[3 * i + 2] = plane.get(ValueLayout.JAVA_BYTE, from + 2);
        }
        return new RenderedSlice(width, height, RenderedSlice.Kind.COLOUR, pixels, null);
    }

    private static RenderedSlice labels(MemorySegment plane, int width, int height) {
        int count = width * height;
        byte[] pixels = new byte[Math.multiplyExact(count, 3)];
        for (int i = 0; i < count; i++) {
            int rgb = labelColour((long) PixelValues.get(PixelType.LABEL32, plane, i));
            pixels[3 * i] = (byte) (rgb >> 16);
            pixels[3 * i + 1] = (byte) (rgb >> 8);
            pixels[3 * i + 2] = (byte) rgb;
        }
        return new RenderedSlice(width, height, RenderedSlice.Kind.COLOUR, pixels, null);
    }

    /**
     * The colour of a label as 0xRRGGBB: black for 0 (background); otherwise a bright, saturated hue that steps
     * by the golden angle, so neighbouring labels differ clearly.
     */
    public static int labelColour(long label) {
        if (label == 0) {
            return 0;
        }
        double hue = (label * 0.6180339887498949) % 1.0;
        double value = 0.75 + 0.25 * ((label / 7) % 2);
        return hsv(hue * 6, 0.85, value);
    }

    private static int hsv(double h6, double s, double v) {
        int sector = (int) Math.floor(h6) % 6;
        double f = h6 - Math.floor(h6);
        double p = v * (1 - s);
        double q = v * (1 - s * f);
        double t = v * (1 - s * (1 - f));
        double[] rgb = switch (sector) {
            case 0 -> new double[] { v, t, p };
            case 1 -> new double[] { q, v, p };
            case 2 -> new double[] { p, v, t };
            case 3 -> new double[] { p, q, v };
            case 4 -> new double[] { t, p, v };
            default -> new double[] { v, p, q };
        };
        return (int) Math.round(rgb[0] * 255) << 16 | (int) Math.round(rgb[1] * 255) << 8 | (int) Math.round(rgb[2] * 255);
    }
}
