package org.qbi.ui.viewer.internal.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;

class ViewTransformTest {

    @Test
    void squarePixelsFitAndCentre() {
        ViewTransform view = new ViewTransform(64, 48, 1);
        view.fit(640, 600);
        assertEquals(10, view.scale());
        assertEquals(0, view.offsetX());
        assertEquals(60, view.offsetY());
        assertArrayEquals(new int[] { 0, 0 }, view.pixelAt(0, 60));
        assertArrayEquals(new int[] { 63, 47 }, view.pixelAt(639.9, 539.9));
        assertNull(view.pixelAt(5, 59), "above the picture");
        assertNull(view.pixelAt(640, 100), "right of the picture");
        assertTrue(view.fitted());
    }

    @Test
    void pixelsTwiceAsTallAsWideAreDrawnTwiceAsTall() {
        AxisCalibration x = AxisCalibration.of(Axis.X, 64, 0.5, 0, "mm");
        AxisCalibration y = AxisCalibration.of(Axis.Y, 48, 1.0, 0, "mm");
        double aspect = ViewTransform.aspect(x, y);
        assertEquals(2, aspect);
        ViewTransform view = new ViewTransform(64, 48, aspect);
        view.fit(640, 480);
        // 48 rows of 2 units = 96 units tall: the height limits the scale to 5
        assertEquals(5, view.scale());
        int[][] visible = view.visible(640, 480);
        assertArrayEquals(new int[] { 0, 0, 64, 48 }, visible[0]);
        assertArrayEquals(new int[] { 160, 0, 320, 480 }, visible[1]);
        // physical field of view 32 x 48 mm: width / height on screen is 32 / 48
        assertEquals(32.0 / 48.0, visible[1][2] / (double) visible[1][3], 1e-9);
        assertArrayEquals(new int[] { 10, 20 }, view.pixelAt(view.screenX(10.5), view.screenY(20.5)));
    }

    @Test
    void differentUnitsOrUncalibratedAxesDrawSquarePixels() {
        assertEquals(1, ViewTransform.aspect(AxisCalibration.of(Axis.X, 4, 0.5, 0, "mm"),
                AxisCalibration.of(Axis.Y, 4, 3, 0, "s")));
        assertEquals(1, ViewTransform.aspect(AxisCalibration.uncalibrated(Axis.X, 4), AxisCalibration.uncalibrated(Axis.Y, 4)));
        assertEquals(100, new ViewTransform(2, 2, 1e6).aspect(), "extreme aspects are kept drawable");
        assertEquals(1, new ViewTransform(2, 2, Double.NaN).aspect());
    }

    @Test
    void wheelZoomKeepsThePointUnderTheCursor() {
        ViewTransform view = new ViewTransform(100, 100, 1);
        view.fit(400, 400);
        double ix = view.imageX(123);
        double iy = view.imageY(321);
        view.zoomAt(123, 321, 1.25, 400, 400);
        assertEquals(5, view.scale(), 1e-12);
        assertEquals(ix, view.imageX(123), 1e-9);
        assertEquals(iy, view.imageY(321), 1e-9);
        assertFalse(view.fitted());
        view.zoomAt(0, 0, 1e9, 400, 400);
        assertEquals(ViewTransform.MAX_SCALE, view.scale(), "zoom in stops at 64 screen pixels per pixel");
        view.zoomAt(0, 0, 1e-9, 400, 400);
        assertEquals(0.5, view.scale(), 1e-12, "zoom out stops at an eighth of the fitted size");
    }

    @Test
    void panAndTheVisiblePartOfAZoomedPlane() {
        ViewTransform view = new ViewTransform(100, 100, 1);
        view.fit(100, 100);
        view.zoomAt(0, 0, 4, 100, 100);
        view.pan(-40, -20);
        int[][] visible = view.visible(100, 100);
        assertArrayEquals(new int[] { 10, 5, 25, 25 }, visible[0]);
        assertArrayEquals(new int[] { 0, 0, 100, 100 }, visible[1]);
        view.pan(-1000, 0);
        assertNull(view.visible(100, 100), "panned out of sight");
        view.fit(100, 100);
        assertTrue(view.fitted());
    }
}
