package org.qbi.ui.viewer.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.ui.viewer.Lut;

/** The built-in LUTs against matplotlib's tables, log scaling, LUT rendering and the CT presets. Pure Java. */
class LutsTest {

    @Test
    void matplotlibMapsHaveMatplotlibsEndColours() {
        // matplotlib.colors.to_hex(matplotlib.colormaps[name](0.0)) and (1.0)
        assertEquals(0x440154, Luts.matplotlib("viridis").rgb(0));
        assertEquals(0xfde725, Luts.matplotlib("viridis").rgb(1));
        assertEquals(0x0d0887, Luts.matplotlib("plasma").rgb(0));
        assertEquals(0xf0f921, Luts.matplotlib("plasma").rgb(1));
        assertEquals(0x000004, Luts.matplotlib("inferno").rgb(0));
        assertEquals(0xfcffa4, Luts.matplotlib("inferno").rgb(1));
        assertEquals(0x000004, Luts.matplotlib("magma").rgb(0));
        assertEquals(0xfcfdbf, Luts.matplotlib("magma").rgb(1));
        assertEquals(0x00224e, Luts.matplotlib("cividis").rgb(0));
        assertEquals(0xfee838, Luts.matplotlib("cividis").rgb(1));
        // the middle entry 128 of viridis: (0.128729, 0.563265, 0.551229)
        assertEquals(0x21918c, Luts.matplotlib("viridis").rgb(128 / 255.0));
        assertThrows(IllegalArgumentException.class, () -> Luts.matplotlib("rainbow"));
    }

    @Test
    void grayInvertedGrayHotAndJet() {
        assertEquals(0x000000, Luts.gray().rgb(0));
        assertEquals(0x808080, Luts.gray().rgb(128 / 255.0));
        assertEquals(0xffffff, Luts.gray().rgb(1));
        assertEquals(0xffffff, Luts.invertedGray().rgb(0));
        assertEquals(0x7f7f7f, Luts.invertedGray().rgb(128 / 255.0));
        assertEquals(0x000000, Luts.invertedGray().rgb(1));
        for (int k = 0; k < 256; k++) {
            assertEquals(0xffffff - Luts.gray().rgb(k / 255.0), Luts.invertedGray().rgb(k / 255.0), "level " + k);
        }
        assertEquals(0x0b0000, Luts.hot().rgb(0), "matplotlib's hot starts at red 0.0416");
        assertEquals(0xffffff, Luts.hot().rgb(1));
        assertEquals(0x000080, Luts.jet().rgb(0), "dark blue");
        assertEquals(0x800000, Luts.jet().rgb(1), "dark red");
        assertEquals(0x000000, Luts.gray().rgb(-3), "clamped");
        assertEquals(0xffffff, Luts.gray().rgb(7), "clamped");
    }

    @Test
    void labelsAreDistinctAndZeroIsBlack() {
        Lut labels = Luts.labels();
        assertEquals(0, labels.labelRgb(0));
        Set<Integer> seen = new HashSet<>();
        for (long label = 1; label <= 200; label++) {
            int rgb = labels.labelRgb(label);
            assertNotEquals(0, rgb, "label " + label + " is not background");
            assertTrue(seen.add(rgb), "label " + label + " has a colour of its own");
        }
        // neighbours differ clearly: at least 60 apart in some channel
        for (long label = 1; label < 200; label++) {
            int a = labels.labelRgb(label);
            int b = labels.labelRgb(label + 1);
            int d = Math.max(Math.abs((a >> 16 & 255) - (b >> 16 & 255)),
                    Math.max(Math.abs((a >> 8 & 255) - (b >> 8 & 255)), Math.abs((a & 255) - (b & 255))));
            assertTrue(d >= 60, "labels " + label + " and " + (label + 1) + " differ by " + d);
        }
    }

    @Test
    void logScalingWithinTheWindowIsLog1pOfTheDistanceFromLow() {
        DisplayWindow window = new DisplayWindow(0, 99);
        assertEquals(0, window.level(0, true));
        assertEquals(128, window.level(9, true), "log1p(9) / log1p(99) = 1/2 -> 127.5 -> 128");
        assertEquals(255, window.level(99, true));
        assertEquals(0, window.level(-5, true));
        assertEquals(255, window.level(1e6, true));
        assertEquals(0, window.level(Double.NaN, true));
        assertEquals(23, window.level(9, false), "linear: 255 * 9 / 99 = 23.18");
        // 1 - low = 1: log(2) / log(100) = 0.150515 -> 38.38 -> 38
        assertEquals(38, window.level(1, true));
        DisplayWindow shifted = new DisplayWindow(-1000, -1000 + 255);
        assertEquals((int) Math.rint(255 * Math.log1p(15) / Math.log1p(255)), shifted.level(-985, true));
        assertEquals(128, shifted.level(-1000 + 15, true), "log(16) / log(256) = 1/2");
    }

    @Test
    void scalarSlicesThroughALut() {
        PlaneValues values = Planes.values(PixelType.UINT16, 100, 150, 200, 999);
        DisplayWindow window = new DisplayWindow(100, 200);
        Lut viridis = Luts.matplotlib("viridis");
        RenderedSlice slice = SliceRenderer.gray(values, 2, 2, window, false, new SliceRenderer.Look(viridis, false, false));
        assertEquals(RenderedSlice.Kind.COLOUR, slice.kind());
        assertEquals(window, slice.window());
        assertEquals(0x440154, slice.rgb(0, 0));
        assertEquals(viridis.rgb(128 / 255.0), slice.rgb(1, 0));
        assertEquals(0xfde725, slice.rgb(0, 1));
        assertEquals(0xfde725, slice.rgb(1, 1));
        RenderedSlice inverted = SliceRenderer.gray(values, 2, 2, window, true, new SliceRenderer.Look(viridis, false, false));
        assertEquals(0xfde725, inverted.rgb(0, 0), "negative slope: the low stored value is the high physical one");
        RenderedSlice log = SliceRenderer.gray(Planes.values(PixelType.UINT16, 100, 109, 199, 200), 2, 2,
                new DisplayWindow(100, 199), false, new SliceRenderer.Look(null, true, false));
        assertEquals(0x808080, log.rgb(1, 0), "log1p(9) / log1p(99) -> level 128 in gray");
        RenderedSlice labels = SliceRenderer.gray(Planes.values(PixelType.UINT16, 0, 1, 2, 1), 2, 2, window, false,
                new SliceRenderer.Look(Luts.labels(), false, true));
        assertEquals(0, labels.rgb(0, 0));
        assertEquals(SliceRenderer.labelColour(1), labels.rgb(1, 0), "categorical: the value, not the window");
        assertEquals(SliceRenderer.labelColour(2), labels.rgb(0, 1));
        assertEquals(labels.rgb(1, 0), labels.rgb(1, 1));
        RenderedSlice plain = SliceRenderer.gray(values, 2, 2, window, false, SliceRenderer.Look.GRAY);
        assertEquals(RenderedSlice.Kind.GRAY, plain.kind(), "gray stays 8-bit");
    }

    @Test
    void ctPresetsAreLevelMinusAndPlusHalfTheWidthInStoredValues() {
        Rescale ct = new Rescale(1, -1024, "HU");
        assertEquals(new DisplayWindow(-1350 + 1024, 150 + 1024), CtPresets.LUNG.stored(ct));
        assertEquals(new DisplayWindow(1024, 1104), CtPresets.BRAIN.stored(ct));
        assertEquals(new DisplayWindow(-160 + 1024, 240 + 1024), CtPresets.SOFT_TISSUE.stored(ct));
        assertEquals(new DisplayWindow(-500 + 1024, 1300 + 1024), CtPresets.BONE.stored(ct));
        assertEquals(new DisplayWindow(-675, 75), CtPresets.LUNG.stored(new Rescale(2, 0, "HU")));
        assertEquals(new DisplayWindow(-75, 675), CtPresets.LUNG.stored(new Rescale(-2, 0, "HU")), "negative slope");
        assertEquals("Lung (W 1500, L -600)", CtPresets.LUNG.label());
        assertTrue(CtPresets.applies(ct));
        assertTrue(!CtPresets.applies(Rescale.IDENTITY));
    }
}
