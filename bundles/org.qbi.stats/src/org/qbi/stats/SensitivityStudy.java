package org.qbi.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.StandardDeviation;
import org.apache.commons.statistics.descriptive.Sum;
import org.qbi.core.table.Column;
import org.qbi.core.table.Table;

/**
 * How a result moves as an analysis parameter varies: the rows of a sweep (a pipeline run at several values of
 * one parameter, e.g. {@code smooth.sigma}, whose value each row carries in a column such as
 * {@code smooth_sigma}) reduced to one value per sample and parameter value, then one curve per sample or per
 * group (the mean of its samples, with their standard deviation).
 * <p>
 * Per sample and parameter value the rows (objects, or one row per image) are reduced by a {@link Statistic}:
 * the count of rows (the object count), or the mean, median or sum of the measurement (missing values left
 * out). A sample with no rows at a parameter value (no object found) has no point there: the count is not
 * known to be zero, since a table without rows is not stored.
 *
 * @since 0.2
 */
public final class SensitivityStudy {

    /** How one sample's rows at one parameter value become one number. */
    public enum Statistic {
        COUNT, MEAN, MEDIAN, SUM;

        /** The statistic named {@code name} (count, mean, median, sum). */
        public static Statistic parse(String name) {
            for (Statistic s : values()) {
                if (s.name().equalsIgnoreCase(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("A sensitivity statistic is count, mean, median or sum, not '" + name
                    + "'");
        }

        double of(double[] rows, int rowCount) {
            if (this == COUNT) {
                return rowCount;
            }
            if (rows.length == 0) {
                return Double.NaN;
            }
            return switch (this) {
                case MEAN -> Mean.of(rows).getAsDouble();
                case MEDIAN -> Median.withDefaults().evaluate(rows);
                default -> Sum.of(rows).getAsDouble();
            };
        }
    }

    private SensitivityStudy() {
    }

    /**
     * The curves: columns {@code series} (sample or group), {@code parameter} (the swept value, numeric when all
     * values are numbers), {@code value} (the statistic; for groups the mean over its samples), {@code sd}
     * (standard deviation over the group's samples; NaN for a sample or a group of one) and {@code n} (rows of the
     * sample, or samples of the group), ordered by series (first seen first) then parameter.
     *
     * @param rows      the rows, with columns sample_id, {@code parameter}, {@code value} and, for groups,
     *                  {@code seriesBy}
     * @param parameter the column holding the swept parameter's value
     * @param value     the measurement column (ignored by {@link Statistic#COUNT} except for its name)
     * @param seriesBy  {@code sample_id} for a curve per sample, or a column constant within each sample (group)
     * @throws IllegalArgumentException naming a missing column, or when the parameter takes fewer than two values
     */
    public static Table of(Table rows, String parameter, String value, Statistic statistic, String seriesBy) {
        for (String name : List.of("sample_id", parameter, value, seriesBy)) {
            if (!rows.hasColumn(name)) {
                throw new IllegalArgumentException("A sensitivity study needs column '" + name + "'; the rows have "
                        + rows.columns().stream().map(Column::name).toList());
            }
        }
        Column samples = rows.column("sample_id");
        Column params = rows.column(parameter);
        Column values = rows.column(value);
        Column series = rows.column(seriesBy);
        if (statistic != Statistic.COUNT && !values.isNumeric()) {
            throw new IllegalArgumentException("Column '" + value + "' holds text; the " + statistic.name()
                    .toLowerCase() + " needs numbers");
        }
        Set<String> paramTexts = new LinkedHashSet<>();
        for (int r = 0; r < rows.rowCount(); r++) {
            paramTexts.add(parameterText(params, r));
        }
        boolean numericParameter = paramTexts.stream().allMatch(SensitivityStudy::isNumber);
        if (paramTexts.size() < 2) {
            throw new IllegalArgumentException("Parameter column '" + parameter + "' takes " + paramTexts.size()
                    + " value(s) " + paramTexts + "; a sensitivity study needs a sweep over at least two");
        }
        // sample -> parameter -> row indices, keeping the sample's series
        Map<String, Map<String, List<Integer>>> cells = new LinkedHashMap<>();
        Map<String, String> seriesOfSample = new LinkedHashMap<>();
        for (int r = 0; r < rows.rowCount(); r++) {
            String sample = samples.text(r);
            String s = series.text(r);
            String previous = seriesOfSample.putIfAbsent(sample, s);
            if (previous != null && !previous.equals(s)) {
                throw new IllegalArgumentException("Sample " + sample + " has several values of '" + seriesBy + "' ["
                        + previous + ", " + s + "]; curves need a grouping constant within a sample");
            }
            cells.computeIfAbsent(sample, x -> new LinkedHashMap<>())
                    .computeIfAbsent(parameterText(params, r), x -> new ArrayList<>()).add(r);
        }
        // series -> parameter (sorted) -> the sample values
        Map<String, Map<String, List<double[]>>> curves = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, List<Integer>>> sample : cells.entrySet()) {
            Map<String, List<double[]>> curve = curves.computeIfAbsent(seriesOfSample.get(sample.getKey()),
                    x -> numericParameter ? new TreeMap<>((a, b) -> Double.compare(Double.parseDouble(a),
                            Double.parseDouble(b))) : new TreeMap<>());
            for (Map.Entry<String, List<Integer>> cell : sample.getValue().entrySet()) {
                double[] v = statistic == Statistic.COUNT ? new double[0]
                        : cell.getValue().stream().mapToDouble(values::number).filter(x -> !Double.isNaN(x)).toArray();
                double reduced = statistic.of(v, cell.getValue().size());
                if (!Double.isNaN(reduced)) {
                    // one sample: n counts its rows; a group: its samples (counted below)
                    curve.computeIfAbsent(cell.getKey(), x -> new ArrayList<>())
                            .add(new double[] { reduced, cell.getValue().size() });
                }
            }
        }
        boolean perSample = seriesBy.equals("sample_id");
        List<String> seriesNames = new ArrayList<>();
        List<String> paramOut = new ArrayList<>();
        List<Double> valueOut = new ArrayList<>();
        List<Double> sdOut = new ArrayList<>();
        List<Double> nOut = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<double[]>>> curve : curves.entrySet()) {
            for (Map.Entry<String, List<double[]>> point : curve.getValue().entrySet()) {
                double[] sampleValues = point.getValue().stream().mapToDouble(p -> p[0]).toArray();
                seriesNames.add(curve.getKey());
                paramOut.add(point.getKey());
                valueOut.add(Mean.of(sampleValues).getAsDouble());
                sdOut.add(sampleValues.length < 2 ? Double.NaN
                        : StandardDeviation.of(sampleValues).getAsDouble());
                nOut.add(perSample ? point.getValue().getFirst()[1] : sampleValues.length);
            }
        }
        Table.Builder out = Table.builder("sensitivity-" + value).texts("series", seriesNames);
        if (numericParameter) {
            out.numbers(parameter, params.isNumeric() ? params.unit() : "",
                    paramOut.stream().mapToDouble(Double::parseDouble).toArray());
        } else {
            out.texts(parameter, paramOut);
        }
        String unit = statistic == Statistic.COUNT ? "" : values.unit();
        String name = statistic == Statistic.COUNT ? "count" : statistic.name().toLowerCase() + "_" + value;
        return out.numbers(name, unit, unbox(valueOut)).numbers("sd", unit, unbox(sdOut))
                .numbers("n", "", unbox(nOut)).build();
    }

    private static String parameterText(Column params, int r) {
        if (params.isNumeric()) {
            double v = params.number(r);
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
        return params.text(r);
    }

    private static boolean isNumber(String text) {
        try {
            return Double.isFinite(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The distinct values of {@code parameter} in {@code rows} (for choosers), sorted numerically when numbers. */
    public static List<String> parameterValues(Table rows, String parameter) {
        Column params = rows.column(parameter);
        Set<String> distinct = new LinkedHashSet<>();
        for (int r = 0; r < rows.rowCount(); r++) {
            distinct.add(parameterText(params, r));
        }
        List<String> sorted = new ArrayList<>(distinct);
        if (sorted.stream().allMatch(SensitivityStudy::isNumber)) {
            sorted.sort((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
        }
        return List.copyOf(Arrays.asList(sorted.toArray(String[]::new)));
    }
}
