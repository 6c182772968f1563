/**
 * A QBI project on disk: its layout ({@code raw/}, {@code pipelines/}, {@code results/}, {@code reports/}),
 * its sample catalog ({@code samples.csv}) and the import of acquired data into {@code raw/}.
 * <p>
 * Everything here is plain {@code java.nio}: the same code serves the workbench, the headless {@code qbi}
 * command and Spark executors. The Eclipse workspace side (the project nature) is in
 * {@link org.qbi.project.workspace}.
 *
 * @since 0.1
 */
package org.qbi.project;
