package org.qbi.ui.viewer.internal.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.ui.viewer.internal.render.SliceRenderer.Contrast;

class SliceRendererTest {

    @Test
    void scalarPlanesBecomeGrayThroughTheWindowRowByRow() {
        // 4 x 2 plane, min-max window 0..300
        double[] values = { 0, 100, 200, 300, 300, 150, 75, 0 };
        RenderedSlice slice = SliceRenderer.render(PixelType.UINT16, Planes.of(PixelType.UINT16, values), 4, 2,
                Rescale.IDENTITY, Contrast.MIN_MAX);
        assertEquals(RenderedSlice.Kind.GRAY, slice.kind());
        assertEquals(new DisplayWindow(0, 300), slice.window());
        assertArrayEquals(new byte[] { 0, 85, (byte) 170, (byte) 255, (byte) 255, (byte) 128, 64, 0 }, slice.pixels());
        assertEquals(170, slice.gray(2, 0));
        assertEquals(64, slice.gray(2, 1));
        assertEquals(0x404040, slice.rgb(2, 1));
    }

    @Test
    void autoContrastIsTheDefaultWindowOfThePlane() {
        double[] values = Planes.sequence(10000);
        RenderedSlice slice = SliceRenderer.render(PixelType.FLOAT64, Planes.of(PixelType.FLOAT64, values), 100, 100,
                Rescale.IDENTITY, Contrast.AUTO);
        DisplayWindow expected = DisplayWindow.auto(Planes.values(PixelType.FLOAT64, values));
        assertEquals(expected, slice.window());
        assertEquals(0, slice.gray(0, 0));
        assertEquals(255, slice.gray(99, 99));
        assertEquals(expected.gray(5050), slice.gray(50, 50));
    }

    @Test
    void aNegativeSlopeInvertsSoThatBrightStaysAHighPhysicalValue() {
        double[] values = { 0, 100, 200 };
        RenderedSlice plain = SliceRenderer.render(PixelType.INT16, Planes.of(PixelType.INT16, values), 3, 1,
                new Rescale(2, -1000, "HU"), Contrast.MIN_MAX);
        RenderedSlice inverted = SliceRenderer.render(PixelType.INT16, Planes.of(PixelType.INT16, values), 3, 1,
                new Rescale(-1, 0, ""), Contrast.MIN_MAX);
        assertArrayEquals(new byte[] { 0, (byte) 128, (byte) 255 }, plain.pixels());
        assertArrayEquals(new byte[] { (byte) 255, 127, 0 }, inverted.pixels());
    }

    @Test
    void rgbIsShownAsStoredAndRgbaDropsAlpha() {
        RenderedSlice rgb = SliceRenderer.render(PixelType.RGB8, Planes.of(PixelType.RGB8, 255, 0, 0, 10, 20, 30), 2, 1,
                Rescale.IDENTITY, Contrast.AUTO);
        assertEquals(RenderedSlice.Kind.COLOUR, rgb.kind());
        assertNull(rgb.window());
        assertEquals(0xFF0000, rgb.rgb(0, 0));
        assertEquals(0x0A141E, rgb.rgb(1, 0));
        RenderedSlice rgba = SliceRenderer.render(PixelType.RGBA8,
                Planes.of(PixelType.RGBA8, 1, 2, 3, 0, 250, 251, 252, 128), 2, 1, Rescale.IDENTITY, Contrast.AUTO);
        assertArrayEquals(new byte[] { 1, 2, 3, (byte) 250, (byte) 251, (byte) 252 }, rgba.pixels());
    }

    @Test
    void labelsGetDistinctColoursAndBackgroundIsBlack() {
        RenderedSlice labels = SliceRenderer.render(PixelType.LABEL32, Planes.of(PixelType.LABEL32, 0, 1, 2, 3, 1), 5, 1,
                Rescale.IDENTITY, Contrast.AUTO);
        assertEquals(0, labels.rgb(0, 0));
        assertEquals(labels.rgb(1, 0), labels.rgb(4, 0));
        Set<Integer> colours = new HashSet<>();
        for (long label = 1; label <= 50; label++) {
            int colour = SliceRenderer.labelColour(label);
            assertNotEquals(0, colour, "label " + label + " is not black");
            colours.add(colour);
        }
        assertEquals(50, colours.size(), "50 labels, 50 colours");
        assertEquals(SliceRenderer.labelColour(2), labels.rgb(2, 0));
    }

    @Test
    void refusesPlanesOfTheWrongSize() {
        assertThrows(IllegalArgumentException.class, () -> SliceRenderer.render(PixelType.UINT8,
                Planes.of(PixelType.UINT8, 1, 2, 3), 2, 2, Rescale.IDENTITY, Contrast.AUTO));
        assertThrows(IllegalArgumentException.class, () -> new RenderedSlice(2, 2, RenderedSlice.Kind.COLOUR, new byte[4], null));
    }
}
