package org.qbi.plugins;

import java.nio.file.Path;

/**
 * One plugin or feature lying in the product's {@code dropins/} folder, and what became of it.
 *
 * @param path         the jar or folder
 * @param kind         {@code plugin} or {@code feature}
 * @param id           the bundle's symbolic name or the feature's id ({@code ?} when it is neither readable)
 * @param version      its version
 * @param state        {@code ACTIVE}, {@code STARTING}, {@code RESOLVED}, or {@code NOT LOADED} for a plugin;
 *                     {@code INSTALLED} or {@code NOT LOADED} for a feature
 * @param problem      why it is not loaded (a missing requirement, an unreadable manifest), empty when it is
 * @since 0.1
 */
public record DropinsEntry(Path path, String kind, String id, String version, String state, String problem) {

    /** Whether it cannot be loaded (as opposed to loaded, or waiting for the next start). */
    public boolean isFailed() {
        return state.equals("NOT LOADED") && !problem.isEmpty() && !problem.contains("next start");
    }

    /** One line for a terminal: {@code plugin version (path): problem}. */
    @Override
    public String toString() {
        return id + " " + version + " (" + path + "): " + (problem.isEmpty() ? state : problem);
    }
}
