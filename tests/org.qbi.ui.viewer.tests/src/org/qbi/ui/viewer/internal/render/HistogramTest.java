package org.qbi.ui.viewer.internal.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;

/**
 * Histogram against numpy (data/histogram/*.txt, made by data/histogram/make_expected.py) and analytic cases.
 */
class HistogramTest {

    @Test
    void aRampGivesEqualCounts() {
        double[] ramp = new double[1000];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i * 0.5; // floats: Freedman-Diaconis on a uniform spread
        }
        Histogram.Result result = Histogram.of(ramp, false);
        int bins = result.binning().bins();
        // IQR = 249.75, n^(1/3) = 10: width 49.95, 499.5 / 49.95 = 10 bins, raised to the minimum 16
        assertEquals(Histogram.MIN_BINS, bins);
        long[] counts = result.counts();
        assertEquals(1000, Arrays.stream(counts).sum());
        for (long c : counts) {
            assertEquals(1000.0 / bins, c, 1.0, Arrays.toString(counts));
        }
        assertEquals(1.0, result.cdf()[bins - 1], 1e-12);
    }

    @Test
    void integersInASmallRangeGetOneBinPerValue() {
        double[] values = new double[256 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 256;
        }
        Histogram.Result result = Histogram.of(values, true);
        assertEquals(new Histogram.Binning(-0.5, 1, 256), result.binning());
        long[] three = new long[256];
        Arrays.fill(three, 3);
        assertArrayEquals(three, result.counts());
        Histogram.Stats stats = result.stats();
        assertEquals(0, stats.min());
        assertEquals(255, stats.max());
        assertEquals(127.5, stats.mean(), 1e-9);
        assertEquals(Math.sqrt((256.0 * 256 - 1) / 12), stats.std(), 1e-9);
    }

    @Test
    void aConstantImageHasOneBinAndNaNIsNotCounted() {
        Histogram.Result result = Histogram.of(new double[] { 7.25, 7.25, Double.NaN, 7.25 }, false);
        assertEquals(1, result.binning().bins());
        assertArrayEquals(new long[] { 3 }, result.counts());
        assertEquals(0, result.stats().std());
    }

    @Test
    void noIqrMeansTheMostBins() {
        double[] values = new double[1000];
        values[999] = 1000; // 999 zeros and one outlier: IQR 0
        assertEquals(Histogram.MAX_BINS, Histogram.of(values, false).binning().bins());
    }

    @Test
    void freedmanDiaconisFloatsAsNumpy() throws IOException {
        agreesWithNumpy("normal-fd.txt", false);
    }

    @Test
    void oneBinPerValueAsNumpy() throws IOException {
        agreesWithNumpy("int-one-per-value.txt", true);
    }

    @Test
    void wideIntegerRangesAsNumpy() throws IOException {
        agreesWithNumpy("int-fd.txt", true);
    }

    private static void agreesWithNumpy(String name, boolean integral) throws IOException {
        String[] lines = read(name).split("\n");
        double[] values = numbers(lines[0]);
        double[] edges = numbers(lines[1]);
        long[] counts = Arrays.stream(numbers(lines[2])).mapToLong(d -> (long) d).toArray();
        Histogram.Result result = Histogram.of(values, integral);
        assertEquals(edges.length - 1, result.binning().bins(), name + ": bins");
        double[] ours = result.binning().edges();
        for (int i = 0; i < edges.length; i++) {
            assertEquals(edges[i], ours[i], 1e-9 * Math.max(1, Math.abs(edges[i])), name + ": edge " + i);
        }
        assertArrayEquals(counts, result.counts(), name + ": counts");
    }

    private static double[] numbers(String line) {
        return Arrays.stream(line.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    private static String read(String name) throws IOException {
        var bundle = FrameworkUtil.getBundle(HistogramTest.class);
        var found = bundle.findEntries("data/histogram", name, false);
        assertNotNull(found, "data/histogram/" + name + " in " + bundle.getSymbolicName());
        URL url = found.nextElement();
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
