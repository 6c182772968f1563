package org.qbi.stats.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.qbi.core.table.Column;
import org.qbi.core.table.Table;
import org.qbi.stats.MatchedValues;
import org.qbi.stats.internal.BlandAltman;

/**
 * The Bland-Altman plot of two repeats (methods, scans, runs at two parameter values) of the same subjects: per
 * subject the mean of the two against their difference a - b, the bias (mean difference) and the 95% limits of
 * agreement bias -+ 1.96 sd as lines, each with its 95% confidence interval as a shaded band (Bland and Altman
 * 1999), all from the 'bland-altman' analysis of org.qbi.statistics. The data table is the points (subject, mean,
 * difference) with the bias, limits and their intervals repeated on each row, so one CSV holds the whole plot.
 *
 * @since 0.2
 */
public final class BlandAltmanChart {

    private static final Color POINTS = GroupCharts.PALETTE[0];
    private static final Color BIAS = new Color(40, 40, 40);
    private static final Color LIMITS = GroupCharts.PALETTE[3];

    private BlandAltmanChart() {
    }

    /**
     * The plot of {@code data}, which must hold exactly two repeats ({@link MatchedValues#pair} picks two).
     *
     * @throws IllegalArgumentException with fewer than two subjects or other than two repeats
     */
    public static Chart of(MatchedValues data) {
        Table points = BlandAltman.points(data);
        Table summary = new BlandAltman().run(data);
        XYSeries series = new XYSeries(data.repeats().get(0) + " - " + data.repeats().get(1), false, true);
        Column mean = points.column("mean");
        Column difference = points.column("difference");
        for (int i = 0; i < points.rowCount(); i++) {
            series.add(mean.number(i), difference.number(i));
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, POINTS);
        String unit = data.unit();
        NumberAxis x = new NumberAxis(GroupCharts.axisLabel("Mean of " + data.repeats().get(0) + " and "
                + data.repeats().get(1) + " of " + data.valueName(), unit));
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(GroupCharts.axisLabel("Difference " + data.repeats().get(0) + " - "
                + data.repeats().get(1), unit));
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), x, y, renderer);
        line(plot, summary, "bias", "Bias", BIAS, null);
        line(plot, summary, "loa_low", "-1.96 SD", LIMITS, new float[] { 6f, 4f });
        line(plot, summary, "loa_high", "+1.96 SD", LIMITS, new float[] { 6f, 4f });
        band(plot, summary, "bias_ci", BIAS);
        band(plot, summary, "loa_low_ci", LIMITS);
        band(plot, summary, "loa_high_ci", LIMITS);
        // the lines and bands are markers, which auto-ranging ignores: include them in the range
        double low = Math.min(summary.column("loa_low_ci_low").number(0), y.getLowerBound());
        double high = Math.max(summary.column("loa_high_ci_high").number(0), y.getUpperBound());
        double margin = (high - low) * 0.05;
        y.setRange(low - margin, high + margin);
        Table.Builder table = Table.builder("bland-altman-" + data.valueName());
        points.columns().forEach(table::add);
        for (String name : new String[] { "bias", "sd", "loa_low", "loa_high", "bias_ci_low", "bias_ci_high",
            "loa_low_ci_low", "loa_low_ci_high", "loa_high_ci_low", "loa_high_ci_high" }) {
            double[] repeated = new double[points.rowCount()];
            java.util.Arrays.fill(repeated, summary.column(name).number(0));
            table.numbers(name, unit, repeated);
        }
        return new Chart(GroupCharts.styled(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false), plot),
                table.build());
    }

    private static void line(XYPlot plot, Table summary, String column, String label, Color colour, float[] dash) {
        double value = summary.column(column).number(0);
        ValueMarker marker = new ValueMarker(value, colour, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, dash, 0f));
        marker.setLabel(String.format("%s %.4g", label, value));
        marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        marker.setLabelPaint(colour);
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 200));
        // at the left end: text measured by one Graphics2D (SWT's) and drawn by another must not run off the plot
        marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addRangeMarker(marker);
    }

    private static void band(XYPlot plot, Table summary, String prefix, Color colour) {
        IntervalMarker band = new IntervalMarker(summary.column(prefix + "_low").number(0),
                summary.column(prefix + "_high").number(0), new Color(colour.getRed(), colour.getGreen(),
                        colour.getBlue(), 40));
        plot.addRangeMarker(band, org.jfree.chart.ui.Layer.BACKGROUND);
    }
}
