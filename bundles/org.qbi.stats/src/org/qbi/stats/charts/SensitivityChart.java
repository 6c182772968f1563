package org.qbi.stats.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.qbi.core.table.Column;
import org.qbi.core.table.Table;

/**
 * Parameter sensitivity curves: one line per sample or group through the values of a
 * {@link org.qbi.stats.SensitivityStudy} table (x the swept parameter, y the statistic), a group's line with a
 * band of -+ one standard deviation over its samples. A parameter that is not numeric is spread evenly along x
 * and named by a symbol axis. The data table is the study table itself. Several results (each its own study
 * over the same sweep) are drawn one above the other on a shared parameter axis, each with its own value axis.
 *
 * @since 0.2
 */
public final class SensitivityChart {

    private SensitivityChart() {
    }

    /**
     * The curves of {@code study} (columns series, the parameter, the statistic, sd, n as
     * {@link org.qbi.stats.SensitivityStudy#of} makes them).
     */
    public static Chart of(Table study) {
        XYPlot plot = plot(study);
        return new Chart(GroupCharts.styled(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true), plot),
                study);
    }

    /**
     * The curves of several studies of the same sweep (one per result), stacked on a shared parameter axis. The
     * data table is theirs in long form: result (the value column with its unit), series, the parameter, value,
     * sd, n.
     *
     * @throws IllegalArgumentException with no study, or studies over different parameters
     */
    public static Chart of(List<Table> studies) {
        if (studies.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one result column");
        }
        if (studies.size() == 1) {
            return of(studies.getFirst());
        }
        Column firstParameter = studies.getFirst().columns().get(1);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(plot(studies.getFirst()).getDomainAxis());
        combined.setGap(12);
        List<String> results = new ArrayList<>();
        List<String> series = new ArrayList<>();
        List<String> parameters = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> sds = new ArrayList<>();
        List<Double> ns = new ArrayList<>();
        for (Table study : studies) {
            Column parameter = study.columns().get(1);
            if (!parameter.name().equals(firstParameter.name())) {
                throw new IllegalArgumentException("Results over different parameters (" + firstParameter.name()
                        + ", " + parameter.name() + ") cannot share a chart");
            }
            XYPlot sub = plot(study);
            sub.setBackgroundPaint(Color.WHITE);
            sub.setDomainGridlinePaint(Color.LIGHT_GRAY);
            sub.setRangeGridlinePaint(Color.LIGHT_GRAY);
            combined.add(sub, 1);
            if (combined.getSubplots().size() == 1) {
                combined.setFixedLegendItems(sub.getLegendItems()); // once, not once per result
            }
            Column value = study.columns().get(2);
            String result = value.unit().isEmpty() ? value.name() : value.name() + " [" + value.unit() + "]";
            for (int r = 0; r < study.rowCount(); r++) {
                results.add(result);
                series.add(study.column("series").text(r));
                parameters.add(parameter.isNumeric() ? Double.toString(parameter.number(r)) : parameter.text(r));
                values.add(value.number(r));
                sds.add(study.column("sd").number(r));
                ns.add(study.column("n").number(r));
            }
        }
        Table.Builder data = Table.builder("sensitivity").texts("result", results).texts("series", series);
        if (firstParameter.isNumeric()) {
            data.numbers(firstParameter.name(), firstParameter.unit(),
                    parameters.stream().mapToDouble(Double::parseDouble).toArray());
        } else {
            data.texts(firstParameter.name(), parameters);
        }
        data.numbers("value", "", ViolinChart.unbox(values)).numbers("sd", "", ViolinChart.unbox(sds))
                .numbers("n", "", ViolinChart.unbox(ns));
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        return new Chart(chart, data.build());
    }

    /** One study's curves on a plot of their own. */
    private static XYPlot plot(Table study) {
        Column series = study.column("series");
        Column parameter = study.columns().get(1);
        Column value = study.columns().get(2);
        Column sd = study.column("sd");
        Map<String, Integer> symbols = new LinkedHashMap<>();
        if (!parameter.isNumeric()) {
            for (int r = 0; r < study.rowCount(); r++) {
                symbols.putIfAbsent(parameter.text(r), symbols.size());
            }
        }
        Map<String, YIntervalSeries> curves = new LinkedHashMap<>();
        for (int r = 0; r < study.rowCount(); r++) {
            double x = parameter.isNumeric() ? parameter.number(r) : symbols.get(parameter.text(r));
            double y = value.number(r);
            double spread = Double.isNaN(sd.number(r)) ? 0 : sd.number(r);
            curves.computeIfAbsent(series.text(r), s -> new YIntervalSeries(s, false, true))
                    .add(x, y, y - spread, y + spread);
        }
        YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
        curves.values().forEach(dataset::addSeries);
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        renderer.setAlpha(0.15f);
        java.awt.Shape[] shapes = org.jfree.chart.plot.DefaultDrawingSupplier.createStandardSeriesShapes();
        for (int s = 0; s < curves.size(); s++) {
            Color colour = GroupCharts.PALETTE[s % GroupCharts.PALETTE.length];
            renderer.setSeriesShape(s, shapes[s % shapes.length]); // the same in every panel of several results
            renderer.setSeriesPaint(s, colour);
            renderer.setSeriesFillPaint(s, colour);
            renderer.setSeriesStroke(s, new BasicStroke(1.8f));
        }
        NumberAxis x = parameter.isNumeric() ? new NumberAxis(GroupCharts.axisLabel(parameter.name(),
                parameter.unit())) : new SymbolAxis(parameter.name(), symbols.keySet().toArray(String[]::new));
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(GroupCharts.axisLabel(value.name(), value.unit()));
        y.setAutoRangeIncludesZero(false);
        return new XYPlot(dataset, x, y, renderer);
    }
}
