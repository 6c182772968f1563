package org.qbi.ops.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.testing.OpTesting;

/**
 * segment.distance against scipy.ndimage.distance_transform_edt (scipy 1.10, float64, stored as float32;
 * data/make_references.py). Tolerance 2e-6 relative: integer squared distances are exact in float32, so
 * isotropic results are identical; anisotropic ones differ by float32 rounding of the squared distances.
 */
class DistanceTransformTest {

    private static final DistanceTransform EDT = new DistanceTransform();

    @TempDir
    Path dir;

    private Image run(Image mask, int threads, String... parameters) throws IOException {
        return OpTesting.run(EDT, Map.of("mask", mask), OperatorContext.defaults().withParallelism(threads), parameters)
                .image("distance");
    }

    private void assertScipy(Image mask, String reference, double tolerance, String... parameters) throws IOException {
        Image expected = OpTesting.fixture(getClass(), reference, dir);
        Image one = run(mask, 1, parameters);
        assertEquals(PixelType.FLOAT32, one.header().pixelType());
        OpTesting.assertClose(expected, one, tolerance, reference);
        OpTesting.assertIdentical(one, run(mask, 7, parameters), reference + ": 1 vs 7 threads");
    }

    @Test
    void matchesScipyOnBlobs() throws IOException {
        ArrayImage mask = SegmentTesting.blobsMask();
        assertScipy(mask, "edt_blobs.npy", 0);
        assertScipy(mask, "edt_blobs_inverse.npy", 0, "inverse=true");
    }

    @Test
    void anisotropicSpacingFromParameterOrCalibration() throws IOException {
        ArrayImage bone = OpTesting.fixture(getClass(), "bone_crop.npy", dir);
        ArrayImage pores = SegmentTesting.zeros(bone);
        // scipy sampling (2.0, 0.7, 0.5) in (z, y, x): values up to about 20, float32 rounding of squares
        assertScipy(pores, "edt_bone_aniso.npy", 1e-5, "inverse=true", "spacing=0.5,0.7,2");
        ArrayImage calibrated = ArrayImage.wrap(pores.header().withAxes(List.of(
                AxisCalibration.of(Axis.X, 64, 500, 0, "um"), AxisCalibration.of(Axis.Y, 48, 0.7, 0, "mm"),
                AxisCalibration.of(Axis.Z, 32, 2, 0, "mm"), AxisCalibration.uncalibrated(Axis.C, 1),
                AxisCalibration.uncalibrated(Axis.T, 1))), pores.values());
        // distances in the x axis's unit (um): 1000 times the mm values
        Image micrometres = run(calibrated, 2, "inverse=true");
        Image millimetres = run(pores, 2, "inverse=true", "spacing=0.5,0.7,2");
        double[] um = OpTesting.values(micrometres);
        double[] mm = OpTesting.values(millimetres);
        for (int i = 0; i < um.length; i++) {
            assertEquals(mm[i] * 1000, um[i], 1e-5 * um[i] + 1e-9, "voxel " + i);
        }
    }

    @Test
    void matchesScipyOnDenseNoiseInverse() throws IOException {
        assertScipy(OpTesting.fixture(getClass(), "noise_mask.npy", dir), "edt_noise_inverse.npy", 0, "inverse=true");
    }

    @Test
    void everyMaskTypeAndChunkedInputsGiveTheSameDistances() throws IOException {
        ArrayImage blobs = SegmentTesting.blobsMask();
        ArrayImage bone = SegmentTesting.zeros(OpTesting.fixture(getClass(), "bone_crop.npy", dir));
        for (ArrayImage mask : new ArrayImage[] { blobs, bone }) {
            for (String inverse : new String[] { "inverse=false", "inverse=true" }) {
                Image reference = run(mask, 2, inverse);
                OpTesting.assertIdentical(reference, run(SegmentTesting.chunked(mask), 3, inverse), "chunked input");
                for (PixelType type : new PixelType[] { PixelType.UINT16, PixelType.INT32 }) {
                    OpTesting.assertIdentical(reference, run(SegmentTesting.as(type, mask), 2, inverse),
                            type.label() + " mask, " + inverse);
                }
            }
        }
    }

    @Test
    void designedCases() throws IOException {
        // a row: distances to the single background voxel; spacing 2 doubles them
        ArrayImage row = OpTesting.image(PixelType.UINT8, new long[] { 5, 1 }, 1, 1, 0, 1, 1);
        assertEquals(List.of(2.0, 1.0, 0.0, 1.0, 2.0), box(OpTesting.values(run(row, 1))));
        assertEquals(List.of(4.0, 2.0, 0.0, 2.0, 4.0), box(OpTesting.values(run(row, 1, "spacing=2"))));
        // no background at all: infinity (documented difference from scipy)
        ArrayImage full = OpTesting.image(PixelType.UINT8, new long[] { 2, 2 }, 1, 1, 1, 1);
        for (double v : OpTesting.values(run(full, 1))) {
            assertEquals(Double.POSITIVE_INFINITY, v);
        }
    }

    private static List<Double> box(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    @Test
    void refusesBadSpacing() {
        ArrayImage row = OpTesting.image(PixelType.UINT8, new long[] { 2, 1 }, 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(row, 1, "spacing=0"));
        assertTrue(e.getMessage().contains("spacing"), e.getMessage());
    }
    /**
     * {@link DistanceLines} one whole line at a time (as distributed engines run it: along x, then y, then z) gives
     * the operator's output bit for bit: anisotropic spacing, the inverse, 2D, and rows without background.
     */
    @Test
    void passesOneLineAtATimeEqualTheOperator() throws IOException {
        ArrayImage bone = OpTesting.fixture(getClass(), "bone_crop.npy", dir);
        ArrayImage blobs = SegmentTesting.blobsMask();
        for (Image mask : List.of(bone, blobs)) {
            for (String[] parameters : List.of(new String[] { "spacing=0.5,0.7,2" },
                    new String[] { "inverse=true", "spacing=0.5,0.7,2" }, new String[0])) {
                Image expected = run(mask, 3, parameters);
                ArrayImage lines = byLines(mask, parameters);
                OpTesting.assertIdentical(expected, lines, String.join(" ", parameters));
            }
        }
    }

    private static ArrayImage byLines(Image mask, String... parameters) throws IOException {
        Map<String, String> texts = new java.util.HashMap<>();
        for (String p : parameters) {
            texts.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        }
        org.qbi.ops.Arguments arguments = org.qbi.ops.Arguments.parse(DistanceTransform.SPEC, texts);
        double[] spacing = DistanceLines.spacing(mask.header(), arguments);
        boolean inverse = arguments.get(DistanceTransform.INVERSE);
        ArrayImage source = ArrayImage.copyOf(mask);
        long[] dims = mask.header().dimensions();
        int[] n = { (int) dims[0], (int) dims[1], (int) dims[2] };
        int[] stride = { 1, n[0], n[0] * n[1] };
        float[] values = new float[n[0] * n[1] * n[2]];
        DistanceLines lines = new DistanceLines();
        float[] row = new float[n[0]];
        for (int r = 0; r < n[1] * n[2]; r++) {
            lines.first(mask.header().pixelType(), source.values(), (long) r * n[0], n[0], inverse, spacing[0], row);
            System.arraycopy(row, 0, values, r * n[0], n[0]);
        }
        int passes = n[2] > 1 ? 3 : 2;
        for (int axis = 1; axis < passes; axis++) {
            float[] line = new float[n[axis]];
            for (int i = 0; i < values.length; i++) {
                if ((i / stride[axis]) % n[axis] != 0) {
                    continue; // not the first voxel of its line along this axis
                }
                for (int k = 0; k < n[axis]; k++) {
                    line[k] = values[i + k * stride[axis]];
                }
                lines.next(line, n[axis], spacing[axis], axis == passes - 1);
                for (int k = 0; k < n[axis]; k++) {
                    values[i + k * stride[axis]] = line[k];
                }
            }
        }
        ArrayImage result = ArrayImage.allocate(DistanceLines.outputHeader(mask.header()));
        java.lang.foreign.MemorySegment.copy(values, 0, result.values(),
                java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED, 0, values.length);
        return result;
    }
}
