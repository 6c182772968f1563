package org.qbi.plugins;

/**
 * A plugin that failed to load: present in the platform (or in the dropins folder) but not resolved, with the
 * resolver's reason (a missing plugin or package, a version outside the accepted range, a Java version).
 *
 * @param symbolicName the plugin's symbolic name
 * @param version      its version
 * @param location     where it comes from (a file or folder)
 * @param reason       why it cannot be loaded, in the resolver's words, e.g. {@code Missing Require-Bundle:
 *                     org.qbi.lab.missing [1.0.0,2.0.0)}
 * @since 0.1
 */
public record PluginProblem(String symbolicName, String version, String location, String reason) {

    /** One line for a terminal: {@code plugin version: reason (location)}. */
    @Override
    public String toString() {
        return symbolicName + " " + version + " could not be loaded: " + reason + " (" + location + ")";
    }
}
