/**
 * The operators in the workbench: the palette of every operator the installed plugins contribute
 * (org.qbi.operators), a parameter form generated from each operator's declaration with a live preview on the
 * current slice, and runs as Eclipse Jobs writing into the project's results/ folder with a provenance record.
 * This package holds the views' ids; everything else is internal.
 *
 * @since 0.1
 */
package org.qbi.ui.ops;
