package org.qbi.stats.study;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Median;
import org.qbi.core.table.Column;
import org.qbi.core.table.Table;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.project.results.ResultsStore;
import org.qbi.project.results.RunRecord;
import org.qbi.stats.GroupedValues;

/**
 * Reading the rows a study analyses from a project's results store: one result table of one run (by default the
 * latest complete run that wrote it), with the sample catalog joined in and units kept, optionally reduced to one
 * value per sample. {@code qbi stats} and the Statistics perspective's views read through here, so they analyse
 * the same rows.
 * <p>
 * Reads select only the columns asked for: reading text is what costs most (about 1.6 us per value through
 * DuckDB's JDBC driver), so a study of millions of objects reads two text columns, not all. Callers open the
 * store and close it again soon: DuckDB locks the file, and a pipeline run may want to write next.
 *
 * @since 0.2
 */
public final class StudyRows {

    /** How the rows of one sample (its objects) are reduced before analysis. */
    public enum Reduction {
        /** Every row is a value (objects analysed as independent values). */
        NONE("objects"),
        /** The mean of the sample's rows (missing values left out). */
        MEAN("sample mean"),
        /** The median of the sample's rows (missing values left out). */
        MEDIAN("sample median");

        private final String label;

        Reduction(String label) {
            this.label = label;
        }

        /** The label shown in choosers ("sample mean"). */
        public String label() {
            return label;
        }

        /** The reduction named {@code name} ("none", "mean", "median"), as command lines spell it. */
        public static Reduction parse(String name) {
            for (Reduction r : values()) {
                if (r.name().equalsIgnoreCase(name)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("A per-sample reduction is none, mean or median, not '" + name + "'");
        }

        double reduce(double[] values) {
            return values.length == 0 ? Double.NaN
                    : this == MEDIAN ? Median.withDefaults().evaluate(values) : Mean.of(values).getAsDouble();
        }
    }

    private StudyRows() {
    }

    /**
     * The result tables of a project and the measurement (numeric, non-key) columns of each; none, without creating
     * the database, when no run has written results yet.
     */
    public static Map<String, List<String>> numericColumns(ProjectLayout project) throws IOException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        if (!Files.exists(project.results().resolve(ResultsStore.DATABASE_FILE))) {
            return columns;
        }
        try (ResultsStore store = ResultsStore.open(project)) {
            for (String table : store.tables()) {
                List<String> numeric = new ArrayList<>();
                for (Column column : store.columns(table)) {
                    if (column.isNumeric() && !ResultsStore.KEY_COLUMNS.contains(column.name())
                            && !column.name().equals(ResultsStore.OBJECT_COLUMN)) {
                        numeric.add(column.name());
                    }
                }
                columns.put(table, numeric);
            }
        }
        return columns;
    }

    /**
     * The run to analyse: {@code runId} when given, else the latest complete run that wrote {@code table}.
     *
     * @throws IllegalArgumentException naming the runs there are when {@code runId} is not one, or when none is
     */
    public static String run(ResultsStore store, String table, String runId) throws IOException {
        List<String> complete = completeRuns(store, table);
        if (runId != null) {
            if (!complete.contains(runId)) {
                throw new IllegalArgumentException("Run '" + runId + "' is not a complete run with rows in table '"
                        + table + "'; those are " + complete);
            }
            return runId;
        }
        if (complete.isEmpty()) {
            throw new IllegalArgumentException("Table '" + table + "' has no rows of a complete run");
        }
        return complete.getLast();
    }

    /**
     * The complete runs that wrote rows to {@code table}, oldest first.
     *
     * @throws IllegalArgumentException naming the tables there are when {@code table} is not one
     */
    public static List<String> completeRuns(ResultsStore store, String table) throws IOException {
        if (!store.tables().contains(table)) {
            throw new IllegalArgumentException("The results database has no table '" + table + "'; it has "
                    + store.tables() + " ('qbi results list' shows them)");
        }
        Set<String> inTable = new HashSet<>(List.of(store.query("SELECT DISTINCT run_id FROM main." + quote(table))
                .column("run_id").texts()));
        return store.runs().stream().filter(r -> r.status().equals(RunRecord.COMPLETE) && inTable.contains(r.runId()))
                .map(RunRecord::runId).toList();
    }

    /**
     * The columns {@code wanted} (and sample_id) of {@code table}'s rows from the runs {@code runIds}, with the
     * catalog joined in and units kept, ordered by sample, image, object and run.
     *
     * @throws IllegalArgumentException naming the columns there are when one is missing
     */
    public static Table rows(ResultsStore store, String table, List<String> runIds, List<String> wanted)
            throws IOException {
        String view = "grouped." + quote(table);
        List<String> available = store.query("SELECT * FROM " + view + " LIMIT 0").columns().stream()
                .map(Column::name).toList();
        List<String> columns = new ArrayList<>(List.of("sample_id"));
        for (String name : wanted) {
            if (!available.contains(name)) {
                throw new IllegalArgumentException("Table '" + table + "' (with samples.csv joined in) has no column '"
                        + name + "'; it has " + String.join(", ", available));
            }
            if (!columns.contains(name)) {
                columns.add(name);
            }
        }
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            select.append(i == 0 ? "" : ", ").append(quote(columns.get(i)));
        }
        select.append(" FROM ").append(view).append(" WHERE run_id IN (");
        for (int i = 0; i < runIds.size(); i++) {
            select.append(i == 0 ? "'" : ", '").append(runIds.get(i).replace("'", "''")).append('\'');
        }
        select.append(") ORDER BY sample_id, image, object, run_id");
        Table rows = store.query(select.toString());
        Map<String, String> units = new LinkedHashMap<>();
        store.columns(table).forEach(c -> units.put(c.name(), c.unit()));
        Table.Builder withUnits = Table.builder(table);
        for (Column column : rows.columns()) {
            withUnits.add(column.isNumeric() ? Column.of(column.name(), units.getOrDefault(column.name(), ""),
                    column.numbers()) : column);
        }
        return withUnits.build();
    }

    /**
     * The order groups are shown in: the catalog's samples for {@code sample_id}, its groups for {@code group},
     * none (first seen first) for other columns.
     */
    public static List<String> catalogOrder(ProjectLayout project, String groupBy) throws IOException {
        SampleCatalog catalog = SampleCatalog.load(project.catalogFile());
        return groupBy.equals("sample_id") ? catalog.samples().stream().map(Sample::id).toList()
                : groupBy.equals("group") ? catalog.groups() : List.of();
    }

    /**
     * One row per distinct combination of the text of {@code keys}: those columns, then the reduction of each
     * numeric column not among them (missing values left out), in the order the combinations first appear.
     * Text columns that are not keys must be constant within a combination (the sample's group within a sample).
     *
     * @throws IllegalArgumentException naming the combination in which such a column differs
     */
    public static Table reduce(Table rows, List<String> keys, Reduction how) {
        if (how == Reduction.NONE) {
            return rows;
        }
        Map<List<String>, List<Integer>> byKey = new LinkedHashMap<>();
        for (int r = 0; r < rows.rowCount(); r++) {
            List<String> key = new ArrayList<>(keys.size());
            for (String k : keys) {
                key.add(rows.column(k).text(r));
            }
            byKey.computeIfAbsent(key, x -> new ArrayList<>()).add(r);
        }
        Table.Builder table = Table.builder(rows.name());
        for (int k = 0; k < keys.size(); k++) {
            List<String> texts = new ArrayList<>();
            for (List<String> key : byKey.keySet()) {
                texts.add(key.get(k));
            }
            table.texts(keys.get(k), texts);
        }
        for (Column column : rows.columns()) {
            if (keys.contains(column.name())) {
                continue;
            }
            if (!column.isNumeric()) {
                List<String> texts = new ArrayList<>();
                for (Map.Entry<List<String>, List<Integer>> entry : byKey.entrySet()) {
                    List<String> distinct = entry.getValue().stream().map(column::text).distinct().toList();
                    if (distinct.size() != 1) {
                        throw new IllegalArgumentException(String.join(" ", entry.getKey()) + " has several values of '"
                                + column.name() + "' " + distinct + "; reducing per sample needs a grouping that is "
                                + "constant within a sample");
                    }
                    texts.add(distinct.getFirst());
                }
                table.texts(column.name(), texts);
                continue;
            }
            double[] reduced = new double[byKey.size()];
            int i = 0;
            for (List<Integer> keyRows : byKey.values()) {
                reduced[i++] = how.reduce(keyRows.stream().mapToDouble(column::number).filter(x -> !Double.isNaN(x))
                        .toArray());
            }
            table.numbers(column.name(), column.unit(), reduced);
        }
        return table.build();
    }

    /** {@link #reduce} by sample: one row per sample. */
    public static Table perSample(Table rows, Reduction how) {
        return reduce(rows, List.of("sample_id"), how);
    }

    /** {@code data} with its groups in {@code order}; groups not in it follow in their order. */
    public static GroupedValues ordered(GroupedValues data, List<String> order) {
        Map<String, double[]> groups = new LinkedHashMap<>();
        for (String name : order) {
            if (data.groups().containsKey(name)) {
                groups.put(name, data.values(name));
            }
        }
        for (String name : data.names()) {
            groups.putIfAbsent(name, data.values(name));
        }
        return new GroupedValues(data.valueName(), data.unit(), data.groupBy(), groups, data.missing());
    }

    /** Whether some sample contributes more than one row (objects of one sample are not independent). */
    public static boolean severalRowsPerSample(Table rows) {
        if (!rows.hasColumn("sample_id")) {
            return false;
        }
        String[] samples = rows.column("sample_id").texts();
        return Arrays.stream(samples).distinct().count() < samples.length;
    }

    /**
     * The columns of {@code table} holding the parameters a sweep varied in run {@code runId} ("smooth_sigma" for
     * a sweep over smooth.sigma), in the order the pipeline names them; empty when the run swept nothing. A
     * pipeline run keys each sweep combination's rows by an image name ending in its values ("{smooth.sigma=2}"),
     * and its tables carry each swept step.parameter as column step_parameter: both are read here.
     */
    public static List<String> sweptColumns(ResultsStore store, String table, String runId) throws IOException {
        List<String> columns = store.columns(table).stream().map(Column::name).toList();
        Set<String> swept = new java.util.LinkedHashSet<>();
        String[] images = store.query("SELECT DISTINCT image FROM main." + quote(table) + " WHERE run_id = '"
                + runId.replace("'", "''") + "' ORDER BY image").column("image").texts();
        java.util.regex.Pattern key = java.util.regex.Pattern.compile("([A-Za-z0-9_-]+)\\.([A-Za-z0-9_]+)=");
        for (String image : images) {
            int open = image == null ? -1 : image.lastIndexOf(" {");
            if (open < 0 || !image.endsWith("}")) {
                continue;
            }
            java.util.regex.Matcher m = key.matcher(image.substring(open));
            while (m.find()) {
                String column = m.group(1) + "_" + m.group(2);
                if (columns.contains(column)) {
                    swept.add(column);
                }
            }
        }
        return List.copyOf(swept);
    }

    /**
     * Repeated measurements of {@code value}: each {@code subject} (usually sample_id) measured by each value of
     * {@code repeat}, which is run_id (the same samples analysed by every complete run that wrote the table, e.g.
     * at two thresholds) or a column (e.g. a catalog column naming the scan); the rows of each subject and repeat
     * are reduced as {@code how} says first (object tables need MEAN or MEDIAN: a subject has one value per repeat).
     *
     * @param runId with {@code repeat} other than run_id, the run (null: the latest complete run)
     * @throws IllegalArgumentException naming what is missing or measured twice
     */
    public static org.qbi.stats.MatchedValues matched(ResultsStore store, String table, String value, String subject,
            String repeat, String runId, Reduction how) throws IOException {
        List<String> runs;
        if (repeat.equals("run_id")) {
            if (runId != null) {
                throw new IllegalArgumentException("A run was chosen, but the repeats are runs (run_id); choose no run");
            }
            runs = completeRuns(store, table);
        } else {
            runs = List.of(run(store, table, runId));
        }
        Table rows = rows(store, table, runs, List.of(value, subject, repeat));
        if (how != Reduction.NONE) {
            Table.Builder kept = Table.builder(rows.name());
            for (String name : new java.util.LinkedHashSet<>(List.of(subject, repeat, value))) {
                kept.add(rows.column(name));
            }
            rows = reduce(kept.build(), List.of(subject, repeat), how);
        }
        return org.qbi.stats.MatchedValues.of(rows, value, subject, repeat);
    }

    /**
     * The rows of a sensitivity study of run {@code runId} (null: the latest complete run that wrote the table):
     * sample_id, {@code parameter}, {@code value} and {@code seriesBy}; see {@link org.qbi.stats.SensitivityStudy}.
     * {@code parameter} null takes the first column the run swept.
     *
     * @throws IllegalArgumentException when {@code parameter} is null and the run swept nothing
     */
    public static Table sweepRows(ResultsStore store, String table, String value, String parameter, String seriesBy,
            String runId) throws IOException {
        String run = run(store, table, runId);
        if (parameter == null) {
            List<String> swept = sweptColumns(store, table, run);
            if (swept.isEmpty()) {
                throw new IllegalArgumentException("Run " + run + " of table '" + table + "' swept no parameter: run a "
                        + "pipeline with a sweep (e.g. sweep: {smooth.sigma: [1, 2, 3]}) or name the parameter column");
            }
            parameter = swept.getFirst();
        }
        return rows(store, table, List.of(run), List.of(parameter, value, seriesBy));
    }

    /** {@code name} as a quoted SQL identifier. */
    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
