package org.qbi.ui.stats.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.qbi.core.table.Table;
import org.qbi.project.ProjectLayout;
import org.qbi.project.results.ResultsStore;
import org.qbi.stats.SensitivityStudy;
import org.qbi.stats.charts.SensitivityChart;
import org.qbi.stats.study.StudyRows;

/**
 * The Statistics perspective's parameter sensitivity view: how a result (the object count, or the mean, median or
 * sum of a measurement per sample) moves as a pipeline's swept parameter (a threshold, a sigma) varies, one line
 * per sample or per group (mean -+ sd of its samples), from the latest run of a pipeline with a sweep;
 * {@code qbi stats plot sensitivity} draws the same. The CSV export is the table behind the curves.
 */
public final class SensitivityView extends StudyView {

    /** The view id from plugin.xml. */
    public static final String ID = "org.qbi.ui.views.sensitivity";

    /** The lines offered: one per sample, or one per group. */
    static final List<String> SERIES = List.of("sample_id", "group");

    private Combo tableCombo;
    private Combo columnCombo;
    private Combo parameterCombo;
    private Combo statisticCombo;
    private Combo seriesCombo;
    private Map<String, List<String>> columns = Map.of();
    private Table study;

    @Override
    void createChoices(Composite parent) {
        tableCombo = combo(parent, "Table");
        columnCombo = combo(parent, "Column");
        parameterCombo = combo(parent, "Parameter");
        parameterCombo.setToolTipText("The swept parameter (a pipeline's sweep: step.parameter, as column "
                + "step_parameter)");
        statisticCombo = combo(parent, "Statistic");
        for (SensitivityStudy.Statistic statistic : SensitivityStudy.Statistic.values()) {
            statisticCombo.add(statistic.name().toLowerCase(Locale.ROOT));
        }
        statisticCombo.select(SensitivityStudy.Statistic.MEAN.ordinal());
        statisticCombo.setToolTipText("Per sample and parameter value: count = the number of rows (objects); mean, "
                + "median or sum of the column");
        seriesCombo = combo(parent, "Lines");
        seriesCombo.setItems(SERIES.toArray(String[]::new));
        seriesCombo.select(0);
        tableCombo.addListener(SWT.Selection, e -> tableChosen());
        for (Combo combo : List.of(columnCombo, parameterCombo, statisticCombo, seriesCombo)) {
            combo.addListener(SWT.Selection, e -> compute());
        }
    }

    @Override
    void projectOpened(ProjectLayout layout) {
        status("Reading the results of " + layout.root().getFileName() + " \u2026");
        run("Reading the results of " + layout.root().getFileName(), () -> StudyRows.numericColumns(layout),
                tables -> {
                    columns = tables;
                    offer(tableCombo, List.copyOf(tables.keySet()), 0);
                    if (tables.isEmpty()) {
                        status("This project has no result tables yet: run a pipeline with a sweep.");
                        show(null);
                        return;
                    }
                    tableChosen();
                });
    }

    private void tableChosen() {
        ProjectLayout layout = layout();
        String table = tableCombo.getText();
        offer(columnCombo, columns.getOrDefault(table, List.of()), 0);
        run("Swept parameters of " + table, () -> {
            try (ResultsStore store = ResultsStore.open(layout)) {
                return StudyRows.sweptColumns(store, table, StudyRows.run(store, table, null));
            }
        }, swept -> {
            offer(parameterCombo, swept, 0);
            if (swept.isEmpty()) {
                status("The latest run of " + table + " swept no parameter: run a pipeline with a sweep "
                        + "(e.g. sweep: {smooth.sigma: [1, 2, 3]}).");
                show(null);
                return;
            }
            compute();
        });
    }

    /**
     * Chooses what to plot (as the user would) and computes.
     *
     * @throws IllegalArgumentException naming the choices there are when one is not offered
     */
    public void choose(String table, String column, String parameter, SensitivityStudy.Statistic statistic,
            String series) {
        select(tableCombo, table, "table");
        offer(columnCombo, columns.getOrDefault(table, List.of()), 0);
        select(columnCombo, column, "column");
        parameterCombo.setItems(new String[] { parameter });
        parameterCombo.select(0);
        statisticCombo.select(statistic.ordinal());
        select(seriesCombo, series, "lines");
        compute();
    }

    @Override
    void compute() {
        ProjectLayout layout = layout();
        if (layout == null || tableCombo.getText().isEmpty() || columnCombo.getText().isEmpty()
                || parameterCombo.getText().isEmpty()) {
            return;
        }
        String table = tableCombo.getText();
        String column = columnCombo.getText();
        String parameter = parameterCombo.getText();
        SensitivityStudy.Statistic statistic = SensitivityStudy.Statistic.values()[Math.max(0,
                statisticCombo.getSelectionIndex())];
        String series = seriesCombo.getText();
        status("Reading " + column + " over " + parameter + " \u2026");
        run("Sensitivity of " + table + "." + column + " to " + parameter, () -> {
            try (ResultsStore store = ResultsStore.open(layout)) {
                Table rows = StudyRows.sweepRows(store, table, column, parameter, series, null);
                return SensitivityStudy.of(rows, parameter, column, statistic, series);
            }
        }, computed -> {
            study = computed;
            show(SensitivityChart.of(computed));
            status(table + ": " + computed.columns().get(2).name() + " of each " + series + " over " + parameter
                    + " (" + SensitivityStudy.parameterValues(computed, parameter).size() + " values)");
        });
    }

    /** The table behind the curves, or null (for tests). */
    Table study() {
        return study;
    }
}
