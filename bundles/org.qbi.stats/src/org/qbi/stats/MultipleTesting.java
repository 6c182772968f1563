package org.qbi.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.qbi.core.table.Column;
import org.qbi.core.table.Table;

/**
 * Adjusted p-values for a family of tests (several measurements, or several pairs of groups, compared at once).
 * Written here: Apache Commons Statistics has no multiple-testing corrections. Both procedures are the
 * step-down/step-up forms R's {@code p.adjust} and statsmodels' {@code multipletests} compute.
 * <ul>
 * <li>Holm (1979), controls the family-wise error rate: sorted ascending, p<sub>(i)</sub> (m - i + 1), made
 * non-decreasing, capped at 1.</li>
 * <li>Benjamini-Hochberg (1995), controls the false discovery rate: sorted ascending, p<sub>(i)</sub> m / i, made
 * non-increasing from the largest, capped at 1.</li>
 * </ul>
 * NaN p-values (tests that could not run) stay NaN and do not count in m.
 *
 * @since 0.1
 */
public final class MultipleTesting {

    private MultipleTesting() {
    }

    /** Holm's adjusted p-values, in the order of {@code p}. */
    public static double[] holm(double[] p) {
        Integer[] order = ascending(p);
        int m = order.length;
        double[] adjusted = nanCopy(p.length);
        double running = 0;
        for (int i = 0; i < m; i++) {
            running = Math.max(running, Math.min(1, p[order[i]] * (m - i)));
            adjusted[order[i]] = running;
        }
        return adjusted;
    }

    /** Benjamini-Hochberg adjusted p-values (q-values), in the order of {@code p}. */
    public static double[] benjaminiHochberg(double[] p) {
        Integer[] order = ascending(p);
        int m = order.length;
        double[] adjusted = nanCopy(p.length);
        double running = 1;
        for (int i = m - 1; i >= 0; i--) {
            running = Math.min(running, p[order[i]] * m / (i + 1));
            adjusted[order[i]] = running;
        }
        return adjusted;
    }

    /** Indices of the non-NaN p-values, by ascending p (stable). */
    private static Integer[] ascending(double[] p) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i])) {
                if (p[i] < 0 || p[i] > 1) {
                    throw new IllegalArgumentException("p-value " + p[i] + " at position " + (i + 1)
                            + " is outside [0, 1]");
                }
                indices.add(i);
            }
        }
        Integer[] order = indices.toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        return order;
    }

    private static double[] nanCopy(int n) {
        double[] values = new double[n];
        Arrays.fill(values, Double.NaN);
        return values;
    }

    /**
     * {@code comparisons} (a {@link ComparisonTable}) with columns {@code p_holm} and {@code p_bh} added: each test
     * id is one family (all Welch t-tests of the table together, all Mann-Whitney tests together...), since the
     * tests of one family answer the same question for different measurements or pairs.
     */
    public static Table adjust(Table comparisons) {
        Column tests = comparisons.column("test");
        Column p = comparisons.column("p_value");
        Map<String, List<Integer>> families = new LinkedHashMap<>();
        for (int r = 0; r < comparisons.rowCount(); r++) {
            families.computeIfAbsent(tests.text(r), t -> new ArrayList<>()).add(r);
        }
        double[] holm = nanCopy(comparisons.rowCount());
        double[] bh = nanCopy(comparisons.rowCount());
        for (List<Integer> rows : families.values()) {
            double[] family = rows.stream().mapToDouble(p::number).toArray();
            double[] h = holm(family);
            double[] b = benjaminiHochberg(family);
            for (int i = 0; i < rows.size(); i++) {
                holm[rows.get(i)] = h[i];
                bh[rows.get(i)] = b[i];
            }
        }
        Table.Builder table = Table.builder(comparisons.name());
        for (Column column : comparisons.columns()) {
            if (!column.name().equals("p_holm") && !column.name().equals("p_bh")) {
                table.add(column);
            }
            if (column.name().equals("p_method")) {
                table.numbers("p_holm", "", holm).numbers("p_bh", "", bh);
            }
        }
        return table.build();
    }
}
