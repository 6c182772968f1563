/**
 * The extension registry outside OSGi: {@link org.qbi.io.registry.ClasspathRegistry} reads the plugin.xml files of a
 * plain class path (plugin jars, or a job jar's bundled declarations) into the Eclipse extension registry and
 * installs it as the default, so every registry of the platform (formats, operators, measurements, statistics,
 * commands) works the same way inside and outside OSGi.
 *
 * @since 0.1
 */
package org.qbi.io.registry;
