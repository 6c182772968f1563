/**
 * Progress reporting and cancellation for long work, independent of any UI toolkit.
 * <p>
 * The workbench adapts {@link org.qbi.core.progress.ProgressMonitor} to an Eclipse Job's monitor, the
 * {@code qbi} command to a progress bar on stderr; library code only ever sees this interface.
 *
 * @since 0.1
 */
package org.qbi.core.progress;
