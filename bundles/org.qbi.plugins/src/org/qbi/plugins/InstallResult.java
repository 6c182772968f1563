package org.qbi.plugins;

import java.util.List;

/**
 * What an install or uninstall changed.
 *
 * @param features        the features installed or removed
 * @param restartRequired whether the running platform must restart before the change takes effect (p2 wrote the
 *                        new configuration; the running framework still has the old set of plugins)
 * @since 0.1
 */
public record InstallResult(List<LabFeature> features, boolean restartRequired) {

    public InstallResult {
        features = List.copyOf(features);
    }
}
