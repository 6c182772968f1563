package org.qbi.ui.viewer.internal.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;

/** ROI pixel sets, statistics and line profiles against hand-counted values. */
class RoiMeasureTest {

    /** A 6 x 4 plane with value x + 10 y. */
    private static PlaneValues plane() {
        double[] v = new double[24];
        for (int i = 0; i < 24; i++) {
            v[i] = i % 6 + 10 * (i / 6);
        }
        return Planes.values(PixelType.INT16, v);
    }

    @Test
    void aRectangleHoldsThePixelsWhoseCentreIsInside() {
        Roi roi = new Roi.Rectangle(3.9, 2.9, 1, 1); // corners in any order; centres 1.5, 2.5, 3.5 by 1.5, 2.5
        List<int[]> pixels = RoiMeasure.pixels(roi, 6, 4);
        assertEquals(6, pixels.size());
        assertArrayEquals(new int[] { 1, 1 }, pixels.get(0));
        assertArrayEquals(new int[] { 3, 2 }, pixels.get(5));
        // values 11 12 13 21 22 23 in HU = 2 v - 1000
        RoiMeasure.Statistics s = RoiMeasure.statistics(roi, plane(), 6, 4, new Rescale(2, -1000, "HU"), 0.5, 2, "mm");
        assertEquals(6, s.count());
        assertEquals(2 * 17 - 1000, s.mean(), 1e-12);
        // sample std of 11 12 13 21 22 23 is sqrt(((-6)^2 + (-5)^2 + (-4)^2 + 4^2 + 5^2 + 6^2) / 5) = sqrt(30.8)
        assertEquals(2 * Math.sqrt(30.8), s.std(), 1e-12);
        assertEquals(2 * 11 - 1000, s.min());
        assertEquals(2 * 23 - 1000, s.max());
        assertEquals(6 * 0.5 * 2, s.area(), 1e-12);
        assertEquals("mm^2", s.areaUnit());
    }

    @Test
    void ellipsesAndPolygonsContainTheirInside() {
        Roi ellipse = new Roi.Ellipse(0, 0, 6, 4); // centre (3, 2), radii 3 and 2
        assertEquals(true, ellipse.contains(3, 2));
        assertEquals(false, ellipse.contains(0.5, 0.5));
        assertEquals(true, ellipse.contains(5.5, 2));
        Roi triangle = new Roi.Polygon(List.of(new double[] { 0, 0 }, new double[] { 6, 0 }, new double[] { 0, 4 }));
        // centres under the hypotenuse x / 6 + y / 4 < 1: row 0.5 has x < 5.25 (5 centres), row 1.5 x < 3.75 (4),
        // row 2.5 x < 2.25 (2), row 3.5 x < 0.75 (1)
        assertEquals(5 + 4 + 2 + 1, RoiMeasure.pixels(triangle, 6, 4).size());
        assertThrows(IllegalArgumentException.class, () -> new Roi.Polygon(List.of(new double[] { 0, 0 })));
        assertEquals(0, RoiMeasure.pixels(new Roi.Line(0, 0, 5, 3), 6, 4).size(), "a line holds no area");
    }

    @Test
    void aLineProfileSamplesTheNearestPixelEveryPixelOfLength() {
        RoiMeasure.Profile p = RoiMeasure.profile(new Roi.Line(0.5, 1.5, 5.5, 1.5), plane(), 6, 4, Rescale.IDENTITY,
                0.5, 0.5, "mm");
        assertArrayEquals(new double[] { 10, 11, 12, 13, 14, 15 }, p.values());
        assertArrayEquals(new double[] { 0, 0.5, 1, 1.5, 2, 2.5 }, p.distance(), 1e-12);
        RoiMeasure.Profile diagonal = RoiMeasure.profile(new Roi.Line(0.5, 0.5, 3.5, 3.5), plane(), 6, 4,
                Rescale.IDENTITY, 1, 1, "mm");
        assertEquals(5, diagonal.values().length, "length 3 sqrt 2 = 4.24: 5 samples");
        assertEquals(0, diagonal.values()[0]);
        assertEquals(33, diagonal.values()[4], "sample 4 lies at (3.33, 3.33): pixel (3, 3)");
    }
}
