package org.qbi.plugins;

import java.util.List;

/**
 * A feature (a named set of plugins) installed in the product, or offered by a p2 repository.
 *
 * @param id        the feature id, e.g. {@code org.qbi.lab.neutron.feature} (without p2's {@code .feature.group})
 * @param name      its readable name, the id when it has none
 * @param version   its version, e.g. {@code 0.1.0.202611211012}
 * @param vendor    its provider, empty when it names none
 * @param bundles   its plugins with their state in the running platform (empty for a feature of a repository)
 * @param fromDropins whether the dropins folder brought it, so uninstalling means removing it from there
 * @since 0.1
 */
public record LabFeature(String id, String name, String version, String vendor, List<PluginBundle> bundles,
        boolean fromDropins) {

    public LabFeature {
        bundles = List.copyOf(bundles);
    }
}
