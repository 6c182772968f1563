/**
 * Lab extensions: features a lab publishes in a p2 repository (a folder, a zip or a URL), installed into the
 * running product's own p2 profile without rebuilding it, listed with their bundles, and uninstalled; plugins
 * that failed to load, each named with the OSGi resolver's reason; the product's {@code dropins/} folder.
 * <p>
 * Entry point: {@link org.qbi.plugins.LabExtensions#running()}. Pure Java (no SWT): the headless
 * {@code qbi plugins} command and the workbench's Install Lab Extensions dialog both use it.
 *
 * @since 0.1
 */
package org.qbi.plugins;
