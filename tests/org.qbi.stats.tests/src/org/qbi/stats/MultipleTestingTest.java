package org.qbi.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.qbi.core.table.Table;

/** Holm and Benjamini-Hochberg on hand-computed cases (the arithmetic is in the comments). */
class MultipleTestingTest {

    private static final double[] P = { 0.01, 0.04, 0.03, 0.005 };

    @Test
    void holmMultipliesSortedPValuesByTheRemainingCountAndKeepsThemRising() {
        // sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04 -> running max 0.02, 0.03, 0.06, 0.06
        assertArrayEquals(new double[] { 0.03, 0.06, 0.06, 0.02 }, MultipleTesting.holm(P), 1e-15);
    }

    @Test
    void benjaminiHochbergScalesByMOverRankAndKeepsThemFallingFromTheTop() {
        // sorted 0.005, 0.01, 0.03, 0.04 times 4/1, 4/2, 4/3, 4/4 = 0.02, 0.02, 0.04, 0.04 -> running min from the top
        assertArrayEquals(new double[] { 0.02, 0.04, 0.04, 0.02 }, MultipleTesting.benjaminiHochberg(P), 1e-15);
    }

    @Test
    void missingPValuesStayMissingAndDoNotCountAndResultsAreCappedAtOne() {
        double[] withNaN = { 0.01, Double.NaN, 0.02 };
        assertArrayEquals(new double[] { 0.02, Double.NaN, 0.02 }, MultipleTesting.holm(withNaN), 1e-15);
        assertArrayEquals(new double[] { 0.02, Double.NaN, 0.02 }, MultipleTesting.benjaminiHochberg(withNaN), 1e-15);
        assertArrayEquals(new double[] { 1, 1 }, MultipleTesting.holm(new double[] { 0.5, 0.6 }), 0);
        assertArrayEquals(new double[] { 0.6, 0.6 }, MultipleTesting.benjaminiHochberg(new double[] { 0.5, 0.6 }), 0);
        assertThrows(IllegalArgumentException.class, () -> MultipleTesting.holm(new double[] { 1.5 }));
    }

    @Test
    void holmIsNeverBelowBenjaminiHochbergWhichIsNeverBelowTheRawPValue() {
        Random random = new Random(6);
        for (int trial = 0; trial < 100; trial++) {
            double[] p = random.doubles(1 + random.nextInt(30)).toArray();
            double[] holm = MultipleTesting.holm(p);
            double[] bh = MultipleTesting.benjaminiHochberg(p);
            for (int i = 0; i < p.length; i++) {
                assertTrue(holm[i] >= bh[i] - 1e-15 && bh[i] >= p[i] - 1e-15 && holm[i] <= 1,
                        "p " + p[i] + " holm " + holm[i] + " bh " + bh[i]);
            }
        }
    }

    @Test
    void adjustCorrectsEachTestAcrossItsRowsOnly() {
        GroupedValues a = GroupedValues.of("a", "", Map.of("x", new double[] { 1 }, "y", new double[] { 2 }));
        List<ComparisonTable.Row> rows = List.of(
                new ComparisonTable.Row("t", a).p(0.01, "exact"),
                new ComparisonTable.Row("u", a).p(0.04, "exact"),
                new ComparisonTable.Row("t", a).p(0.04, "exact"));
        Table adjusted = MultipleTesting.adjust(ComparisonTable.of(rows));
        // family t: 0.01, 0.04 -> Holm 0.02, 0.04; BH 0.02, 0.04. Family u alone: unchanged.
        assertArrayEquals(new double[] { 0.02, 0.04, 0.04 }, adjusted.column("p_holm").numbers(), 1e-15);
        assertArrayEquals(new double[] { 0.02, 0.04, 0.04 }, adjusted.column("p_bh").numbers(), 1e-15);
        assertEquals("p_holm", adjusted.columns().get(adjusted.columns().indexOf(adjusted.column("p_method")) + 1).name());
    }
}
