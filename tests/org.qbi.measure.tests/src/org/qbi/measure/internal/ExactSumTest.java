package org.qbi.measure.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Exact sums against BigDecimal arithmetic (exact, and correctly rounded by {@link BigDecimal#doubleValue()}), the
 * half-way cases of Python's {@code math.fsum} tests, and the same bits whatever the order and the partition.
 */
class ExactSumTest {

    private static double exactly(List<Double> terms) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double t : terms) {
            sum = sum.add(new BigDecimal(t));
        }
        return sum.doubleValue();
    }

    private static double summed(List<Double> terms) {
        ExactSum s = new ExactSum();
        terms.forEach(s::add);
        return s.value();
    }

    @Test
    void roundsTheExactSumOnceLikePythonsFsum() {
        // CPython test_math.testFsum: cancellation and ties to even
        assertEquals(2.0, summed(List.of(1.0, 1e100, 1.0, -1e100)));
        assertEquals(0x1p53 - 1.0, summed(List.of(0x1p53, -0.5, -0x1p-54)));
        assertEquals(0x1p53 + 2.0, summed(List.of(0x1p53, 1.0, 0x1p-100)));
        assertEquals(0x1p53 + 12.0, summed(List.of(0x1p53 + 10.0, 1.0, 0x1p-100)));
        assertEquals(0x1p53 - 3.0, summed(List.of(0x1p53 - 4.0, 0.5, 0x1p-54)));
        assertEquals(1e-100, summed(List.of(1.7976931348623157e308, 1e-100, -1.7976931348623157e308)));
        assertEquals(0.0, summed(List.of()));
        List<Double> tenths = new ArrayList<>(Collections.nCopies(10, 0.1));
        assertEquals(1.0, summed(tenths));
        assertTrue(tenths.stream().reduce(0.0, Double::sum) != 1.0, "a naive sum drifts");
    }

    @Test
    void equalsBigDecimalArithmeticInAnyOrderAndAnyPartition() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            List<Double> terms = new ArrayList<>();
            int n = 1 + random.nextInt(400);
            for (int i = 0; i < n; i++) {
                // wide exponents and both signs: cancellation across many orders of magnitude
                double t = (random.nextDouble() - 0.3) * Math.pow(2, random.nextInt(120) - 60);
                terms.add(round % 3 == 0 ? (float) t : t);
            }
            double expected = exactly(terms);
            assertEquals(expected, summed(terms), "round " + round);
            Collections.shuffle(terms, random);
            // split into parts summed apart and merged in a random order, as chunks of a volume are
            List<ExactSum> parts = new ArrayList<>();
            int at = 0;
            while (at < terms.size()) {
                int end = Math.min(terms.size(), at + 1 + random.nextInt(50));
                ExactSum part = new ExactSum();
                terms.subList(at, end).forEach(part::add);
                parts.add(part);
                at = end;
            }
            Collections.shuffle(parts, random);
            ExactSum merged = new ExactSum();
            parts.forEach(merged::add);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(merged.value()),
                    "round " + round);
        }
    }

    @Test
    void productsAndWideIntegersAreAddedExactly() {
        Random random = new Random(3);
        ExactSum squares = new ExactSum();
        BigDecimal exact = BigDecimal.ZERO;
        for (int i = 0; i < 1000; i++) {
            double v = random.nextGaussian() * 1e6;
            squares.addProduct(v, v);
            exact = exact.add(new BigDecimal(v).multiply(new BigDecimal(v)));
        }
        assertEquals(exact.doubleValue(), squares.value());
        ExactSum wide = new ExactSum();
        wide.addInt128(3, -1L); // 3 * 2^64 + 2^64 - 1
        wide.addInt128(-1, 1); // -2^64 + 1
        assertEquals(new BigDecimal("55340232221128654848").doubleValue(), wide.value()); // 3 * 2^64
    }

    @Test
    void varianceFromExactSumsHasNoCancellation() {
        // a million values 1e8 + {0, 1}: the naive sum(x^2)/n - mean^2 loses every digit of the variance 0.25
        ExactSum sum = new ExactSum();
        ExactSum squares = new ExactSum();
        long n = 1_000_000;
        for (long i = 0; i < n; i++) {
            double v = 1e8 + (i & 1);
            sum.add(v);
            squares.addProduct(v, v);
        }
        double variance = ExactSum.centralSecondMoment(n, sum, squares).value() / n / n;
        assertEquals(0.25, variance);
        BigDecimal mean = new BigDecimal(sum.value()).divide(BigDecimal.valueOf(n), MathContext.DECIMAL128);
        assertEquals(0, mean.compareTo(new BigDecimal("100000000.5")));
    }

    @Test
    void infiniteAndNaNTermsDecideTheResult() {
        assertEquals(Double.POSITIVE_INFINITY, summed(List.of(1.0, Double.POSITIVE_INFINITY, -5.0)));
        assertTrue(Double.isNaN(summed(List.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY))));
        assertTrue(Double.isNaN(summed(List.of(2.0, Double.NaN))));
        assertEquals(Double.POSITIVE_INFINITY, summed(List.of(Double.MAX_VALUE, Double.MAX_VALUE)));
    }
}
