package org.qbi.measure.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Image;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.segment.DistanceTransform;
import org.qbi.ops.testing.OpTesting;

/**
 * The distance ridge's two containment tests (exact tables per radius, and the (r + |o|)^2 bound used beyond the
 * tables' budget) give the same map, equal to the brute-force reference (data/make_thickness_reference.py).
 */
class LocalThicknessTest {

    @TempDir
    Path dir;

    @Test
    void theBoundOnlyRidgeGivesTheSameMapAsTheExactTables() throws IOException {
        ArrayImage raw = OpTesting.fixture(getClass(), "thickness_mask.npy", dir);
        var h = raw.header();
        ArrayImage mask = ArrayImage.wrap(h.withAxes(java.util.List.of(AxisCalibration.of(Axis.X, h.size(Axis.X), 0.5,
                0, "mm"), AxisCalibration.of(Axis.Y, h.size(Axis.Y), 0.75, 0, "mm"),
                AxisCalibration.of(Axis.Z, h.size(Axis.Z), 1.25, 0, "mm"), AxisCalibration.uncalibrated(Axis.C, 1),
                AxisCalibration.uncalibrated(Axis.T, 1))), raw.values());
        double[] spacing = { 0.5, 0.75, 1.25 };
        Image distance = new DistanceTransform().apply(Inputs.ofImage(DistanceTransform.SPEC, mask),
                Arguments.defaults(DistanceTransform.SPEC).with(DistanceTransform.SPACING, spacing.clone()),
                OperatorContext.defaults()).image();
        int n = (int) h.pixelCount();
        float[] d = new float[n];
        java.lang.foreign.MemorySegment.copy(ArrayImage.copyOf(distance).values(), ValueLayout.JAVA_FLOAT_UNALIGNED, 0,
                d, 0, n);
        int nx = (int) h.size(Axis.X);
        int ny = (int) h.size(Axis.Y);
        int nz = (int) h.size(Axis.Z);
        OperatorContext context = OperatorContext.defaults();
        float[] tables = LocalThickness.of(d, nx, ny, nz, spacing, context);
        float[] bound = LocalThickness.of(d, nx, ny, nz, spacing, context, 0);
        assertArrayEquals(tables, bound);
        int withBound = LocalThickness.sortedRidge(d, nx, ny, nz, spacing, context, 0).length;
        int withTables = LocalThickness.sortedRidge(d, nx, ny, nz, spacing, context, LocalThickness.TABLE_ROWS).length;
        assertTrue(withTables < withBound, "the tables drop more centres: " + withTables + " vs " + withBound);
        double[] reference = OpTesting.values(OpTesting.fixture(getClass(), "thickness_solid.npy", dir));
        for (int i = 0; i < n; i++) {
            assertEquals(reference[i], tables[i], 2e-6 * 37, "voxel " + i);
        }
    }
}
