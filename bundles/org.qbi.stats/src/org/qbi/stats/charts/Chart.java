package org.qbi.stats.charts;

import org.jfree.chart.JFreeChart;
import org.qbi.core.table.Table;

/**
 * A chart and the table of the data it draws (exported as CSV next to the picture, and read by tests).
 *
 * @param chart the JFreeChart, drawn on an SWT canvas through SWTGraphics2D or into PNG/SVG by {@link ChartExport}
 * @param data  the numbers drawn, one row per point, bin or curve sample
 * @since 0.2
 */
public record Chart(JFreeChart chart, Table data) {
}
