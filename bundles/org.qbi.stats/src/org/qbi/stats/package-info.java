/**
 * Statistics over result tables, without UI: descriptive statistics per sample or group, group comparisons
 * with effect sizes, confidence intervals and multiple-testing corrections, and reproducibility (CV of repeats,
 * intraclass correlation, Bland-Altman). Every result is a {@link org.qbi.core.table.Table}, so the Statistics
 * perspective charts it, the results store keeps it and {@code qbi stats} prints it.
 * <p>
 * What belongs here: the {@link org.qbi.stats.Analysis} contract of extension point {@code org.qbi.statistics}, the
 * data it runs on ({@link org.qbi.stats.GroupedValues}, {@link org.qbi.stats.MatchedValues}), the layout of a
 * comparison table and the corrections. The built-in analyses are in {@code org.qbi.stats.internal}, contributed
 * through the extension point like a lab's own. The tests and distributions come from Apache Commons Statistics;
 * what it lacks (Kruskal-Wallis, Holm and Benjamini-Hochberg, effect sizes and their intervals, ICC, Bland-Altman)
 * is written here and says so.
 *
 * @since 0.1
 */
package org.qbi.stats;
