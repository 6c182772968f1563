package org.qbi.ui.viewer.internal.render;

/**
 * One x-y plane turned into 8-bit display pixels, row by row without padding: one gray level per pixel
 * ({@link Kind#GRAY}) or red, green, blue per pixel ({@link Kind#COLOUR}).
 *
 * @param width  pixels per row
 * @param height rows
 * @param kind   gray levels or colour
 * @param pixels {@code width * height} gray levels, or {@code 3 * width * height} bytes r, g, b
 * @param window the window that made the levels (gray, or colour through a LUT); null for colour as stored and labels
 */
public record RenderedSlice(int width, int height, Kind kind, byte[] pixels, DisplayWindow window) {

    /** How the pixels are laid out. */
    public enum Kind {
        GRAY, COLOUR
    }

    public RenderedSlice {
        long expected = (long) width * height * (kind == Kind.GRAY ? 1 : 3);
        if (pixels.length != expected) {
            throw new IllegalArgumentException("A " + width + " x " + height + " " + kind + " slice has " + expected
                    + " bytes, got " + pixels.length);
        }
    }

    /** The gray level of pixel (x, y) (gray slices). */
    public int gray(int x, int y) {
        return Byte.toUnsignedInt(pixels[y * width + x]);
    }

    /** The colour of pixel (x, y) as 0xRRGGBB (colour slices; gray slices give the gray in all three). */
    public int rgb(int x, int y) {
        if (kind == Kind.GRAY) {
            int g = gray(x, y);
            return g << 16 | g << 8 | g;
        }
        int i = 3 * (y * width + x);
        return Byte.toUnsignedInt(pixels[i]) << 16 | Byte.toUnsignedInt(pixels[i + 1]) << 8
                | Byte.toUnsignedInt(pixels[i + 2]);
    }
}
