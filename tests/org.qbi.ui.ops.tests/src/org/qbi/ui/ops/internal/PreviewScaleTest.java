package org.qbi.ui.ops.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which grey scale the preview's After gets: Before's when the operator keeps the data's scale, its own otherwise. */
class PreviewScaleTest {

    private static final float[] DATA = { 100, 900, 4000, 250, 3100, Float.NaN };

    @Test
    void aSmoothedImageSharesTheScaleAndShowsLessContrast() {
        PreviewScale scale = PreviewScale.of(DATA, new float[] { 600, 1200, 2600, 900, 2400, 1500 });

        assertTrue(scale.shared());
        assertEquals(100, scale.afterMin());
        assertEquals(4000, scale.afterMax());
    }

    @Test
    void aMaskGetsItsOwnScale() {
        PreviewScale scale = PreviewScale.of(DATA, new float[] { 0, 0, 1, 0, 1, 0 });

        assertFalse(scale.shared());
        assertEquals(0, scale.afterMin());
        assertEquals(1, scale.afterMax());
        assertEquals(100, scale.beforeMin());
        assertEquals(4000, scale.beforeMax());
    }

    @Test
    void valuesFarOutsideTheDataGetTheirOwnScale() {
        assertFalse(PreviewScale.of(DATA, new float[] { -20000, 0, 20000, 0, 0, 0 }).shared());
        assertFalse(PreviewScale.of(new float[] { 5, 5 }, new float[] { 5, 5 }).shared(), "a flat Before has no scale");
    }

    @Test
    void rangesSkipNonFiniteValues() {
        assertArrayEquals(new float[] { 100, 4000 }, PreviewScale.range(DATA));
        assertArrayEquals(new float[] { 0, 0 }, PreviewScale.range(new float[] { Float.NaN }));
    }
}
