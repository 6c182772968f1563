package org.qbi.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qbi.stats.internal.Reference.near;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qbi.core.table.Table;
import org.qbi.stats.Analyses;
import org.qbi.stats.GroupedValues;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The built-in analyses, found through extension point org.qbi.statistics, against scipy.stats 1.10.1 and NumPy
 * on the fixed data sets of data/reference.json (made by data/make_reference.py).
 */
class ScipyReferenceTest {

    private static final double TIGHT = 1e-10;

    private static final Analyses ANALYSES = Analyses.installed();

    private static Table run(String id, GroupedValues data) {
        return ANALYSES.find(id, GroupedValues.class).run(data);
    }

    private static double value(Table table, String column) {
        return table.column(column).number(0);
    }

    @ParameterizedTest
    @ValueSource(strings = { "small", "ties", "large", "ks_asymptotic", "three", "three_ties" })
    void describeMatchesNumpy(String dataset) throws IOException {
        GroupedValues data = Reference.dataset(dataset);
        Table table = run("describe", data);
        JsonNode expected = Reference.get("describe").get(dataset);
        assertEquals(data.names(), List.of(table.column("group").texts()));
        for (int g = 0; g < data.names().size(); g++) {
            JsonNode group = expected.get(data.names().get(g));
            for (String column : List.of("n", "mean", "sd", "sem", "ci_low", "ci_high", "median", "q1", "q3", "iqr",
                    "cv", "min", "max")) {
                // the interval goes through Student's t quantile, whose inversion agrees with scipy to ~1e-9
                near(group.get(column).asDouble(), table.column(column).number(g),
                        column.startsWith("ci_") ? 1e-8 : TIGHT,
                        dataset + " " + data.names().get(g) + " " + column);
            }
        }
        assertEquals("mm", table.column("mean").unit());
        assertEquals("", table.column("cv").unit());
    }

    @ParameterizedTest
    @ValueSource(strings = { "small", "ties", "large", "ks_asymptotic" })
    void welchMatchesScipy(String dataset) throws IOException {
        Table table = run("welch-t", Reference.dataset(dataset));
        JsonNode expected = Reference.get("welch").get(dataset);
        near(expected.get("t").asDouble(), value(table, "statistic"), TIGHT, "t");
        near(expected.get("df").asDouble(), value(table, "df"), TIGHT, "df");
        near(expected.get("p").asDouble(), value(table, "p_value"), 1e-8, "p");
        near(expected.get("diff").asDouble(), value(table, "difference"), TIGHT, "mean difference");
        near(expected.get("diff_low").asDouble(), value(table, "difference_ci_low"), 1e-9, "difference CI low");
        near(expected.get("diff_high").asDouble(), value(table, "difference_ci_high"), 1e-9, "difference CI high");
        near(expected.get("g").asDouble(), value(table, "effect"), TIGHT, "Hedges' g");
        near(expected.get("g_low").asDouble(), value(table, "effect_ci_low"), 1e-9, "g CI low");
        near(expected.get("g_high").asDouble(), value(table, "effect_ci_high"), 1e-9, "g CI high");
    }

    @ParameterizedTest
    @ValueSource(strings = { "small", "ties", "large", "ks_asymptotic" })
    void mannWhitneyMatchesScipy(String dataset) throws IOException {
        Table table = run("mann-whitney", Reference.dataset(dataset));
        JsonNode expected = Reference.get("mannwhitney").get(dataset);
        assertEquals(expected.get("method").asText(), table.column("p_method").text(0));
        near(expected.get("U").asDouble(), value(table, "statistic"), TIGHT, "U");
        near(expected.get("p").asDouble(), value(table, "p_value"), 1e-8, "p");
        near(expected.get("r").asDouble(), value(table, "effect"), TIGHT, "rank-biserial r");
        near(expected.get("r_low").asDouble(), value(table, "effect_ci_low"), 1e-9, "r CI low");
        near(expected.get("r_high").asDouble(), value(table, "effect_ci_high"), 1e-9, "r CI high");
        near(expected.get("hl").asDouble(), value(table, "difference"), TIGHT, "Hodges-Lehmann shift");
    }

    @ParameterizedTest
    @ValueSource(strings = { "small", "ties", "large", "ks_asymptotic" })
    void kolmogorovSmirnovMatchesScipy(String dataset) throws IOException {
        Table table = run("ks", Reference.dataset(dataset));
        JsonNode expected = Reference.get("ks").get(dataset);
        assertEquals(expected.get("method").asText(), table.column("p_method").text(0));
        near(expected.get("D").asDouble(), value(table, "statistic"), TIGHT, "D");
        near(expected.get("p").asDouble(), value(table, "p_value"), 1e-6, "p");
    }

    @ParameterizedTest
    @ValueSource(strings = { "three", "three_ties" })
    void anovaMatchesScipy(String dataset) throws IOException {
        Table table = run("anova", Reference.dataset(dataset));
        JsonNode expected = Reference.get("anova").get(dataset);
        near(expected.get("F").asDouble(), value(table, "statistic"), TIGHT, "F");
        near(expected.get("df1").asDouble(), value(table, "df"), 0, "df between");
        near(expected.get("df2").asDouble(), value(table, "df2"), 0, "df within");
        near(expected.get("p").asDouble(), value(table, "p_value"), 1e-8, "p");
        near(expected.get("eta2").asDouble(), value(table, "effect"), TIGHT, "eta squared");
        assertEquals(expected.get("eta2_low").asDouble(), value(table, "effect_ci_low"), 1e-7, "eta squared CI low");
        assertEquals(expected.get("eta2_high").asDouble(), value(table, "effect_ci_high"), 1e-7, "eta squared CI high");
    }

    @ParameterizedTest
    @ValueSource(strings = { "three", "three_ties", "ties" })
    void kruskalWallisMatchesScipy(String dataset) throws IOException {
        Table table = run("kruskal-wallis", Reference.dataset(dataset));
        JsonNode expected = Reference.get("kruskal").get(dataset);
        near(expected.get("H").asDouble(), value(table, "statistic"), TIGHT, "H");
        near(expected.get("p").asDouble(), value(table, "p_value"), 1e-9, "p");
        near(expected.get("eta2h").asDouble(), value(table, "effect"), TIGHT, "eta squared H");
    }
}
