package org.qbi.stats.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.statistics.BoxAndWhiskerItem;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.jfree.data.xy.DefaultIntervalXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.qbi.core.table.Column;
import org.qbi.core.table.Table;
import org.qbi.stats.GroupedValues;
import org.qbi.stats.KernelDensity;

/**
 * Charts of one measurement by group, each with the table of the data it draws (for CSV export and for tests):
 * box plot, violin plot, histogram, cumulative distribution and scatter plot. The Results Statistics view and
 * {@code qbi stats plot} draw through here. Box plots take their median, quartiles, minimum and maximum from the 'describe' table
 * (quartiles by Hyndman-Fan type 7, as NumPy and R), so box and table agree; whiskers run to min and max.
 * Histograms of all groups share one binning over the pooled range (sqrt(n) bins, 5 to 50). Violins: see
 * {@link ViolinChart}.
 *
 * @since 0.2
 */
public final class GroupCharts {

    /** The chart kinds, in the order of the view's chooser. */
    public enum Kind {
        BOX("Box plot"), VIOLIN("Violin plot"), HISTOGRAM("Histogram"), CDF("Cumulative distribution"),
        SCATTER("Scatter plot");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name shown in choosers ("Box plot"). */
        public String label() {
            return label;
        }

        /** The kind named {@code name} as command lines spell it (box, violin, histogram, cdf, scatter). */
        public static Kind parse(String name) {
            for (Kind kind : values()) {
                if (kind.name().equalsIgnoreCase(name)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("Charts by group are box, violin, histogram, cdf and scatter, not '"
                    + name + "'");
        }
    }

    /** The colours of groups and series, in order (matplotlib's tab10). */
    public static final Color[] PALETTE = { new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207) };

    private GroupCharts() {
    }

    /**
     * Chart {@code kind} of {@code values}.
     *
     * @param describe the 'describe' table of {@code values} (the box plot's numbers)
     * @param rows     the rows the values come from, with column {@code yColumn} (the scatter plot's y)
     * @param yColumn  the scatter plot's y column, or null for the other kinds
     * @throws IllegalArgumentException when the scatter plot lacks its y column
     */
    public static Chart of(Kind kind, GroupedValues values, Table describe, Table rows, String yColumn) {
        return switch (kind) {
            case BOX -> box(values, describe);
            case VIOLIN -> ViolinChart.of(values, KernelDensity.Bandwidth.SCOTT);
            case HISTOGRAM -> histogram(values);
            case CDF -> cdf(values);
            case SCATTER -> scatter(values, rows, yColumn);
        };
    }

    static String axisLabel(String name, String unit) {
        return unit == null || unit.isEmpty() ? name : name + " (" + unit + ")";
    }

    static Chart box(GroupedValues values, Table describe) {
        DefaultBoxAndWhiskerCategoryDataset dataset = new DefaultBoxAndWhiskerCategoryDataset();
        for (int r = 0; r < describe.rowCount(); r++) {
            dataset.add(new BoxAndWhiskerItem(describe.column("mean").number(r), describe.column("median").number(r),
                    describe.column("q1").number(r), describe.column("q3").number(r), describe.column("min").number(r),
                    describe.column("max").number(r), describe.column("min").number(r),
                    describe.column("max").number(r), List.of()), values.valueName(),
                    describe.column("group").text(r));
        }
        BoxAndWhiskerRenderer renderer = new BoxAndWhiskerRenderer();
        renderer.setSeriesPaint(0, PALETTE[0]);
        renderer.setMeanVisible(false); // JFreeChart draws it as a disc as wide as the box; the table has it
        renderer.setMaxOutlierVisible(false);
        renderer.setMinOutlierVisible(false);
        renderer.setMaximumBarWidth(0.15);
        NumberAxis y = new NumberAxis(axisLabel(values.valueName(), values.unit()));
        y.setAutoRangeIncludesZero(false);
        CategoryPlot plot = new CategoryPlot(dataset, new CategoryAxis(values.groupBy()), y, renderer);
        Table.Builder data = Table.builder("box-" + values.valueName());
        for (String name : List.of("group", "n", "min", "q1", "median", "mean", "q3", "max")) {
            data.add(describe.column(name));
        }
        return new Chart(styled(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false), plot), data.build());
    }

    /** The shared bin edges of all groups' values. */
    static double[] binEdges(GroupedValues values) {
        double[] all = values.all().stream().flatMapToDouble(Arrays::stream).toArray();
        double min = Arrays.stream(all).min().orElse(0);
        double max = Arrays.stream(all).max().orElse(1);
        int bins = Math.clamp((int) Math.ceil(Math.sqrt(all.length)), 5, 50);
        if (max <= min) {
            max = min + 1;
        }
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = min + (max - min) * i / bins;
        }
        edges[bins] = max;
        return edges;
    }

    /** Counts of {@code values} in the bins of {@code edges}; the last bin holds its upper edge (as numpy). */
    static double[] counts(double[] values, double[] edges) {
        int bins = edges.length - 1;
        double[] counts = new double[bins];
        double width = (edges[bins] - edges[0]) / bins;
        for (double v : values) {
            int bin = (int) Math.floor((v - edges[0]) / width);
            counts[Math.clamp(bin, 0, bins - 1)]++;
        }
        return counts;
    }

    static Chart histogram(GroupedValues values) {
        double[] edges = binEdges(values);
        int bins = edges.length - 1;
        DefaultIntervalXYDataset dataset = new DefaultIntervalXYDataset();
        Table.Builder data = Table.builder("histogram-" + values.valueName())
                .numbers("bin_low", values.unit(), Arrays.copyOf(edges, bins))
                .numbers("bin_high", values.unit(), Arrays.copyOfRange(edges, 1, bins + 1));
        for (String group : values.names()) {
            double[] counts = counts(values.values(group), edges);
            double[][] series = new double[6][bins];
            for (int i = 0; i < bins; i++) {
                series[0][i] = (edges[i] + edges[i + 1]) / 2;
                series[1][i] = edges[i];
                series[2][i] = edges[i + 1];
                series[3][i] = counts[i];
                series[4][i] = 0;
                series[5][i] = counts[i];
            }
            dataset.addSeries(group, series);
            data.numbers("count_" + group, "", counts);
        }
        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        for (int g = 0; g < values.names().size(); g++) {
            Color c = PALETTE[g % PALETTE.length];
            renderer.setSeriesPaint(g, new Color(c.getRed(), c.getGreen(), c.getBlue(), 110));
        }
        NumberAxis x = new NumberAxis(axisLabel(values.valueName(), values.unit()));
        x.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(dataset, x, new NumberAxis("Count"), renderer);
        return new Chart(styled(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true), plot), data.build());
    }

    static Chart cdf(GroupedValues values) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        List<String> groups = new ArrayList<>();
        List<Double> xs = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        for (String group : values.names()) {
            double[] sorted = values.values(group);
            Arrays.sort(sorted);
            XYSeries series = new XYSeries(group, true, true);
            series.add(sorted[0], 0.0);
            for (int i = 0; i < sorted.length; i++) {
                double fraction = (double) (i + 1) / sorted.length;
                series.addOrUpdate(sorted[i], fraction); // ties: the step goes to the last of them
                groups.add(group);
                xs.add(sorted[i]);
                fractions.add(fraction);
            }
            dataset.addSeries(series);
        }
        XYStepRenderer renderer = new XYStepRenderer();
        for (int g = 0; g < values.names().size(); g++) {
            renderer.setSeriesPaint(g, PALETTE[g % PALETTE.length]);
            renderer.setSeriesStroke(g, new BasicStroke(1.8f));
        }
        NumberAxis x = new NumberAxis(axisLabel(values.valueName(), values.unit()));
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("Cumulative fraction");
        y.setRange(0, 1.02);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        Table data = Table.builder("cdf-" + values.valueName()).texts("group", groups)
                .numbers("value", values.unit(), xs.stream().mapToDouble(Double::doubleValue).toArray())
                .numbers("fraction", "", fractions.stream().mapToDouble(Double::doubleValue).toArray()).build();
        return new Chart(styled(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true), plot), data);
    }

    static Chart scatter(GroupedValues values, Table rows, String yColumn) {
        if (yColumn == null || !rows.hasColumn(yColumn)) {
            throw new IllegalArgumentException("Choose the scatter plot's second column (y)");
        }
        Column x = rows.column(values.valueName());
        Column y = rows.column(yColumn);
        Column group = rows.column(values.groupBy());
        XYSeriesCollection dataset = new XYSeriesCollection();
        List<String> groups = new ArrayList<>();
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (String name : values.names()) {
            XYSeries series = new XYSeries(name, false, true);
            for (int r = 0; r < rows.rowCount(); r++) {
                if (name.equals(group.text(r)) && !Double.isNaN(x.number(r)) && !Double.isNaN(y.number(r))) {
                    series.add(x.number(r), y.number(r));
                    groups.add(name);
                    xs.add(x.number(r));
                    ys.add(y.number(r));
                }
            }
            dataset.addSeries(series);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        for (int g = 0; g < values.names().size(); g++) {
            renderer.setSeriesPaint(g, PALETTE[g % PALETTE.length]);
        }
        NumberAxis xAxis = new NumberAxis(axisLabel(values.valueName(), x.unit()));
        xAxis.setAutoRangeIncludesZero(false);
        NumberAxis yAxis = new NumberAxis(axisLabel(yColumn, y.unit()));
        yAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        Table data = Table.builder("scatter-" + values.valueName() + "-" + yColumn).texts(values.groupBy(), groups)
                .numbers(values.valueName(), x.unit(), xs.stream().mapToDouble(Double::doubleValue).toArray())
                .numbers(yColumn, y.unit(), ys.stream().mapToDouble(Double::doubleValue).toArray()).build();
        return new Chart(styled(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true), plot), data);
    }

    static JFreeChart styled(JFreeChart chart, org.jfree.chart.plot.Plot plot) {
        chart.setBackgroundPaint(Color.WHITE);
        plot.setBackgroundPaint(Color.WHITE);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
            xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
        } else if (plot instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        return chart;
    }
}
