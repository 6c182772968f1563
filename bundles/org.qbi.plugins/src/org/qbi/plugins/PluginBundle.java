package org.qbi.plugins;

/**
 * One plugin (OSGi bundle) and its state in the running platform.
 *
 * @param symbolicName the bundle's symbolic name
 * @param version      its version
 * @param state        {@code ACTIVE}, {@code STARTING} (lazy, not used yet), {@code RESOLVED}, {@code INSTALLED}
 *                     (failed to load: see {@link LabExtensions#problems()}), or {@code NOT LOADED} when the
 *                     running platform does not have it yet (installed by p2, loaded at the next start)
 * @since 0.1
 */
public record PluginBundle(String symbolicName, String version, String state) {

    /** Whether the platform runs it (resolved, starting or active). */
    public boolean isLoaded() {
        return state.equals("ACTIVE") || state.equals("STARTING") || state.equals("RESOLVED");
    }
}
