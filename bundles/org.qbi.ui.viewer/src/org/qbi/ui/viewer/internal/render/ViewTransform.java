package org.qbi.ui.viewer.internal.render;

import org.qbi.core.image.AxisCalibration;

/**
 * Where an x-y plane lies on the screen: {@code scale} screen pixels per image pixel along x and
 * {@code scale * aspect} along y, the image's top left corner at {@code (offsetX, offsetY)}. The aspect is the
 * physical height of a pixel over its width (spacing y / spacing x), so anisotropic pixels keep their shape;
 * it is 1 when x and y have different units. Pure geometry, no widgets.
 */
public final class ViewTransform {

    /** The most screen pixels one image pixel may cover (zooming in further shows nothing new). */
    static final double MAX_SCALE = 64;
    /** Aspect ratios are kept within [1/100, 100] so that extreme calibrations still show a picture. */
    static final double MAX_ASPECT = 100;

    private final int width;
    private final int height;
    private final double aspect;
    private double scale = 1;
    private double offsetX;
    private double offsetY;
    private boolean fitted = true;

    /**
     * @param width  image pixels along x
     * @param height image pixels along y
     * @param aspect screen height over width of one pixel at scale 1
     */
    public ViewTransform(int width, int height, double aspect) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("A plane has at least one pixel, got " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
        this.aspect = Double.isFinite(aspect) && aspect > 0 ? Math.max(1 / MAX_ASPECT, Math.min(MAX_ASPECT, aspect)) : 1;
    }

    /** The aspect of a pixel with the calibration of these x and y axes: spacing y / spacing x, or 1 when the units differ. */
    public static double aspect(AxisCalibration x, AxisCalibration y) {
        return x.unit().equals(y.unit()) ? y.spacing() / x.spacing() : 1;
    }

    public double aspect() {
        return aspect;
    }

    /** Screen pixels per image pixel along x. */
    public double scale() {
        return scale;
    }

    public double offsetX() {
        return offsetX;
    }

    public double offsetY() {
        return offsetY;
    }

    /** True while the view follows the canvas size (until the user zooms or pans). */
    public boolean fitted() {
        return fitted;
    }

    /** Fits the whole plane into a canvas of {@code canvasWidth x canvasHeight}, centred; the view then follows resizes. */
    public void fit(int canvasWidth, int canvasHeight) {
        int cw = Math.max(1, canvasWidth);
        int ch = Math.max(1, canvasHeight);
        scale = Math.min(MAX_SCALE, Math.min(cw / (double) width, ch / (height * aspect)));
        offsetX = (cw - width * scale) / 2;
        offsetY = (ch - height * aspect * scale) / 2;
        fitted = true;
    }

    /**
     * Zooms by {@code factor} around the screen point (px, py), which keeps showing the same point of the image.
     * The scale stays between an eighth of what fits {@code canvasWidth x canvasHeight} and 64 screen pixels per
     * image pixel.
     */
    public void zoomAt(double px, double py, double factor, int canvasWidth, int canvasHeight) {
        double fitScale = Math.min(Math.max(1, canvasWidth) / (double) width, Math.max(1, canvasHeight) / (height * aspect));
        double min = Math.min(fitScale, MAX_SCALE) / 8;
        double max = Math.max(MAX_SCALE, fitScale);
        double next = Math.max(min, Math.min(max, scale * factor));
        double ix = (px - offsetX) / scale;
        double iy = (py - offsetY) / (scale * aspect);
        scale = next;
        offsetX = px - ix * scale;
        offsetY = py - iy * scale * aspect;
        fitted = false;
    }

    /**
     * Sets the scale to {@code newScale} screen pixels per image pixel around the screen point (px, py), which keeps
     * showing the same point of the image (1:1 is {@code newScale = 1}, whatever the canvas).
     */
    public void scaleAt(double px, double py, double newScale) {
        if (!(newScale > 0) || !Double.isFinite(newScale)) {
            throw new IllegalArgumentException("A scale must be positive and finite, got " + newScale);
        }
        double ix = (px - offsetX) / scale;
        double iy = (py - offsetY) / (scale * aspect);
        scale = Math.min(MAX_SCALE, newScale);
        offsetX = px - ix * scale;
        offsetY = py - iy * scale * aspect;
        fitted = false;
    }

    /** Moves the picture by (dx, dy) screen pixels. */
    public void pan(double dx, double dy) {
        offsetX += dx;
        offsetY += dy;
        fitted = false;
    }

    /** The image x coordinate (continuous, 0 at the left edge of pixel 0) under screen x. */
    public double imageX(double screenX) {
        return (screenX - offsetX) / scale;
    }

    /** The image y coordinate (continuous) under screen y. */
    public double imageY(double screenY) {
        return (screenY - offsetY) / (scale * aspect);
    }

    /** The pixel under the screen point, or null outside the plane. */
    public int[] pixelAt(double screenX, double screenY) {
        double x = Math.floor(imageX(screenX));
        double y = Math.floor(imageY(screenY));
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return null;
        }
        return new int[] { (int) x, (int) y };
    }

    /** The screen x of image x coordinate {@code x} (continuous; the centre of pixel i is i + 0.5). */
    public double screenX(double x) {
        return offsetX + x * scale;
    }

    /** The screen y of image y coordinate {@code y}. */
    public double screenY(double y) {
        return offsetY + y * scale * aspect;
    }

    /**
     * The part of the plane visible in a canvas, as whole pixels {x, y, w, h}, with where it goes on screen
     * {sx, sy, sw, sh} (rounded to screen pixels); null when nothing is visible.
     */
    public int[][] visible(int canvasWidth, int canvasHeight) {
        int x0 = (int) Math.max(0, Math.floor(imageX(0)));
        int y0 = (int) Math.max(0, Math.floor(imageY(0)));
        int x1 = (int) Math.min(width, Math.ceil(imageX(canvasWidth)));
        int y1 = (int) Math.min(height, Math.ceil(imageY(canvasHeight)));
        if (x1 <= x0 || y1 <= y0) {
            return null;
        }
        int sx0 = (int) Math.round(screenX(x0));
        int sy0 = (int) Math.round(screenY(y0));
        int sx1 = (int) Math.round(screenX(x1));
        int sy1 = (int) Math.round(screenY(y1));
        return new int[][] { { x0, y0, x1 - x0, y1 - y0 }, { sx0, sy0, Math.max(1, sx1 - sx0), Math.max(1, sy1 - sy0) } };
    }
}
