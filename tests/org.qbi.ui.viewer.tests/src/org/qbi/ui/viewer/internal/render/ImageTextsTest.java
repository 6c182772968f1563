package org.qbi.ui.viewer.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.Orientation;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.ui.viewer.internal.render.ImageTexts.Fact;

class ImageTextsTest {

    private static ImageHeader ct() {
        return new ImageHeader("DICOM", PixelType.INT16,
                List.of(AxisCalibration.of(Axis.X, 4, 0.5, -10, "mm"), AxisCalibration.of(Axis.Y, 3, 0.5, 20, "mm"),
                        AxisCalibration.of(Axis.Z, 5, 2, 100, "mm"), AxisCalibration.uncalibrated(Axis.C, 1),
                        AxisCalibration.uncalibrated(Axis.T, 1)),
                Optional.of(Orientation.IDENTITY), new Rescale(2, -1000, "HU"),
                Metadata.builder().put("dicom:0008,0060", "Modality", "DICOM", "CT").build());
    }

    @Test
    void numbersAsPeopleWriteThem() {
        assertEquals("2", ImageTexts.number(2.0));
        assertEquals("-1000", ImageTexts.number(-1000));
        assertEquals("0.5", ImageTexts.number(0.5));
        assertEquals("0.333333", ImageTexts.number(1 / 3.0));
        assertEquals("1.23457e+07", ImageTexts.number(12345678.9));
        assertEquals("1e-07", ImageTexts.number(1e-7));
        assertEquals("NaN", ImageTexts.number(Double.NaN));
    }

    @Test
    void theHeaderLineHasFormatSizeTypeSpacingFieldOfViewAndRescale() {
        ImageHeader header = ct();
        String line = ImageTexts.headerLine(header);
        assertEquals("DICOM  \u00b7  4 x 3 x 5 int16, 0.5 x 0.5 x 2 mm (field of view 2 x 1.5 x 10 mm)  \u00b7  "
                + "value = 2 \u00d7 stored \u2212 1000 HU", line);
        assertEquals("none", ImageTexts.rescale(Rescale.IDENTITY));
        assertEquals("value = 0.5 \u00d7 stored + 3", ImageTexts.rescale(new Rescale(0.5, 3, "")));
        assertEquals("value = 1 \u00d7 stored HU", ImageTexts.rescale(new Rescale(1, 0, "HU")));
    }

    @Test
    void theReadoutGivesPixelPhysicalPositionStoredAndRescaledValue() {
        ImageHeader header = ct();
        // plane of 4 x 3: value at (x 2, y 1) is index 6
        var plane = Planes.of(PixelType.INT16, 0, 0, 0, 0, 0, 0, 1234, 0, 0, 0, 0, 0);
        assertEquals("x 2  y 1  z 3  \u00b7  -9, 20.5, 106 mm  \u00b7  stored 1234  \u00b7  1468 HU",
                ImageTexts.readout(header, plane, 2, 1, 3, 0, 0));
    }

    @Test
    void readoutsOfColourComplexLabelsAndUncalibratedImages() {
        ImageHeader rgb = ImageHeader.uncalibrated(PixelType.RGB8, 2, 1);
        assertEquals("x 1  y 0  \u00b7  r 4  g 5  b 6",
                ImageTexts.readout(rgb, Planes.of(PixelType.RGB8, 1, 2, 3, 4, 5, 6), 1, 0, 0, 0, 0));
        ImageHeader complex = ImageHeader.uncalibrated(PixelType.COMPLEX_FLOAT32, 1, 1);
        assertEquals("x 0  y 0  \u00b7  stored 3 \u2212 4i  |5|",
                ImageTexts.readout(complex, Planes.of(PixelType.COMPLEX_FLOAT32, 3, -4), 0, 0, 0, 0, 0));
        ImageHeader labels = ImageHeader.uncalibrated(PixelType.LABEL32, 1, 1, 1, 3);
        assertEquals("x 0  y 0  c 2  \u00b7  label 17",
                ImageTexts.readout(labels, Planes.of(PixelType.LABEL32, 17), 0, 0, 0, 2, 0));
    }

    @Test
    void axesWithDifferentUnitsSayEachUnit() {
        ImageHeader header = new ImageHeader("", PixelType.UINT8,
                List.of(AxisCalibration.of(Axis.X, 2, 1.5, 0, "um"), AxisCalibration.of(Axis.Y, 2, 0.1, 0, "s"),
                        AxisCalibration.uncalibrated(Axis.Z, 1), AxisCalibration.uncalibrated(Axis.C, 1),
                        AxisCalibration.uncalibrated(Axis.T, 1)),
                Optional.empty(), Rescale.IDENTITY, Metadata.EMPTY);
        assertEquals("1.5 um, 0.1 s", ImageTexts.physical(header, 1, 1, 0));
    }

    @Test
    void sliderLabelsCountFromOneAndGiveThePosition() {
        assertEquals("3 / 5  (104 mm)", ImageTexts.sliderLabel(ct().axis(Axis.Z), 2));
        assertEquals("1 / 3", ImageTexts.sliderLabel(AxisCalibration.uncalibrated(Axis.T, 3), 0));
        AxisCalibration spectral = new AxisCalibration(Axis.C, 2, 1, 0, "nm", List.of(488.0, 561.0));
        assertEquals("2 / 2  (561 nm)", ImageTexts.sliderLabel(spectral, 1));
    }

    @Test
    void factsListFormatTypeEveryAxisOrientationAndRescale() {
        List<Fact> facts = ImageTexts.facts(ct());
        assertEquals(new Fact("Format", "DICOM"), facts.get(0));
        assertEquals(new Fact("Pixel type", "int16"), facts.get(1));
        assertTrue(facts.contains(new Fact("Axis x", "size 4, spacing 0.5 mm, origin -10 mm, field of view 2 mm")), facts.toString());
        assertTrue(facts.contains(new Fact("Axis z", "size 5, spacing 2 mm, origin 100 mm, field of view 10 mm")), facts.toString());
        assertTrue(facts.stream().noneMatch(f -> f.property().equals("Axis c")), "singleton axes are left out");
        assertTrue(facts.contains(new Fact("Orientation", "x (1, 0, 0)  y (0, 1, 0)  z (0, 0, 1)")), facts.toString());
        assertTrue(facts.contains(new Fact("Rescale", "value = 2 \u00d7 stored \u2212 1000 HU")), facts.toString());
        assertTrue(facts.contains(new Fact("Entries", "1")), facts.toString());
        assertTrue(ImageTexts.facts(ImageHeader.uncalibrated(PixelType.UINT8, 3, 2))
                .contains(new Fact("Orientation", "not given")));
    }
}
