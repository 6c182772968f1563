/**
 * The Statistics perspective's Results view: descriptive statistics and group comparisons of a result table's
 * column (through the analyses of org.qbi.stats) and its charts (JFreeChart), with PNG, SVG and CSV export.
 */
package org.qbi.ui.stats.internal;
