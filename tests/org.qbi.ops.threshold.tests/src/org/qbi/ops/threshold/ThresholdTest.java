package org.qbi.ops.threshold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.core.table.Table;
import org.qbi.io.testing.SharedData;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Outputs;
import org.qbi.ops.point.Convert;
import org.qbi.ops.point.engine.Histogram;
import org.qbi.ops.testing.OpTesting;
import org.qbi.ops.threshold.internal.HistogramMethods;

/**
 * Global thresholds against scikit-image 0.19.3 (data/thresholds.csv, made by data/make_references.py) and, for
 * Huang, MaxEntropy and Moments which scikit-image lacks, against ImageJ 1.54f's AutoThresholder
 * (data/imagej_thresholds.csv, made by data/ImageJReferences.java with net.imagej:ij from Maven Central).
 */
class ThresholdTest {

    private static final Map<String, String> IMAGES = Map.of("blobs", "tiff/8bit/blobs.tif", "head",
            "tiff/3d/mini-t1-head.tif", "membranes", "tiff/16bit/membranes.tif", "tribolium",
            "tiff/float/CalibZAPWfixed_000154_max-16.tif", "shell", "npy/shellN.npy");

    private static final Map<String, Operator> METHODS = Map.of("otsu", new OtsuThreshold(), "isodata",
            new IsodataThreshold(), "li", new LiThreshold(), "triangle", new TriangleThreshold(), "yen",
            new YenThreshold());

    @TempDir
    Path dir;

    static Map<String, String[]> csv(String name) throws IOException {
        Map<String, String[]> rows = new HashMap<>();
        try (InputStream in = ThresholdTest.class.getResourceAsStream("/data/" + name)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(",");
                rows.put(parts[0] + "," + parts[1], Arrays.copyOfRange(parts, 2, parts.length));
            }
        }
        return rows;
    }

    static long[] counts(String name) throws IOException {
        try (InputStream in = ThresholdTest.class.getResourceAsStream("/data/" + name)) {
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .filter(s -> !s.isBlank()).mapToLong(s -> (long) Double.parseDouble(s.strip())).toArray();
        }
    }

    static ArrayImage image(String name) throws IOException {
        return OpTesting.open(SharedData.file(IMAGES.get(name)));
    }

    static double threshold(Outputs outputs) {
        return outputs.table("threshold").column("threshold").number(0);
    }

    static long foreground(Image mask) throws IOException {
        return (long) Arrays.stream(OpTesting.values(mask)).sum();
    }

    @ParameterizedTest
    @ValueSource(strings = { "blobs", "head", "membranes", "tribolium", "shell" })
    void histogramBinsAreScikitImages(String name) throws IOException {
        ArrayImage image = image(name);
        Histogram histogram = Histogram.of(image, 0, 0, 256, OperatorContext.defaults());
        String[] bins = csv("thresholds.csv").get(name + ",bins");
        assertEquals(Integer.parseInt(bins[0]), histogram.bins(), name + ": bins");
        assertEquals(Double.parseDouble(bins[1]), histogram.center(0), 0, name + ": first centre");
        assertEquals(Double.parseDouble(bins[2]), histogram.center(histogram.bins() - 1), 0, name + ": last centre");
        assertArrayEquals(counts("hist_" + name + ".txt"), histogram.counts(), name + ": counts");
    }

    @ParameterizedTest
    @ValueSource(strings = { "blobs", "head", "membranes", "tribolium", "shell" })
    void thresholdsEqualScikitImage(String name) throws IOException {
        ArrayImage image = image(name);
        Map<String, String[]> expected = csv("thresholds.csv");
        for (var method : METHODS.entrySet()) {
            double want = Double.parseDouble(expected.get(name + "," + method.getKey())[0]);
            Outputs outputs = OpTesting.run(method.getValue(), image);
            double got = threshold(outputs);
            // Li: logarithms and numpy's pairwise sums differ in the last bits (1e-15 relative) on integer images;
            // floating-point images iterate on pixel sums (float64 here, float32 in numpy)
            double tolerance = !method.getKey().equals("li") ? 0
                    : image.header().pixelType().isInteger() ? 1e-12 * Math.abs(want) : 1e-4;
            assertEquals(want, got, tolerance, name + " " + method.getKey());
            assertEquals(PixelType.UINT8, outputs.image("mask").header().pixelType());
        }
        long otsuForeground = Long.parseLong(expected.get(name + ",otsu_fg")[0]);
        assertEquals(otsuForeground, foreground(OpTesting.run(new OtsuThreshold(), image).image("mask")),
                name + ": pixels above the Otsu threshold (numpy: (image > t).sum())");
    }

    @ParameterizedTest
    @ValueSource(strings = { "blobs", "head", "tribolium" })
    void multiOtsuEqualsScikitImage(String name) throws IOException {
        ArrayImage image = image(name);
        String[] want = csv("thresholds.csv").get(name + ",multiotsu3");
        Table table = OpTesting.run(new MultiOtsuThreshold(), image).table("threshold");
        assertEquals(Double.parseDouble(want[0]), table.column("threshold_1").number(0), 0, name);
        assertEquals(Double.parseDouble(want[1]), table.column("threshold_2").number(0), 0, name);
    }

    @Test
    void multiOtsuClassesAreDigitized() throws IOException {
        Image classes = OpTesting.run(new MultiOtsuThreshold(), image("blobs")).image("classes");
        assertEquals(PixelType.LABEL32, classes.header().pixelType());
        OpTesting.assertIdentical(OpTesting.fixture(getClass(), "multiotsu_blobs.npy", dir), classes,
                "np.digitize(blobs, threshold_multiotsu(blobs))");
    }

    /** ImageJ's AutoThresholder takes 256-bin histograms: blobs' own 0..255 one, float32 versions of the others. */
    @ParameterizedTest
    @ValueSource(strings = { "blobs", "head", "membranes", "tribolium", "shell" })
    void huangMaxEntropyMomentsEqualImageJ(String name) throws IOException {
        ArrayImage image = image(name);
        long[] data;
        Histogram histogram;
        int offset;
        if (name.equals("blobs")) {
            histogram = Histogram.of(image, 0, 0, 256, OperatorContext.defaults());
            offset = (int) histogram.center(0);
            data = new long[256];
            System.arraycopy(histogram.counts(), 0, data, offset, histogram.bins());
        } else {
            // the operators bin wide integer ranges as numpy.histogram(image.astype(float32), 256)
            histogram = Histogram.ofFloat32(image, 0, 0, 256, OperatorContext.defaults());
            Image floats = OpTesting.run(new Convert(), image, "type=float32").image();
            assertArrayEquals(Histogram.of(floats, 0, 0, 256, OperatorContext.defaults()).counts(),
                    histogram.counts(), name + ": float32 binning of the stored values");
            data = histogram.counts();
            offset = 0;
        }
        assertArrayEquals(counts("ij_" + name + ".txt"), data, name + ": the histogram ImageJ was given");
        Map<String, String[]> imagej = csv("imagej_thresholds.csv");
        int huang = Integer.parseInt(imagej.get(name + ",Huang")[0]);
        int maxEntropy = Integer.parseInt(imagej.get(name + ",MaxEntropy")[0]);
        int moments = Integer.parseInt(imagej.get(name + ",Moments")[0]);
        assertEquals(huang, HistogramMethods.huang(data), name + " Huang");
        assertEquals(maxEntropy, HistogramMethods.maxEntropy(data), name + " MaxEntropy");
        assertEquals(moments, HistogramMethods.moments(data), name + " Moments");
        // the operators threshold at the centre of that bin of their own histogram
        assertEquals(histogram.center(huang - offset), threshold(OpTesting.run(new HuangThreshold(), image)), 0);
        assertEquals(histogram.center(maxEntropy - offset),
                threshold(OpTesting.run(new MaxEntropyThreshold(), image)), 0);
        assertEquals(histogram.center(moments - offset), threshold(OpTesting.run(new MomentsThreshold(), image)),
                0);
    }

    @Test
    void hysteresisEqualsScikitImageIn2DAnd3D() throws IOException {
        OpTesting.assertIdentical(OpTesting.fixture(getClass(), "hysteresis_blobs_100_200.npy", dir),
                OpTesting.run(new HysteresisThreshold(), image("blobs"), "low=100", "high=200").image("mask"),
                "apply_hysteresis_threshold(blobs, 100, 200)");
        OpTesting.assertIdentical(OpTesting.fixture(getClass(), "hysteresis_head_300_600.npy", dir),
                OpTesting.run(new HysteresisThreshold(), image("head"), "low=300", "high=600").image("mask"),
                "apply_hysteresis_threshold(head, 300, 600), 3D");
    }

    /**
     * Local thresholds: skimage's threshold image t (float64) gives the expected mask blobs > t; pixels within 1e-6
     * of t may differ by rounding (window sums here, integral images there), none may differ elsewhere.
     */
    @Test
    void localThresholdsEqualScikitImage() throws IOException {
        ArrayImage blobs = image("blobs");
        double[] v = OpTesting.values(blobs);
        Map<String, Image> results = Map.of(
                "local_mean_blobs.npy", OpTesting.run(new AdaptiveThreshold(), blobs, "block_size=15", "method=mean",
                        "offset=-5").image(),
                "local_gaussian_blobs.npy", OpTesting.run(new AdaptiveThreshold(), blobs, "block_size=15",
                        "method=gaussian", "offset=-5").image(),
                "niblack_blobs.npy", OpTesting.run(new NiblackThreshold(), blobs, "window_size=15", "k=0.2").image(),
                "sauvola_blobs.npy", OpTesting.run(new SauvolaThreshold(), blobs, "window_size=15", "k=0.2").image());
        for (var result : results.entrySet()) {
            double[] t = OpTesting.values(OpTesting.fixture(getClass(), result.getKey(), dir));
            double[] mask = OpTesting.values(result.getValue());
            int differing = 0;
            long foreground = 0;
            for (int i = 0; i < v.length; i++) {
                double expected = v[i] > t[i] ? 1 : 0;
                foreground += (long) expected;
                if (expected != mask[i]) {
                    assertTrue(Math.abs(v[i] - t[i]) < 1e-6, result.getKey() + ": pixel " + i + " value " + v[i]
                            + " threshold " + t[i] + " gives " + mask[i]);
                    differing++;
                }
            }
            assertTrue(foreground > 1000 && differing <= 5, result.getKey() + ": " + differing + " pixels differ");
        }
    }

    @Test
    void sameResultWhateverTheThreads() throws IOException {
        for (String name : List.of("head", "tribolium")) {
            ArrayImage image = image(name);
            for (Operator op : List.of(new OtsuThreshold(), new LiThreshold(), new HysteresisThreshold())) {
                String[] params = op instanceof HysteresisThreshold ? new String[] { "low=50", "high=100" }
                        : new String[0];
                Outputs one = OpTesting.run(op, Map.of("image", image), OperatorContext.defaults().withParallelism(1),
                        params);
                Outputs seven = OpTesting.run(op, Map.of("image", image),
                        OperatorContext.defaults().withParallelism(7), params);
                OpTesting.assertIdentical(one.image("mask"), seven.image("mask"), name + " " + op.spec().id());
                assertEquals(one.table("threshold").toString(), seven.table("threshold").toString());
            }
        }
    }

    @Test
    void manualKeepsLowToHighInclusive() throws IOException {
        ArrayImage image = OpTesting.image(PixelType.INT16, new long[] { 3, 2 }, -5, 0, 10, 11, 20, 21);
        Outputs out = OpTesting.run(new ManualThreshold(), image, "low=0", "high=20");
        assertArrayEquals(new double[] { 0, 1, 1, 1, 1, 0 }, OpTesting.values(out.image("mask")));
        assertEquals(0, out.table("threshold").column("low").number(0));
        assertEquals(20, out.table("threshold").column("high").number(0));
        Outputs open = OpTesting.run(new ManualThreshold(), image, "low=11");
        assertArrayEquals(new double[] { 0, 0, 0, 1, 1, 1 }, OpTesting.values(open.image("mask")));
    }

    @Test
    void eachChannelGetsItsOwnThreshold() throws IOException {
        // two channels of 4 pixels: 0,0,10,10 and 100,100,300,300 -> Otsu between the two levels of each
        ArrayImage image = OpTesting.image(PixelType.UINT16, new long[] { 2, 2, 1, 2 }, 0, 0, 10, 10, 100, 100, 300,
                300);
        Outputs out = OpTesting.run(new OtsuThreshold(), image);
        Table table = out.table("threshold");
        assertEquals(2, table.rowCount());
        assertEquals(0, table.column("threshold").number(0));
        assertEquals(100, table.column("threshold").number(1));
        assertEquals(1, table.column("channel").number(1));
        assertArrayEquals(new double[] { 0, 0, 1, 1, 0, 0, 1, 1 }, OpTesting.values(out.image("mask")));
    }

    @Test
    void refusesLabelsAndBadRanges() {
        ArrayImage labels = OpTesting.image(PixelType.LABEL32, new long[] { 2, 1 }, 1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new OtsuThreshold(), labels));
        assertTrue(e.getMessage().contains("label"), e.getMessage());
        ArrayImage plain = OpTesting.image(PixelType.UINT8, new long[] { 2, 1 }, 1, 2);
        e = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new ManualThreshold(), plain, "low=5", "high=1"));
        assertTrue(e.getMessage().contains("low"), e.getMessage());
        ArrayImage flat = OpTesting.image(PixelType.UINT8, new long[] { 2, 1 }, 7, 7);
        e = assertThrows(IllegalArgumentException.class, () -> OpTesting.run(new MultiOtsuThreshold(), flat));
        assertTrue(e.getMessage().contains("different values"), e.getMessage());
    }
}
