package org.qbi.stats.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.qbi.core.table.Table;
import org.qbi.stats.Analyses;
import org.qbi.stats.MatchedValues;

/** ICC, Bland-Altman and CV of repeats on published and hand-computed cases. */
class ReproducibilityTest {

    private static final Analyses ANALYSES = Analyses.installed();

    private static Table run(String id, MatchedValues data) {
        return ANALYSES.find(id, MatchedValues.class).run(data);
    }

    @Test
    void iccMatchesShroutAndFleiss1979() {
        // Shrout and Fleiss (1979), Psychol Bull 86:420, Table 2: 6 targets rated by 4 judges.
        // Published (Table 4): ICC(2,1) = .29, ICC(3,1) = .71; from their ANOVA (BMS 11.24, EMS 1.02) F = 11.03.
        double[][] ratings = { { 9, 2, 5, 8 }, { 6, 1, 3, 2 }, { 8, 4, 6, 8 }, { 7, 1, 2, 6 }, { 10, 5, 6, 9 },
            { 6, 2, 4, 7 } };
        Table icc = run("icc", MatchedValues.of("score", "", ratings));
        assertEquals(List.of("ICC(2,1)", "ICC(3,1)"), List.of(icc.column("type").texts()));
        assertEquals(0.29, icc.column("icc").number(0), 0.005);
        assertEquals(0.71, icc.column("icc").number(1), 0.005);
        assertEquals(11.03, icc.column("f").number(1), 0.02);
        assertEquals(5, icc.column("df1").number(0));
        assertEquals(15, icc.column("df2").number(0));
        for (int r = 0; r < 2; r++) {
            double value = icc.column("icc").number(r);
            assertTrue(icc.column("ci_low").number(r) < value && value < icc.column("ci_high").number(r),
                    "the interval holds the estimate: " + icc);
        }
    }

    @Test
    void aConstantOffsetBetweenRepeatsIsConsistentButNotInAbsoluteAgreement() {
        // Repeat 2 = repeat 1 + 2: MSE = 0, MSR = 10/3, MSC = 8 (n = 4, k = 2) -> ICC(3,1) = 1,
        // ICC(2,1) = MSR / (MSR + k MSC / n) = (10/3) / (10/3 + 4) = 5/11.
        Table icc = run("icc", MatchedValues.of("v", "", new double[][] { { 1, 3 }, { 2, 4 }, { 3, 5 }, { 4, 6 } }));
        assertEquals(5.0 / 11, icc.column("icc").number(0), 1e-12);
        assertEquals(1, icc.column("icc").number(1), 1e-12);

        Table perfect = run("icc", MatchedValues.of("v", "", new double[][] { { 1, 1 }, { 2, 2 }, { 5, 5 } }));
        assertArrayEquals(new double[] { 1, 1 }, perfect.column("icc").numbers(), 1e-12);
        assertArrayEquals(new double[] { 1, 1 }, perfect.column("ci_low").numbers(), 1e-12);
    }

    @Test
    void blandAltmanOfAlternatingDifferences() {
        // d = a - b = 1, -1, 1, -1: bias 0, sd = sqrt(4/3); limits -+ z sd, z = 1.959964;
        // bias CI -+ t(3) sd / 2, t(3) = 3.182446; limit CI -+ t(3) sd sqrt(1/4 + z^2 / 6).
        MatchedValues data = MatchedValues.of("bv", "mm", new double[][] { { 10, 9 }, { 12, 13 }, { 14, 13 },
            { 16, 17 } });
        Table table = run("bland-altman", data);
        double sd = Math.sqrt(4.0 / 3);
        double z = 1.959963985;
        double t = 3.182446305;
        assertEquals(0, table.column("bias").number(0), 1e-12);
        assertEquals(sd, table.column("sd").number(0), 1e-12);
        assertEquals(-z * sd, table.column("loa_low").number(0), 1e-8);
        assertEquals(z * sd, table.column("loa_high").number(0), 1e-8);
        assertEquals(t * sd / 2, table.column("bias_ci_high").number(0), 1e-8);
        double half = t * sd * Math.sqrt(0.25 + z * z / 6);
        assertEquals(z * sd - half, table.column("loa_high_ci_low").number(0), 1e-8);
        assertEquals(-z * sd - half, table.column("loa_low_ci_low").number(0), 1e-8);
        assertEquals("mm", table.column("bias").unit());

        Table points = BlandAltman.points(data);
        assertArrayEquals(new double[] { 9.5, 12.5, 13.5, 16.5 }, points.column("mean").numbers(), 0);
        assertArrayEquals(new double[] { 1, -1, 1, -1 }, points.column("difference").numbers(), 0);
    }

    @Test
    void blandAltmanOfAConstantOffsetHasNoSpread() {
        Table table = run("bland-altman", MatchedValues.of("v", "", new double[][] { { 1, 3 }, { 2, 4 }, { 7, 9 } }));
        assertEquals(-2, table.column("bias").number(0), 1e-12);
        assertEquals(0, table.column("sd").number(0), 1e-12);
        assertEquals(-2, table.column("loa_low").number(0), 1e-12);
        assertEquals(-2, table.column("loa_high").number(0), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> run("bland-altman",
                MatchedValues.of("v", "", new double[][] { { 1, 2, 3 }, { 2, 3, 4 } })), "two methods only");
    }

    @Test
    void cvOfRepeatsPerSubjectAndAsRootMeanSquare() {
        // [9, 11]: mean 10, sd sqrt 2, CV 0.141421; [19, 21]: mean 20, sd sqrt 2, CV 0.0707107;
        // all: mean 15, RMS sd sqrt 2, RMS CV sqrt((0.02 + 0.005) / 2) = 0.1118034.
        Table table = run("repeat-cv", MatchedValues.of("v", "mg", new double[][] { { 9, 11 }, { 19, 21 } }));
        assertEquals(List.of("s1", "s2", "all"), List.of(table.column("subject").texts()));
        assertArrayEquals(new double[] { 10, 20, 15 }, table.column("mean").numbers(), 1e-12);
        assertArrayEquals(new double[] { Math.sqrt(2), Math.sqrt(2), Math.sqrt(2) }, table.column("sd").numbers(), 1e-12);
        assertArrayEquals(new double[] { Math.sqrt(2) / 10, Math.sqrt(2) / 20, Math.sqrt(0.0125) },
                table.column("cv").numbers(), 1e-12);
        assertEquals("mg", table.column("sd").unit());
    }

    @Test
    void matchedValuesPivotALongTableAndDropIncompleteSubjects() {
        Table rows = Table.builder("t").texts("sample_id", List.of("a", "a", "b", "c", "c"))
                .texts("scan", List.of("1", "2", "1", "1", "2")).numbers("v", "mm", 1, 2, 3, 4, 5).build();
        MatchedValues data = MatchedValues.of(rows, "v", "sample_id", "scan");
        assertEquals(List.of("a", "c"), data.subjects());
        assertEquals(List.of("1", "2"), data.repeats());
        assertEquals(1, data.dropped());
        assertArrayEquals(new double[] { 4, 5 }, data.values()[1], 0);
        Table twice = Table.builder("t").texts("sample_id", List.of("a", "a")).texts("scan", List.of("1", "1"))
                .numbers("v", "", 1, 2).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MatchedValues.of(twice, "v", "sample_id", "scan"))
                .getMessage().contains("two values for repeat '1'"));
    }
}
