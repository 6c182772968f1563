/**
 * The neutron imaging lab's workbench contributions: the Neutron Dose view ({@link DoseView}) and the command
 * that shows it. Uses only the platform's API (org.qbi.ui.viewer's ShownImage to follow the Image editor,
 * org.qbi.io to open images) and the lab's org.qbi.lab.neutron.ops.
 */
package org.qbi.lab.neutron.ui.internal;
