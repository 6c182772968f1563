/**
 * The palette, the form, the run job and the preview. Pure logic (grouping and filtering, result file names,
 * the preview's crop) is kept in classes without SWT so the tests can check it directly.
 */
package org.qbi.ui.ops.internal;
