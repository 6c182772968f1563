/**
 * Charts of statistics, drawn with JFreeChart (Java2D, no SWT, no display needed): per-group box, violin,
 * histogram, CDF and scatter plots ({@link org.qbi.stats.charts.GroupCharts}), the Bland-Altman plot
 * ({@link org.qbi.stats.charts.BlandAltmanChart}) and parameter sensitivity curves
 * ({@link org.qbi.stats.charts.SensitivityChart}); each {@link org.qbi.stats.charts.Chart} carries the table of
 * what it draws. {@link org.qbi.stats.charts.ChartExport} writes PNG, SVG and CSV. The Statistics perspective
 * shows these charts on SWT canvases; {@code qbi stats plot} writes them headless.
 *
 * @since 0.2
 */
package org.qbi.stats.charts;
