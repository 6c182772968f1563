/**
 * The QBI Workbench application: perspective ids, preference keys and the parts other UI bundles place into
 * perspectives. The application, advisors, perspectives, About and the user guide live in {@code internal}.
 *
 * @since 0.1
 */
package org.qbi.ui.workbench;
