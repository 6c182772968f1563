/**
 * The results store of a project: every run's result tables in one embedded SQL database
 * ({@code results/results.duckdb}), keyed by run, sample, image and object, with the sample catalog joined in,
 * written one run per transaction, and exported to CSV or Parquet with a provenance sidecar.
 * <p>
 * What belongs here: the store's API ({@link org.qbi.project.results.ResultsStore} and the records it returns).
 * The DuckDB implementation lives in {@code org.qbi.project.internal.results}.
 *
 * @since 0.1
 */
package org.qbi.project.results;
