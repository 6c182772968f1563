/**
 * Reading a study from a project's results store: which tables and runs there are, the rows of one run with the
 * sample catalog joined in, per-sample reduction, catalog order of groups, swept parameter columns. One
 * implementation for {@code qbi stats} and the Statistics perspective's views.
 *
 * @since 0.2
 */
package org.qbi.stats.study;
