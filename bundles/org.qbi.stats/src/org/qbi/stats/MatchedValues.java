package org.qbi.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.qbi.core.table.Column;
import org.qbi.core.table.Table;

/**
 * Repeated measurements of the same subjects: {@code values[i][j]} is subject {@code i} measured by repeat
 * (scan, rater, method) {@code j}. Every subject has a value for every repeat; subjects with a gap are left out
 * and counted.
 *
 * @param valueName the measurement ("bv_tv")
 * @param unit      its unit, empty when dimensionless
 * @param subjects  subject names (samples), one per row of {@code values}
 * @param repeats   repeat names, one per column of {@code values}
 * @param values    subjects x repeats
 * @param dropped   subjects left out because a repeat was missing
 * @since 0.1
 */
public record MatchedValues(String valueName, String unit, List<String> subjects, List<String> repeats,
        double[][] values, int dropped) {

    public MatchedValues {
        subjects = List.copyOf(subjects);
        repeats = List.copyOf(repeats);
        unit = unit == null ? "" : unit;
        if (values.length != subjects.size()) {
            throw new IllegalArgumentException(values.length + " rows of values for " + subjects.size() + " subjects");
        }
        double[][] copy = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            if (values[i].length != repeats.size()) {
                throw new IllegalArgumentException("Subject " + subjects.get(i) + " has " + values[i].length
                        + " values, expected one per repeat " + repeats);
            }
            for (double v : values[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("Subject " + subjects.get(i) + " has a missing or infinite "
                            + "value; leave the subject out");
                }
            }
            copy[i] = values[i].clone();
        }
        values = copy;
    }

    /**
     * Pivots a long table (one row per subject and repeat) into subjects x repeats.
     *
     * @param subjectColumn the column naming the subject (e.g. "sample_id")
     * @param repeatColumn  the column naming the repeat (e.g. "run_id", "scan", "rater")
     * @throws IllegalArgumentException when a subject has the same repeat twice, or fewer than 2 repeats exist
     */
    public static MatchedValues of(Table table, String valueColumn, String subjectColumn, String repeatColumn) {
        Column value = table.column(valueColumn);
        Column subject = table.column(subjectColumn);
        Column repeat = table.column(repeatColumn);
        if (!value.isNumeric()) {
            throw new IllegalArgumentException("Column '" + valueColumn + "' holds text; statistics need numbers");
        }
        Map<String, Map<String, Double>> cells = new LinkedHashMap<>();
        Set<String> repeatNames = new LinkedHashSet<>();
        for (int r = 0; r < table.rowCount(); r++) {
            String s = subject.text(r);
            String k = repeat.text(r);
            if (s == null || s.isEmpty() || k == null || k.isEmpty()) {
                continue;
            }
            repeatNames.add(k);
            Double previous = cells.computeIfAbsent(s, x -> new LinkedHashMap<>()).put(k, value.number(r));
            if (previous != null) {
                throw new IllegalArgumentException("Subject '" + s + "' has two values for repeat '" + k + "' (by "
                        + subjectColumn + " and " + repeatColumn + "); a subject is measured once per repeat");
            }
        }
        List<String> repeats = new ArrayList<>(repeatNames);
        List<String> subjects = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        int dropped = 0;
        for (Map.Entry<String, Map<String, Double>> entry : cells.entrySet()) {
            double[] row = new double[repeats.size()];
            boolean complete = true;
            for (int j = 0; j < repeats.size(); j++) {
                Double v = entry.getValue().get(repeats.get(j));
                complete &= v != null && Double.isFinite(v);
                row[j] = v == null ? Double.NaN : v;
            }
            if (complete) {
                subjects.add(entry.getKey());
                rows.add(row);
            } else {
                dropped++;
            }
        }
        return new MatchedValues(valueColumn, value.unit(), subjects, repeats, rows.toArray(double[][]::new), dropped);
    }

    /** Matched values from a matrix, subjects named s1, s2... and repeats r1, r2.... */
    public static MatchedValues of(String valueName, String unit, double[][] values) {
        List<String> subjects = new ArrayList<>();
        List<String> repeats = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            subjects.add("s" + (i + 1));
        }
        for (int j = 0; j < (values.length == 0 ? 0 : values[0].length); j++) {
            repeats.add("r" + (j + 1));
        }
        return new MatchedValues(valueName, unit, subjects, repeats, values, 0);
    }

    /**
     * The same subjects measured by repeats {@code a} and {@code b} only (Bland-Altman compares two).
     *
     * @throws IllegalArgumentException naming the repeats there are when one is not among them
     * @since 0.2
     */
    public MatchedValues pair(String a, String b) {
        int i = repeats.indexOf(a);
        int j = repeats.indexOf(b);
        if (i < 0 || j < 0 || i == j) {
            throw new IllegalArgumentException("Choose two different repeats of " + repeats + ", not '" + a
                    + "' and '" + b + "'");
        }
        double[][] two = new double[values.length][];
        for (int s = 0; s < values.length; s++) {
            two[s] = new double[] { values[s][i], values[s][j] };
        }
        return new MatchedValues(valueName, unit, subjects, List.of(a, b), two, dropped);
    }

    /** Value of subject {@code i}, repeat {@code j}. */
    public double value(int i, int j) {
        return values[i][j];
    }

    /** The matrix (a copy). */
    @Override
    public double[][] values() {
        double[][] copy = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            copy[i] = values[i].clone();
        }
        return copy;
    }

    /**
     * Checks there are at least {@code minSubjects} subjects and {@code minRepeats} repeats.
     *
     * @throws IllegalArgumentException saying what there is
     */
    public void require(int minSubjects, int minRepeats, String analysis) {
        if (subjects.size() < minSubjects || repeats.size() < minRepeats) {
            throw new IllegalArgumentException(analysis + " of '" + valueName + "' needs at least " + minSubjects
                    + " subjects measured by " + minRepeats + " repeats each; there are " + subjects.size()
                    + " complete subjects and " + repeats.size() + " repeats " + repeats
                    + (dropped > 0 ? " (" + dropped + " subjects lack a repeat)" : ""));
        }
    }
}
