package org.qbi.ui.viewer.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Orientation;
import org.qbi.core.image.PixelType;

/** Channel composites, label overlays, scale bars and orientation letters, against hand-worked values. */
class OverlaysAndCompositeTest {

    @Test
    void aCompositeAddsEachVisibleChannelInItsColourThroughItsOwnWindow() {
        PlaneValues red = Planes.values(PixelType.UINT16, 0, 100, 200, 50);
        PlaneValues green = Planes.values(PixelType.UINT16, 10, 10, 1010, 510);
        DisplayWindow w1 = new DisplayWindow(0, 200);
        DisplayWindow w2 = new DisplayWindow(10, 1010);
        RenderedSlice both = ChannelComposite.render(List.of(
                new ChannelComposite.Channel(red, w1, 0xFF0000, true),
                new ChannelComposite.Channel(green, w2, 0x00FF00, true)), 2, 2);
        assertEquals(0x000000, both.rgb(0, 0));
        assertEquals(128 << 16, both.rgb(1, 0), "100 of 0..200 is level 128 (round 127.5)");
        assertEquals(0xFFFF00, both.rgb(0, 1));
        assertEquals(64 << 16 | 128 << 8, both.rgb(1, 1), "50 -> round(63.75) = 64; 510 -> 128");
        RenderedSlice greenOff = ChannelComposite.render(List.of(
                new ChannelComposite.Channel(red, w1, 0xFF0000, true),
                new ChannelComposite.Channel(green, w2, 0x00FF00, false)), 2, 2);
        assertEquals(0xFF0000, greenOff.rgb(0, 1));
        RenderedSlice magentaAndWhite = ChannelComposite.render(List.of(
                new ChannelComposite.Channel(red, w1, 0xFF00FF, true),
                new ChannelComposite.Channel(green, w2, 0xFFFFFF, true)), 2, 2);
        assertEquals(0xFFFFFF, magentaAndWhite.rgb(0, 1), "sums clamp at 255");
        assertEquals(0xFF0000, ChannelComposite.defaultColour(0));
        assertEquals(0x00FF00, ChannelComposite.defaultColour(8));
    }

    @Test
    void aFilledOverlayColoursExactlyTheLabelledPixelsWithTheOpacityGiven() {
        RenderedSlice gray = SliceRenderer.gray(Planes.values(PixelType.UINT8, Planes.sequence(12)), 4, 3,
                new DisplayWindow(0, 11), false);
        double[] labels = { 0, 0, 0, 0, 0, 3, 3, 0, 0, 3, 7, 0 };
        RenderedSlice opaque = new LabelOverlay(Planes.values(PixelType.UINT8, labels), 1, false).over(gray);
        RenderedSlice half = new LabelOverlay(Planes.values(PixelType.UINT8, labels), 0.5, false).over(gray);
        for (int i = 0; i < 12; i++) {
            int x = i % 4;
            int y = i / 4;
            if (labels[i] == 0) {
                assertEquals(gray.rgb(x, y), opaque.rgb(x, y), "unlabelled pixel " + i + " keeps its gray");
            } else {
                int colour = SliceRenderer.labelColour((long) labels[i]);
                assertEquals(colour, opaque.rgb(x, y), "labelled pixel " + i);
                int g = gray.gray(x, y);
                int expected = (g + (colour >> 16 & 0xFF) + 1) / 2 << 16 | (g + (colour >> 8 & 0xFF) + 1) / 2 << 8
                        | (g + (colour & 0xFF) + 1) / 2;
                assertEquals(expected, half.rgb(x, y), "half opacity: the mean, rounded, of pixel " + i);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new LabelOverlay(Planes.values(PixelType.UINT8, labels), 1.5,
                false));
    }

    @Test
    void outlinesDrawOnlyTheBorderPixelsOfEachLabel() {
        // a 3 x 3 block of label 5 in a 5 x 5 plane: its 8 edge pixels are border, its centre is not
        double[] labels = new double[25];
        for (int y = 1; y <= 3; y++) {
            for (int x = 1; x <= 3; x++) {
                labels[y * 5 + x] = 5;
            }
        }
        RenderedSlice black = SliceRenderer.gray(Planes.values(PixelType.UINT8, new double[25]), 5, 5,
                new DisplayWindow(0, 1), false);
        RenderedSlice outlined = new LabelOverlay(Planes.values(PixelType.UINT8, labels), 1, true).over(black);
        int drawn = 0;
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                if (outlined.rgb(x, y) != 0) {
                    drawn++;
                }
            }
        }
        assertEquals(8, drawn);
        assertEquals(0, outlined.rgb(2, 2), "the centre of the block is inside, not on the border");
    }

    @Test
    void theScaleBarIsOneTwoOrFiveTimesAPowerOfTenThatFits() {
        ScaleBar bar = ScaleBar.choose(0.1, "mm", 120);
        assertEquals(10, bar.length(), 1e-12, "12 mm fit: 10 mm");
        assertEquals(100, bar.pixels());
        assertEquals("10 mm", bar.label());
        assertEquals(5, ScaleBar.choose(0.1, "mm", 60).length(), 1e-12);
        assertEquals(2, ScaleBar.choose(0.1, "mm", 30).length(), 1e-12);
        assertEquals(0.5, ScaleBar.choose(0.01, "\u00b5m", 70).length(), 1e-12);
        assertNull(ScaleBar.choose(1, "pixel", 100), "no scale bar without a calibration");
    }

    @Test
    void orientationLettersFollowTheDirectionCosines() {
        // LPS identity: +x is patient left, +y posterior, +z superior
        OrientationLabels axial = OrientationLabels.of(Orientation.IDENTITY, SlicePlane.AXIAL);
        assertEquals(new OrientationLabels("R", "L", "A", "P"), axial);
        assertEquals(new OrientationLabels("R", "L", "I", "S"), OrientationLabels.of(Orientation.IDENTITY,
                SlicePlane.CORONAL), "z grows down the screen in the coronal plane");
        assertEquals(new OrientationLabels("A", "P", "I", "S"), OrientationLabels.of(Orientation.IDENTITY,
                SlicePlane.SAGITTAL));
        assertEquals(new OrientationLabels("R", "L", "S", "I"), OrientationLabels.of(Orientation.IDENTITY,
                SlicePlane.CORONAL).flipped(), "z upwards: superior at the top");
        // a sagittal acquisition: rows along +y (posterior), columns along -z (inferior)
        Orientation sagittal = Orientation.fromRowAndColumn(new double[] { 0, 1, 0 }, new double[] { 0, 0, -1 });
        assertEquals(new OrientationLabels("A", "P", "S", "I"), OrientationLabels.of(sagittal, SlicePlane.AXIAL));
        assertEquals(Axis.Y, SlicePlane.CORONAL.normal());
    }
}
