package org.qbi.stats.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.statistics.descriptive.Quantile;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYPolygonAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.qbi.core.table.Table;
import org.qbi.stats.GroupedValues;
import org.qbi.stats.KernelDensity;

/**
 * Violin plots, which JFreeChart 1.5 lacks, drawn on an XYPlot: group {@code g} sits at x = g (a symbol axis names
 * it); its violin is the Gaussian kernel density estimate of its values ({@link KernelDensity}, as
 * scipy.stats.gaussian_kde), mirrored left and right, evaluated at {@value #POINTS} points from two bandwidths
 * below the smallest value to two above the largest (seaborn's cut = 2), every violin scaled to the same greatest
 * half-width {@value #HALF_WIDTH}. Inside: a dark bar from the first to the third quartile and a white line at the
 * median (Hyndman-Fan type 7 quantiles, as the box plot and 'describe'). The outlines are the plot's dataset (so
 * the axes range over them); fills and marks are annotations. A group with fewer than two distinct values gets
 * no violin, only its marks.
 *
 * @since 0.2
 */
public final class ViolinChart {

    /** Points of each violin's density curve. */
    public static final int POINTS = 100;
    /** The widest violin's half-width, in x units (groups are 1 apart). */
    public static final double HALF_WIDTH = 0.4;
    /** Bandwidths the curve extends beyond the data. */
    public static final double CUT = 2;

    private static final double BAR = 0.035;

    private ViolinChart() {
    }

    /**
     * The violins of {@code values}' groups. The data table has one row per curve point: group, value, density
     * (the estimate there), bandwidth, and the group's median, q1 and q3.
     */
    public static Chart of(GroupedValues values, KernelDensity.Bandwidth rule) {
        List<String> names = values.names();
        XYSeriesCollection outlines = new XYSeriesCollection();
        List<String> groups = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> densities = new ArrayList<>();
        List<Double> bandwidths = new ArrayList<>();
        List<Double> medians = new ArrayList<>();
        List<Double> q1s = new ArrayList<>();
        List<Double> q3s = new ArrayList<>();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        List<Object> annotations = new ArrayList<>();
        Quantile quantile = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7);
        for (int g = 0; g < names.size(); g++) {
            double[] v = Arrays.stream(values.values(names.get(g))).filter(Double::isFinite).toArray();
            Arrays.sort(v);
            double[] q = v.length == 0 ? new double[] { Double.NaN, Double.NaN, Double.NaN }
                    : quantile.evaluate(v, 0.25, 0.5, 0.75);
            XYSeries outline = new XYSeries(names.get(g), false, true);
            Color colour = GroupCharts.PALETTE[g % GroupCharts.PALETTE.length];
            KernelDensity kde = null;
            if (v.length >= 2 && v[0] < v[v.length - 1]) {
                kde = KernelDensity.of(v, rule);
            }
            if (kde != null) {
                double[] grid = kde.grid(POINTS, CUT);
                double[] density = kde.density(grid);
                double max = Arrays.stream(density).max().orElse(1);
                double[] polygon = new double[4 * POINTS];
                for (int i = 0; i < POINTS; i++) {
                    double half = HALF_WIDTH * density[i] / max;
                    outline.add(g + half, grid[i]);
                    polygon[2 * i] = g + half;
                    polygon[2 * i + 1] = grid[i];
                    int back = 2 * (2 * POINTS - 1 - i);
                    polygon[back] = g - half;
                    polygon[back + 1] = grid[i];
                    groups.add(names.get(g));
                    ys.add(grid[i]);
                    densities.add(density[i]);
                    bandwidths.add(kde.bandwidth());
                    medians.add(q[1]);
                    q1s.add(q[0]);
                    q3s.add(q[2]);
                }
                for (int i = POINTS - 1; i >= 0; i--) {
                    outline.add(g - HALF_WIDTH * density[i] / max, grid[i]);
                }
                outline.add(g + HALF_WIDTH * density[0] / max, grid[0]);
                annotations.add(new XYPolygonAnnotation(polygon, new BasicStroke(0f), null,
                        new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 140)));
            } else if (v.length > 0) {
                outline.add(g, v[0]); // a point so the axis ranges over it
                outline.add(g, v[v.length - 1]);
            }
            outlines.addSeries(outline);
            renderer.setSeriesPaint(g, colour.darker());
            renderer.setSeriesStroke(g, new BasicStroke(1.2f));
            if (v.length > 0) {
                annotations.add(new XYBoxAnnotation(g - BAR, q[0], g + BAR, q[2], new BasicStroke(0f), null,
                        new Color(40, 40, 40)));
                annotations.add(new XYLineAnnotation(g - BAR, q[1], g + BAR, q[1], new BasicStroke(3f), Color.WHITE));
            }
        }
        SymbolAxis x = new SymbolAxis(values.groupBy(), names.toArray(String[]::new));
        x.setGridBandsVisible(false);
        x.setRange(-0.6, names.size() - 0.4);
        x.setAutoRange(false);
        NumberAxis y = new NumberAxis(GroupCharts.axisLabel(values.valueName(), values.unit()));
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(outlines, x, y, renderer);
        for (Object annotation : annotations) {
            plot.addAnnotation((org.jfree.chart.annotations.XYAnnotation) annotation);
        }
        String unit = values.unit();
        Table data = Table.builder("violin-" + values.valueName()).texts("group", groups)
                .numbers("value", unit, unbox(ys)).numbers("density", unit.isEmpty() ? "" : "1/" + unit,
                        unbox(densities))
                .numbers("bandwidth", unit, unbox(bandwidths)).numbers("median", unit, unbox(medians))
                .numbers("q1", unit, unbox(q1s)).numbers("q3", unit, unbox(q3s)).build();
        return new Chart(GroupCharts.styled(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false), plot),
                data);
    }

    static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
