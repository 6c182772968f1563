package org.qbi.ui.viewer.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.Rescale;

class FileWindowTest {

    private static Metadata window(Object center, Object width) {
        return Metadata.builder().put(FileWindow.CENTER_KEY, "WindowCenter", "DICOM", center)
                .put(FileWindow.WIDTH_KEY, "WindowWidth", "DICOM", width).build();
    }

    @Test
    void aCtWindowInHuBecomesStoredValuesThroughTheInverseRescale() {
        // c 40, w 400 HU: DICOM's linear function is black up to 40 - 0.5 - 199.5 = -160 and white from 239 HU
        FileWindow.Recommended ct = FileWindow.of(window(40.0, 400.0), new Rescale(1, -1024, "HU")).orElseThrow();
        assertEquals(40, ct.center());
        assertEquals(400, ct.width());
        assertEquals(new DisplayWindow(864, 1263), ct.stored());
        FileWindow.Recommended doubled = FileWindow.of(window(40L, 400L), new Rescale(2, -1000, "HU")).orElseThrow();
        assertEquals(new DisplayWindow(420, 619.5), doubled.stored());
    }

    @Test
    void theFirstOfSeveralWindowsAndTextValues() {
        assertEquals(new DisplayWindow(-160, 239),
                FileWindow.of(window(List.of(40.0, 300.0), List.of(400.0, 1500.0)), Rescale.IDENTITY).orElseThrow().stored());
        assertEquals(new DisplayWindow(-160, 239),
                FileWindow.of(window("40\\300", "400\\1500"), Rescale.IDENTITY).orElseThrow().stored());
    }

    @Test
    void aNegativeSlopeKeepsLowBelowHigh() {
        DisplayWindow stored = FileWindow.of(window(0.0, 201.0), new Rescale(-1, 0, "")).orElseThrow().stored();
        assertEquals(new DisplayWindow(-99.5, 100.5), stored);
    }

    @Test
    void noWindowWhenAbsentOrUnusable() {
        assertTrue(FileWindow.of(Metadata.EMPTY, Rescale.IDENTITY).isEmpty());
        assertTrue(FileWindow.of(window(40.0, 1.0), Rescale.IDENTITY).isEmpty(), "width 1 is a threshold, not a window");
        assertTrue(FileWindow.of(window("abc", 400.0), Rescale.IDENTITY).isEmpty());
        assertTrue(FileWindow.of(Metadata.builder().put(FileWindow.CENTER_KEY, "WindowCenter", "DICOM", 40.0).build(),
                Rescale.IDENTITY).isEmpty());
    }

    @Test
    void aFixedWindowIsUsedAsGiven() {
        RenderedSlice slice = SliceRenderer.render(org.qbi.core.image.PixelType.INT16,
                Planes.of(org.qbi.core.image.PixelType.INT16, 0, 100, 200, 300), 4, 1, Rescale.IDENTITY,
                SliceRenderer.Contrast.FIXED, new DisplayWindow(100, 200));
        assertEquals(new DisplayWindow(100, 200), slice.window());
        assertEquals(List.of(0, 0, 255, 255), List.of(slice.gray(0, 0), slice.gray(1, 0), slice.gray(2, 0), slice.gray(3, 0)));
    }
}
