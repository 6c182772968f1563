package org.qbi.ops.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.ops.Outputs;
import org.qbi.ops.Port;
import org.qbi.ops.testing.OpTesting;

/** The bundle's operators are contributed through org.qbi.operators and run on a tiny calibrated volume. */
class SegmentOperatorsTest {

    private static final List<String> IDS = List.of("segment.label", "segment.distance", "segment.watershed",
            "segment.split", "segment.skeleton", "segment.kmeans");

    @Test
    void everyOperatorIsRegisteredWithoutProblems() {
        Operators operators = Operators.installed();
        for (String id : IDS) {
            Operators.Installed installed = operators.get(id);
            assertEquals("org.qbi.ops.segment", installed.plugin(), id);
            assertTrue(installed.spec().description().length() > 100, id + " describes itself");
            assertTrue(!installed.spec().reference().isEmpty(), id + " names a reference");
        }
        for (String problem : operators.problems()) {
            assertTrue(!problem.contains("org.qbi.ops.segment"), problem);
        }
    }

    @Test
    void tooLargeImagesAreRefusedBeforeAnythingIsAllocated() {
        // headers only: nothing behind them may be read or allocated
        Image hugePlanes = SegmentTesting.headerOnly(ImageHeader.uncalibrated(PixelType.UINT8, 70000, 70000));
        Image bigVolume = SegmentTesting.headerOnly(ImageHeader.uncalibrated(PixelType.UINT8, 2048, 2048, 1024));
        Operators operators = Operators.installed();
        for (String id : IDS) {
            Operator operator = operators.get(id).operator();
            for (Image image : new Image[] { hugePlanes, bigVolume }) {
                Map<String, Object> inputs = new java.util.HashMap<>();
                for (Port port : operator.spec().inputs()) {
                    if (!port.optional()) {
                        inputs.put(port.name(), image);
                    }
                }
                boolean planeWise = id.equals("segment.label") || id.equals("segment.distance");
                if (planeWise && image == bigVolume) {
                    continue; // 4 G voxels of 2048 x 2048 planes: labeled and measured plane by plane, not refused
                }
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> OpTesting.run(operator, inputs, OperatorContext.defaults()), id);
                assertTrue(e.getMessage().contains("2^31") && e.getMessage().contains("crop"), id + ": " + e.getMessage());
            }
        }
    }

    @Test
    void everyOperatorRunsOnATinyCalibratedVolume() throws IOException {
        // 4 x 3 x 2 voxels of 0.5 x 0.5 x 2 mm: two objects
        ArrayImage mask = OpTesting.image(PixelType.UINT8, new long[] { 4, 3, 2 },
                1, 1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1,
                1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1);
        ArrayImage calibrated = ArrayImage.wrap(mask.header().withAxes(List.of(AxisCalibration.of(Axis.X, 4, 0.5, 0, "mm"),
                AxisCalibration.of(Axis.Y, 3, 0.5, 0, "mm"), AxisCalibration.of(Axis.Z, 2, 2, 0, "mm"),
                AxisCalibration.uncalibrated(Axis.C, 1), AxisCalibration.uncalibrated(Axis.T, 1))), mask.values());
        Operators operators = Operators.installed();
        for (String id : IDS) {
            Operator operator = operators.get(id).operator();
            Map<String, Object> inputs = new java.util.HashMap<>();
            for (Port port : operator.spec().inputs()) {
                if (!port.optional()) {
                    inputs.put(port.name(), calibrated);
                }
            }
            Outputs out = OpTesting.run(operator, inputs, OperatorContext.defaults());
            long[] dims = out.image().header().dimensions();
            assertEquals(List.of(4L, 3L, 2L, 1L, 1L), java.util.Arrays.stream(dims).boxed().toList(), id);
            assertEquals(0.5, out.image().header().axis(Axis.X).spacing(), id + " keeps the calibration");
        }
        // physical distances: the background voxel next to (1, 0, 1) along x is 0.5 mm away
        double[] distance = OpTesting.values(OpTesting.run(operators.get("segment.distance").operator(), calibrated)
                .image());
        assertEquals(0.5, distance[12], 1e-7);
    }
}
