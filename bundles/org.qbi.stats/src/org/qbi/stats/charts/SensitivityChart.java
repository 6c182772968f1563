package org.qbi.stats.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
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
 * and named by a symbol axis. The data table is the study table itself.
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
        for (int s = 0; s < curves.size(); s++) {
            Color colour = GroupCharts.PALETTE[s % GroupCharts.PALETTE.length];
            renderer.setSeriesPaint(s, colour);
            renderer.setSeriesFillPaint(s, colour);
            renderer.setSeriesStroke(s, new BasicStroke(1.8f));
        }
        NumberAxis x = parameter.isNumeric() ? new NumberAxis(GroupCharts.axisLabel(parameter.name(),
                parameter.unit())) : new SymbolAxis(parameter.name(), symbols.keySet().toArray(String[]::new));
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(GroupCharts.axisLabel(value.name(), value.unit()));
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        return new Chart(GroupCharts.styled(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true), plot),
                study);
    }
}
