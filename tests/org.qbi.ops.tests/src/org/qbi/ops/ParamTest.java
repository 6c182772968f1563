package org.qbi.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.block.Boundary;

/** Parameters, lengths and arguments: parsing, canonical text, ranges, messages. */
class ParamTest {

    static final Param<Double> LEVEL = Param.real("level", "Level", "a level", 0.5).range(0, 1);
    static final Param<Integer> COUNT = Param.integer("count", "Count", "how many", 3).range(1, 10);
    static final Param<Boolean> DARK = Param.flag("dark", "Dark", "dark objects", false);
    static final Param<Boundary> MODE = Param.choice("mode", "Mode", "border", Boundary.class, Boundary.REFLECT);
    static final Param<double[]> LEVELS = Param.reals("levels", "Levels", "levels", 1, 2.5);
    static final Param<Length> RADIUS = Param.length("radius", "Radius", "radius", 2).range(0, 50);
    static final Param<Double> VALUE = Param.requiredReal("value", "Value", "the value");

    static final OperatorSpec SPEC = OperatorSpec.builder("test.params", "Params").parameters(LEVEL, COUNT, DARK, MODE,
            LEVELS, RADIUS, VALUE).input(Port.image("image", "")).output(Port.image("out", "")).build();

    @Test
    void canonicalTextReadsBackToTheSameArguments() {
        Arguments args = Arguments.parse(SPEC, Map.of("level", "0.25", "count", "7", "dark", "yes", "mode", "Nearest",
                "levels", "1, 2 3", "radius", "1.5mm", "value", "-inf"));
        Map<String, String> text = args.asText();
        assertEquals(Map.of("level", "0.25", "count", "7", "dark", "true", "mode", "nearest", "levels", "1,2,3",
                "radius", "1.5 mm", "value", "-Infinity"), text);
        assertEquals(args, Arguments.parse(SPEC, text));
        assertEquals(Boundary.NEAREST, args.get(MODE));
        assertArrayEquals(new double[] { 1, 2, 3 }, args.get(LEVELS));
        assertEquals(new Length(1.5, "mm"), args.get(RADIUS));
        assertEquals(Double.NEGATIVE_INFINITY, args.get(VALUE));
    }

    @Test
    void defaultsFillWhatIsNotGivenButRequiredOnesMustBe() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Arguments.defaults(SPEC));
        assertTrue(missing.getMessage().contains("needs parameter 'value'"), missing.getMessage());
        Arguments args = Arguments.parse(SPEC, Map.of("value", "3"));
        assertEquals(0.5, args.get(LEVEL));
        assertEquals(3, args.get(COUNT));
        assertEquals(Length.voxels(2), args.get(RADIUS));
    }

    @Test
    void messagesNameTheParameterAndWhatIsAllowed() {
        assertMessage(Map.of("value", "1", "level", "1.5"), "Parameter 'level' is 1.5; it must be between 0 and 1");
        assertMessage(Map.of("value", "1", "count", "2.5"), "Parameter 'count': '2.5' is not a whole number");
        assertMessage(Map.of("value", "1", "mode", "reflekt"),
                "'reflekt' is not one of reflect, mirror, nearest, wrap, constant");
        assertMessage(Map.of("value", "1", "dark", "maybe"), "'maybe' is not true or false");
        assertMessage(Map.of("value", "1", "radius", "60"), "Parameter 'radius' is 60 px; it must be between 0 and 50");
        assertMessage(Map.of("value", "x"), "Parameter 'value': 'x' is not a number");
        assertMessage(Map.of("value", "1", "colour", "red"), "Operator test.params has no parameter 'colour'");
        assertMessage(Map.of("value", "NaN"), "Parameter 'value': 'NaN' is not a number");
    }

    private static void assertMessage(Map<String, String> texts, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Arguments.parse(SPEC, texts));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void lengthsConvertToVoxelsPerAxisWithUnits() {
        ImageHeader header = ImageHeader.uncalibrated(PixelType.UINT8, 10, 10, 10).withAxes(List.of(
                AxisCalibration.of(Axis.X, 10, 0.5, 0, "um"), AxisCalibration.of(Axis.Y, 10, 0.5, 0, "micron"),
                AxisCalibration.of(Axis.Z, 10, 2, 0, "um"), AxisCalibration.uncalibrated(Axis.C, 1),
                AxisCalibration.uncalibrated(Axis.T, 1)));
        assertArrayEquals(new double[] { 4, 4, 1 }, Length.parse("2 um").toVoxels(header), 1e-12);
        assertArrayEquals(new double[] { 4, 4, 1 }, Length.parse("0.002mm").toVoxels(header), 1e-12);
        assertArrayEquals(new double[] { 3, 3, 3 }, Length.parse("3").toVoxels(header), 1e-12);
        // a 2D image has no z to smooth along
        ImageHeader flat = ImageHeader.uncalibrated(PixelType.UINT8, 10, 10);
        assertArrayEquals(new double[] { 3, 3, 0 }, Length.parse("3 px").toVoxels(flat), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Length.parse("1 mm").toVoxels(flat));
        assertTrue(e.getMessage().contains("axis x") && e.getMessage().contains("px"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Length.parse("mm"));
        assertThrows(IllegalArgumentException.class, () -> Length.parse("-1"));
    }

    @Test
    void specsRefuseBadDeclarations() {
        assertThrows(IllegalArgumentException.class, () -> OperatorSpec.builder("Gaussian", "x")
                .output(Port.image("out", "")).build());
        assertThrows(IllegalArgumentException.class, () -> OperatorSpec.builder("filter.x", "x").parameters(LEVEL, LEVEL)
                .output(Port.image("out", "")).build());
        assertThrows(IllegalArgumentException.class, () -> OperatorSpec.builder("filter.x", "x").build());
        assertThrows(IllegalArgumentException.class, () -> Param.real("Level", "", "", 0));
        assertThrows(IllegalArgumentException.class, () -> Param.real("level", "", "", 2).range(0, 1));
    }
}
