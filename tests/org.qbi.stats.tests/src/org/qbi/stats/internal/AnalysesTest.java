package org.qbi.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.qbi.core.table.Table;
import org.qbi.stats.Analyses;
import org.qbi.stats.Analysis;
import org.qbi.stats.Comparisons;
import org.qbi.stats.GroupedValues;
import org.qbi.stats.MatchedValues;

/** The extension point's contributions and the comparison of several groups and measurements. */
class AnalysesTest {

    @Test
    void everyBuiltInAnalysisIsContributedOnceAndLoads() {
        Analyses analyses = Analyses.installed();
        assertEquals(List.of(), analyses.problems());
        assertEquals(List.of("describe", "welch-t", "mann-whitney", "ks", "anova", "kruskal-wallis"),
                analyses.forData(GroupedValues.class).stream().map(Analysis::id).toList());
        assertEquals(List.of("repeat-cv", "icc", "bland-altman"),
                analyses.forData(MatchedValues.class).stream().map(Analysis::id).toList());
        for (Analysis<?> analysis : analyses.all()) {
            assertTrue(!analysis.label().isBlank() && analysis.description().length() > 40, analysis.id());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> analyses.find("t-test", GroupedValues.class))
                .getMessage().contains("welch-t"));
    }

    @Test
    void threeGroupsGetPairwiseTwoGroupTestsAndOneKGroupTestPerMeasurementWithCorrections() {
        Map<String, double[]> groups = new LinkedHashMap<>();
        groups.put("ctrl", new double[] { 1, 2, 3, 4, 5 });
        groups.put("low", new double[] { 2, 3, 4, 5, 6.5 });
        groups.put("high", new double[] { 6, 7, 8, 9, 10 });
        GroupedValues volume = GroupedValues.of("volume", "mm^3", groups);
        GroupedValues area = GroupedValues.of("area", "mm^2", groups);
        Analyses analyses = Analyses.installed();
        Table table = Comparisons.compare(List.of(volume, area), List.of(analyses.find("welch-t", GroupedValues.class),
                analyses.find("anova", GroupedValues.class)));

        // per measurement: 3 pairs of Welch + 1 ANOVA
        assertEquals(8, table.rowCount());
        assertEquals(List.of("welch-t", "welch-t", "welch-t", "anova"),
                List.of(table.column("test").texts()).subList(0, 4));
        assertEquals(List.of("ctrl", "ctrl", "low", "ctrl, low, high"),
                List.of(table.column("group_a").texts()).subList(0, 4));
        assertEquals(List.of("low", "high", "high", ""), List.of(table.column("group_b").texts()).subList(0, 4));
        assertEquals("mm^2", table.column("unit").text(4));
        // Holm over the 6 Welch rows: the smallest p is multiplied by 6
        double[] p = table.column("p_value").numbers();
        double smallest = Math.min(p[1], p[2]);
        double holmOfSmallest = Math.min(table.column("p_holm").number(1), table.column("p_holm").number(2));
        assertEquals(Math.min(1, smallest * 6), holmOfSmallest, 1e-15);
        // the two ANOVA rows are one family of two (same data, so the same p): Holm 2p, BH p
        assertEquals(Math.min(1, 2 * p[3]), table.column("p_holm").number(3), 1e-15);
        assertEquals(p[3], table.column("p_bh").number(3), 1e-15);
    }

    @Test
    void groupedValuesLeaveOutMissingValuesAndGroupsAndCountThem() {
        Table rows = Table.builder("regions").numbers("volume", "mm^3", 1, Double.NaN, 3, 4)
                .texts("group", java.util.Arrays.asList("a", "a", null, "b")).build();
        GroupedValues data = GroupedValues.of(rows, "volume", "group");
        assertEquals(List.of("a", "b"), data.names());
        assertEquals(2, data.missing());
        assertEquals("mm^3", data.unit());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GroupedValues.of(rows, "group", "volume"))
                .getMessage().contains("holds text"));
    }

    @Test
    void testsRefuseDataTheyCannotAnalyse() {
        Analyses analyses = Analyses.installed();
        GroupedValues tiny = GroupedValues.of("v", "", Map.of("a", new double[] { 1 }, "b", new double[] { 2, 3 }));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> analyses.find("welch-t", GroupedValues.class)
                .run(tiny)).getMessage().contains("group 'a' has 1"));
        GroupedValues flat = GroupedValues.of("v", "", Map.of("a", new double[] { 1, 1 }, "b", new double[] { 1, 1 }));
        assertThrows(IllegalArgumentException.class, () -> analyses.find("welch-t", GroupedValues.class).run(flat));
        assertThrows(IllegalArgumentException.class, () -> analyses.find("kruskal-wallis", GroupedValues.class)
                .run(flat));
        GroupedValues one = GroupedValues.of("v", "", Map.of("a", new double[] { 1, 2 }));
        assertThrows(IllegalArgumentException.class, () -> Comparisons.compare(List.of(one),
                List.of(analyses.find("anova", GroupedValues.class))));
    }
}
