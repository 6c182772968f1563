package org.qbi.ui.stats.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.qbi.project.ProjectLayout;
import org.qbi.project.SampleCatalog;
import org.qbi.project.results.ResultsStore;
import org.qbi.stats.MatchedValues;
import org.qbi.stats.charts.BlandAltmanChart;
import org.qbi.stats.study.StudyRows;
import org.qbi.stats.study.StudyRows.Reduction;

/**
 * The Statistics perspective's Bland-Altman view: agreement of two repeats of a measurement on the same subjects
 * (samples analysed by two runs, e.g. at two thresholds, or scanned twice as a catalog column says): mean against
 * difference, the bias and the 95% limits of agreement with their confidence intervals, from the 'bland-altman'
 * analysis of org.qbi.statistics; {@code qbi stats plot bland-altman} draws the same.
 */
public final class BlandAltmanView extends StudyView {

    /** The view id from plugin.xml. */
    public static final String ID = "org.qbi.ui.views.blandAltman";

    private Combo tableCombo;
    private Combo columnCombo;
    private Combo subjectCombo;
    private Combo repeatCombo;
    private Combo perSampleCombo;
    private Combo aCombo;
    private Combo bCombo;
    private Map<String, List<String>> columns = Map.of();
    private MatchedValues matched;

    @Override
    void createChoices(Composite parent) {
        tableCombo = combo(parent, "Table");
        columnCombo = combo(parent, "Column");
        subjectCombo = combo(parent, "Subject");
        subjectCombo.setToolTipText("What is measured repeatedly: each sample, or a column of samples.csv naming the "
                + "specimen when each scan of it is a sample of its own");
        repeatCombo = combo(parent, "Repeats");
        repeatCombo.setToolTipText("run_id: the same samples analysed by several runs (e.g. at two thresholds); or "
                + "a column of samples.csv naming the repeat (scan, rater)");
        perSampleCombo = combo(parent, "Per sample");
        for (Reduction how : Reduction.values()) {
            perSampleCombo.add(how.label());
        }
        perSampleCombo.select(Reduction.MEAN.ordinal());
        perSampleCombo.setToolTipText("A sample has one value per repeat: its objects are reduced to their mean or "
                + "median (objects: only for tables with one row per sample)");
        aCombo = combo(parent, "A");
        bCombo = combo(parent, "B");
        tableCombo.addListener(SWT.Selection, e -> tableChosen());
        for (Combo combo : List.of(columnCombo, subjectCombo, repeatCombo, perSampleCombo)) {
            combo.addListener(SWT.Selection, e -> compute());
        }
        aCombo.addListener(SWT.Selection, e -> draw());
        bCombo.addListener(SWT.Selection, e -> draw());
    }

    @Override
    void projectOpened(ProjectLayout layout) {
        status("Reading the results of " + layout.root().getFileName() + " \u2026");
        run("Reading the results of " + layout.root().getFileName(), () -> {
            return new Contents(StudyRows.numericColumns(layout),
                    SampleCatalog.load(layout.catalogFile()).extraColumns());
        }, read -> {
            Map<String, List<String>> tables = read.tables();
            columns = tables;
            List<String> subjects = new ArrayList<>(List.of("sample_id"));
            subjects.addAll(read.catalogColumns());
            List<String> repeats = new ArrayList<>(List.of("run_id"));
            repeats.addAll(read.catalogColumns());
            offer(subjectCombo, subjects, 0);
            offer(repeatCombo, repeats, 0);
            offer(tableCombo, List.copyOf(tables.keySet()), 0);
            if (tables.isEmpty()) {
                status("This project has no result tables yet: run a pipeline that measures.");
                show(null);
                return;
            }
            tableChosen();
        });
    }

    /** The result tables' numeric columns and the catalog's own columns. */
    private record Contents(Map<String, List<String>> tables, List<String> catalogColumns) {
    }

    private void tableChosen() {
        offer(columnCombo, columns.getOrDefault(tableCombo.getText(), List.of()), 0);
        compute();
    }

    /**
     * Chooses what to compare (as the user would) and computes.
     *
     * @param a the first repeat, or null for the first there is
     * @throws IllegalArgumentException naming the choices there are when one is not offered
     */
    public void choose(String table, String column, String subject, String repeat, Reduction perSample, String a,
            String b) {
        select(tableCombo, table, "table");
        offer(columnCombo, columns.getOrDefault(table, List.of()), 0);
        select(columnCombo, column, "column");
        select(subjectCombo, subject, "subject");
        select(repeatCombo, repeat, "repeat");
        perSampleCombo.select(perSample.ordinal());
        aCombo.setItems(a == null ? new String[0] : new String[] { a });
        bCombo.setItems(b == null ? new String[0] : new String[] { b });
        aCombo.select(0);
        bCombo.select(0);
        compute();
    }

    @Override
    void compute() {
        ProjectLayout layout = layout();
        if (layout == null || tableCombo.getText().isEmpty() || columnCombo.getText().isEmpty()) {
            return;
        }
        String table = tableCombo.getText();
        String column = columnCombo.getText();
        String subject = subjectCombo.getText();
        String repeat = repeatCombo.getText();
        Reduction how = Reduction.values()[Math.max(0, perSampleCombo.getSelectionIndex())];
        status("Reading " + column + " of every " + repeat + " \u2026");
        run("Bland-Altman of " + table + "." + column, () -> {
            try (ResultsStore store = ResultsStore.open(layout)) {
                return StudyRows.matched(store, table, column, subject, repeat, null, how);
            }
        }, read -> {
            matched = read;
            offer(aCombo, read.repeats(), 0);
            offer(bCombo, read.repeats(), 1);
            draw();
        });
    }

    /** Draws the two chosen repeats of the values read. */
    private void draw() {
        if (matched == null) {
            return;
        }
        try {
            MatchedValues two = matched.pair(aCombo.getText(), bCombo.getText());
            show(BlandAltmanChart.of(two));
            status(matched.valueName() + ": " + two.subjects().size() + " subjects measured by " + two.repeats().get(0)
                    + " and " + two.repeats().get(1) + (matched.dropped() > 0 ? "; " + matched.dropped()
                            + " subjects lack a repeat and are left out" : "")
                    + (matched.repeats().size() > 2 ? "; " + matched.repeats().size() + " repeats: choose A and B"
                            : ""));
        } catch (IllegalArgumentException e) {
            status(e.getMessage());
            show(null);
        }
    }

    /** The values read, before A and B are picked (for tests). */
    MatchedValues matched() {
        return matched;
    }
}
