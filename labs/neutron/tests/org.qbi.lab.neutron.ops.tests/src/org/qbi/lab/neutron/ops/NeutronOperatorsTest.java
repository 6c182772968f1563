package org.qbi.lab.neutron.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.core.table.Table;
import org.qbi.io.testing.TestFiles;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.ops.Outputs;
import org.qbi.ops.testing.OpTesting;

/** The neutron operators against numpy/scipy references (data/make_references.py) and analytic cases. */
class NeutronOperatorsTest {

    @TempDir
    Path dir;

    private ArrayImage fixture(String name) throws IOException {
        return OpTesting.fixture(getClass(), name, dir);
    }

    private Outputs normalize(OperatorContext context, String... parameters) throws IOException {
        return OpTesting.run(new Normalize(), Map.of("image", fixture("norm_projections.npy"), "dark",
                fixture("norm_dark.npy"), "open_beam", fixture("norm_open.npy")), context, parameters);
    }

    @Test
    void normalizeWithoutRegionIsTheFlatFieldOfEveryProjection() throws IOException {
        Image result = normalize(OperatorContext.defaults(), "invalid=-1").image("transmission");
        assertEquals(PixelType.FLOAT32, result.header().pixelType());
        OpTesting.assertClose(fixture("norm_plain.npy"), result, 1e-6, "(I - D) / (O - D)");
    }

    @Test
    void normalizeCorrectsTheDoseFromTheReferenceRegion() throws IOException {
        Outputs outputs = normalize(OperatorContext.defaults(), "region_x=1", "region_y=4", "region_width=6",
                "region_height=56");
        OpTesting.assertClose(fixture("norm_dose.npy"), outputs.image("transmission"), 2e-6, "dose-corrected T");
        Table dose = outputs.table("dose");
        List<String> lines = Files.readAllLines(TestFiles.fixture(getClass(), "norm_dose_table.csv", dir));
        assertEquals(5, dose.rowCount());
        for (int i = 0; i < 5; i++) {
            String[] expected = lines.get(i + 1).split(",");
            assertEquals(i, dose.column("projection").number(i));
            assertEquals(Double.parseDouble(expected[0]), dose.column("dose").number(i), 1e-4, "dose " + i);
            assertEquals(Double.parseDouble(expected[1]), dose.column("open_dose").number(i), 1e-4, "open dose");
            assertEquals(Double.parseDouble(expected[2]), dose.column("factor").number(i), 1e-8, "factor " + i);
        }
    }

    @Test
    void normalizeOfAnAnalyticStackGivesTheTransmissionWhateverTheDose() throws IOException {
        // I = dark + dose_z * T * (open - dark) with T = 0.25 in the sample and 1 in column 0 (the reference)
        long[] sizes = { 4, 2, 3 };
        double[] dark = { 10, 10, 10, 10, 12, 12, 12, 12 };
        double[] open = { 110, 210, 310, 410, 112, 212, 312, 412 };
        double[] doses = { 1, 0.5, 2 };
        double[] raw = new double[24];
        for (int z = 0; z < 3; z++) {
            for (int p = 0; p < 8; p++) {
                double t = p % 4 == 0 ? 1 : 0.25;
                raw[z * 8 + p] = dark[p] + doses[z] * t * (open[p] - dark[p]);
            }
        }
        Outputs outputs = OpTesting.run(new Normalize(), Map.of("image", OpTesting.image(PixelType.FLOAT64, sizes, raw),
                "dark", OpTesting.image(PixelType.FLOAT64, new long[] { 4, 2 }, dark), "open_beam",
                OpTesting.image(PixelType.FLOAT64, new long[] { 4, 2 }, open)), OperatorContext.defaults(),
                "region_x=0", "region_y=0", "region_width=1", "region_height=2");
        double[] t = OpTesting.values(outputs.image("transmission"));
        for (int i = 0; i < 24; i++) {
            assertEquals(i % 4 == 0 ? 1 : 0.25, t[i], 1e-6, "T at " + i);
        }
        assertEquals(0.5, outputs.table("dose").column("dose").number(1) / outputs.table("dose").column("open_dose")
                .number(1), 1e-12);
    }

    @Test
    void normalizeAppliesTheRescaleOfEachInput() throws IOException {
        // stored int16 with an offset of 1000 (as FITS BZERO): the physical values are what count
        ImageHeader header = ImageHeader.uncalibrated(PixelType.INT16, 2, 1).withRescale(new Rescale(1, 1000, ""));
        ArrayImage image = OpTesting.image(PixelType.INT16, new long[] { 2, 1 }, -500, -900);
        ArrayImage withOffset = ArrayImage.wrap(header, image.values());
        Outputs outputs = OpTesting.run(new Normalize(), Map.of("image", withOffset, "dark",
                OpTesting.image(PixelType.FLOAT32, new long[] { 2, 1 }, 100, 100), "open_beam",
                OpTesting.image(PixelType.FLOAT32, new long[] { 2, 1 }, 1100, 600)), OperatorContext.defaults());
        double[] t = OpTesting.values(outputs.image("transmission"));
        assertEquals(0.4, t[0], 1e-6);
        assertEquals(0.0, t[1], 1e-6);
    }

    @Test
    void normalizeRefusesFramesOfAnotherSizeAndRegionsOutside() throws IOException {
        var small = OpTesting.image(PixelType.FLOAT32, new long[] { 2, 2 }, 1, 1, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpTesting.run(new Normalize(),
                Map.of("image", fixture("norm_projections.npy"), "dark", small, "open_beam", fixture("norm_open.npy")),
                OperatorContext.defaults()));
        assertTrue(e.getMessage().contains("dark frame is 2 x 2 pixels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> normalize(OperatorContext.defaults(), "region_x=90",
                "region_y=0", "region_width=10", "region_height=5"));
        assertTrue(e.getMessage().contains("outside the projections of 96 x 64"), e.getMessage());
    }

    @Test
    void normalizeIsIdenticalOnOneAndSevenThreads() throws IOException {
        Image one = normalize(OperatorContext.defaults().withParallelism(1), "region_x=1", "region_y=4",
                "region_width=6", "region_height=56").image("transmission");
        Image seven = normalize(OperatorContext.defaults().withParallelism(7), "region_x=1", "region_y=4",
                "region_width=6", "region_height=56").image("transmission");
        OpTesting.assertIdentical(one, seven, "1 vs 7 threads");
    }

    @Test
    void cleanSpotsEqualsTheMedianReplacementOfScipy() throws IOException {
        ArrayImage input = fixture("spots_input.npy");
        OpTesting.assertIdentical(fixture("spots_bright_3_t1000.npy"),
                OpTesting.run(new CleanSpots(), input, "threshold=1000").image(), "bright, 3x3");
        OpTesting.assertIdentical(fixture("spots_both_3_t1000.npy"),
                OpTesting.run(new CleanSpots(), input, "threshold=1000", "direction=both").image(), "both, 3x3");
        OpTesting.assertIdentical(fixture("spots_dark_5_t1000.npy"),
                OpTesting.run(new CleanSpots(), input, "threshold=1000", "direction=dark", "size=5").image(), "dark, 5x5");
        OpTesting.assertIdentical(fixture("spots_real_both_3_t150.npy"), OpTesting.run(new CleanSpots(),
                fixture("spots_real_input.npy"), "threshold=150", "direction=both").image(), "real slice");
    }

    @Test
    void cleanSpotsReplacesTheSpotsOfARampAndKeepsEverythingElse() throws IOException {
        // a ramp x + 2y with isolated bright spots and one dark pixel: the 3x3 window of a spot holds c-3, c-2, c-1,
        // c-1, c+1, c+1, c+2, c+3 and the spot, so its median is c + 1 (bright) or c - 1 (dark)
        int nx = 20;
        int ny = 15;
        double[] ramp = new double[nx * ny];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i % nx + 2 * (i / nx);
        }
        double[] spotted = ramp.clone();
        int[] bright = { 3 + 4 * nx, 10 + 7 * nx, 12 + 2 * nx, 17 + 12 * nx };
        for (int i : bright) {
            spotted[i] += 100;
        }
        spotted[6 + 10 * nx] -= 100;
        ArrayImage input = OpTesting.image(PixelType.FLOAT32, new long[] { nx, ny }, spotted);
        double[] cleaned = OpTesting.values(OpTesting.run(new CleanSpots(), input, "threshold=10").image());
        for (int i = 0; i < ramp.length; i++) {
            final int pixel = i;
            boolean isBright = java.util.Arrays.stream(bright).anyMatch(b -> b == pixel);
            assertEquals(isBright ? ramp[i] + 1 : spotted[i], cleaned[i], 0, "pixel " + i);
        }
        double[] both = OpTesting.values(OpTesting.run(new CleanSpots(), input, "threshold=10", "direction=both").image());
        assertEquals(ramp[6 + 10 * nx] - 1, both[6 + 10 * nx], 0, "the dark pixel too");
        assertEquals(ramp[3 + 4 * nx] + 1, both[3 + 4 * nx], 0, "and the bright ones");
        assertThrows(IllegalArgumentException.class, () -> OpTesting.run(new CleanSpots(), input, "threshold=10", "size=4"));
    }

    @Test
    void ringRemovalEqualsVoSortingFilter() throws IOException {
        OpTesting.assertIdentical(fixture("rings_sinogram_11.npy"),
                OpTesting.run(new StripeRemoval(), fixture("rings_sinogram.npy"), "size=11").image(), "2D sinogram");
        OpTesting.assertIdentical(fixture("rings_stack_5.npy"),
                OpTesting.run(new StripeRemoval(), fixture("rings_stack.npy"), "size=5").image(), "stack, per row");
    }

    @Test
    void ringRemovalFlattensTheStripeOfAColumnWithAGainError() throws IOException {
        // a sinogram whose column 10 is 5% too bright at every angle: its contrast to its neighbours drops (4.4 -> 1.5 %)
        ArrayImage input = fixture("rings_sinogram.npy");
        double[] before = OpTesting.values(input);
        double[] after = OpTesting.values(OpTesting.run(new StripeRemoval(), input, "size=11").image());
        double stripeBefore = columnContrast(before, 72, 40, 10);
        double stripeAfter = columnContrast(after, 72, 40, 10);
        assertTrue(stripeBefore > 0.02, "the input has a stripe: " + stripeBefore);
        assertTrue(stripeAfter < stripeBefore / 2, "stripe " + stripeBefore + " -> " + stripeAfter);
    }

    /** Mean of column x relative to the mean of its two neighbours, minus 1. */
    private static double columnContrast(double[] v, int nx, int ny, int x) {
        double c = 0;
        double n = 0;
        for (int y = 0; y < ny; y++) {
            c += v[y * nx + x];
            n += (v[y * nx + x - 1] + v[y * nx + x + 1]) / 2;
        }
        return Math.abs(c / n - 1);
    }

    @Test
    void ringRemovalIsIdenticalOnOneAndSevenThreads() throws IOException {
        Map<String, Object> in = Map.of("image", fixture("rings_stack.npy"));
        OpTesting.assertIdentical(OpTesting.run(new StripeRemoval(), in, OperatorContext.defaults().withParallelism(1),
                "size=5").image(), OpTesting.run(new StripeRemoval(), in, OperatorContext.defaults().withParallelism(7),
                        "size=5").image(), "1 vs 7 threads");
    }

    @Test
    void attenuationIsMinusLogWithAFloor() throws IOException {
        OpTesting.assertClose(fixture("analytic_attenuation.npy"),
                OpTesting.run(new Attenuation(), fixture("analytic_transmission.npy")).image(), 1e-6, "analytic");
        OpTesting.assertClose(fixture("real_attenuation.npy"),
                OpTesting.run(new Attenuation(), fixture("norm_plain.npy")).image(), 1e-6, "real transmission");
        double[] a = OpTesting.values(OpTesting.run(new Attenuation(), fixture("analytic_transmission.npy")).image());
        assertEquals(2.0, a[2], 1e-6, "-ln(e^-2)");
        assertEquals(-Math.log(1e-4), a[4], 1e-5, "T = 0 gives -ln(floor)");
    }

    @Test
    void thicknessIsBeerLambert() throws IOException {
        Image d = OpTesting.run(new Thickness(), fixture("analytic_transmission.npy"), "mu=2.5", "floor=1e-3",
                "unit=mm").image();
        OpTesting.assertClose(fixture("analytic_thickness_mu2.5_floor1e-3.npy"), d, 1e-6, "analytic");
        assertEquals(0.8, OpTesting.values(d)[2], 1e-6, "e^-2 at mu 2.5 /mm: 0.8 mm");
        assertEquals("mm", d.header().rescale().unit());
        assertThrows(IllegalArgumentException.class, () -> OpTesting.run(new Thickness(),
                fixture("analytic_transmission.npy"), "mu=0"));
    }

    @Test
    void theOperatorsAreRegisteredWithTheirIds() {
        for (String id : List.of("neutron.normalize", "neutron.clean_spots", "neutron.ring_removal",
                "neutron.attenuation", "neutron.thickness")) {
            assertTrue(Operators.installed().find(id).isPresent(), id + " is registered");
        }
    }
}
