/**
 * QBI projects in the Eclipse workspace: the project nature that marks them and their creation with the
 * {@link org.qbi.project.ProjectLayout} in place. Uses org.eclipse.core.resources, never the UI.
 *
 * @since 0.1
 */
package org.qbi.project.workspace;
