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
 * sum of a measurement per sample; several results one panel each) moves as a pipeline's swept parameter (a threshold, a sigma) varies, one line
 * per sample or per group (mean -+ sd of its samples), from the latest run of a pipeline with a sweep;
 * {@code qbi stats plot sensitivity} draws the same. The CSV export is the table behind the curves.
 */
public final class SensitivityView extends StudyView {

    /** The view id from plugin.xml. */
    public static final String ID = "org.qbi.ui.views.sensitivity";

    /** The lines offered: one per sample, or one per group. */
    static final List<String> SERIES = List.of("sample_id", "group");

    private Combo tableCombo;
    private org.eclipse.swt.widgets.List columnList;
    private Combo parameterCombo;
    private Combo statisticCombo;
    private Combo seriesCombo;
    private Map<String, List<String>> columns = Map.of();
    private Table study;

    @Override
    void createChoices(Composite parent) {
        tableCombo = combo(parent, "Table");
        new org.eclipse.swt.widgets.Label(parent, SWT.NONE).setText("Columns:");
        columnList = new org.eclipse.swt.widgets.List(parent, SWT.MULTI | SWT.V_SCROLL | SWT.BORDER);
        org.eclipse.swt.layout.GridData listData = new org.eclipse.swt.layout.GridData(SWT.FILL, SWT.CENTER, false,
                false, 1, 2);
        listData.widthHint = 120;
        listData.heightHint = 3 * columnList.getItemHeight();
        columnList.setLayoutData(listData);
        columnList.setToolTipText("The results to follow (several: one panel each, on the same parameter axis)");
        columnList.addListener(SWT.Selection, e -> compute());
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
        for (Combo combo : List.of(parameterCombo, statisticCombo, seriesCombo)) {
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
        offerColumns(columns.getOrDefault(table, List.of()));
        run("Swept parameters of " + table, () -> {
            try (ResultsStore store = ResultsStore.open(layout)) {
                return StudyRows.sweptColumns(store, table, StudyRows.run(store, table, null));
            }
        }, swept -> {
            offer(parameterCombo, swept, 0);
            // the swept parameter is a column of the table, not a result
            List<String> results = new java.util.ArrayList<>(columns.getOrDefault(table, List.of()));
            results.removeAll(swept);
            offerColumns(results);
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
    public void choose(String table, List<String> results, String parameter, SensitivityStudy.Statistic statistic,
            String series) {
        select(tableCombo, table, "table");
        offerColumns(columns.getOrDefault(table, List.of()));
        columnList.deselectAll();
        for (String result : results) {
            int index = columnList.indexOf(result);
            if (index < 0) {
                throw new IllegalArgumentException("No column '" + result + "'; there are "
                        + List.of(columnList.getItems()));
            }
            columnList.select(index);
        }
        parameterCombo.setItems(new String[] { parameter });
        parameterCombo.select(0);
        statisticCombo.select(statistic.ordinal());
        select(seriesCombo, series, "lines");
        compute();
    }

    @Override
    void compute() {
        ProjectLayout layout = layout();
        if (layout == null || tableCombo.getText().isEmpty() || columnList.getSelectionCount() == 0
                || parameterCombo.getText().isEmpty()) {
            return;
        }
        String table = tableCombo.getText();
        List<String> chosen = List.of(columnList.getSelection());
        String parameter = parameterCombo.getText();
        SensitivityStudy.Statistic statistic = SensitivityStudy.Statistic.values()[Math.max(0,
                statisticCombo.getSelectionIndex())];
        String series = seriesCombo.getText();
        status("Reading " + String.join(", ", chosen) + " over " + parameter + " \u2026");
        run("Sensitivity of " + table + " to " + parameter, () -> {
            List<Table> studies = new java.util.ArrayList<>();
            try (ResultsStore store = ResultsStore.open(layout)) {
                for (String column : chosen) {
                    Table rows = StudyRows.sweepRows(store, table, column, parameter, series, null);
                    studies.add(SensitivityStudy.of(rows, parameter, column, statistic, series));
                }
            }
            return studies;
        }, computed -> {
            study = computed.getFirst();
            show(SensitivityChart.of(computed));
            status(table + ": " + String.join(", ", computed.stream().map(t -> t.columns().get(2).name()).toList())
                    + " of each " + series + " over " + parameter + " ("
                    + SensitivityStudy.parameterValues(study, parameter).size() + " values)");
        });
    }

    /** Offers {@code results}, keeping the chosen ones still offered (the first when none is). */
    private void offerColumns(List<String> results) {
        List<String> previous = List.of(columnList.getSelection());
        columnList.setItems(results.toArray(String[]::new));
        for (String name : previous) {
            if (results.contains(name)) {
                columnList.select(results.indexOf(name));
            }
        }
        if (columnList.getSelectionCount() == 0 && !results.isEmpty()) {
            columnList.select(0);
        }
    }

    /** The table behind the (first) curves, or null (for tests). */
    Table study() {
        return study;
    }
}
