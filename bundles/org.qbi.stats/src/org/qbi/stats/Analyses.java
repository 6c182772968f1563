package org.qbi.stats;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.qbi.io.registry.ClasspathRegistry;

/**
 * The analyses the installed plugins contribute through extension point {@code org.qbi.statistics}, the built-in
 * ones included. A contribution that fails to load is reported by {@link #problems()} naming its plugin, and the
 * others keep working; two with the same id: the first loaded wins and the second is a problem.
 *
 * @since 0.1
 */
public final class Analyses {

    /** The extension point id. */
    public static final String EXTENSION_POINT = "org.qbi.statistics";

    private final List<Analysis<?>> analyses = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private Analyses(IExtensionRegistry registry) {
        for (IConfigurationElement element : registry.getConfigurationElementsFor(EXTENSION_POINT)) {
            String plugin = element.getContributor().getName();
            try {
                Object created = element.createExecutableExtension("class");
                if (!(created instanceof Analysis<?> analysis)) {
                    problems.add("plugin " + plugin + ": " + element.getAttribute("class") + " does not implement "
                            + Analysis.class.getName());
                    continue;
                }
                if (analyses.stream().anyMatch(a -> a.id().equals(analysis.id()))) {
                    problems.add("plugin " + plugin + ": analysis id '" + analysis.id() + "' is taken; "
                            + element.getAttribute("class") + " is ignored");
                    continue;
                }
                analyses.add(analysis);
            } catch (CoreException | RuntimeException | LinkageError e) {
                problems.add("plugin " + plugin + ": analysis " + element.getAttribute("class")
                        + " could not be loaded (" + e + ")");
            }
        }
    }

    /** The analyses of the running platform's plugins. */
    public static Analyses installed() {
        return new Analyses(ClasspathRegistry.current());
    }

    /** All analyses, in contribution order. */
    public List<Analysis<?>> all() {
        return List.copyOf(analyses);
    }

    /** The analyses that take {@code dataType}. */
    @SuppressWarnings("unchecked")
    public <D> List<Analysis<D>> forData(Class<D> dataType) {
        List<Analysis<D>> matching = new ArrayList<>();
        for (Analysis<?> analysis : analyses) {
            if (analysis.dataType() == dataType) {
                matching.add((Analysis<D>) analysis);
            }
        }
        return matching;
    }

    /**
     * The analysis {@code id} taking {@code dataType}.
     *
     * @throws IllegalArgumentException listing the ids there are
     */
    public <D> Analysis<D> find(String id, Class<D> dataType) {
        for (Analysis<D> analysis : forData(dataType)) {
            if (analysis.id().equals(id)) {
                return analysis;
            }
        }
        throw new IllegalArgumentException("No analysis '" + id + "' of " + dataType.getSimpleName() + "; there are "
                + forData(dataType).stream().map(Analysis::id).toList());
    }

    /** Contributions that could not be loaded, each naming its plugin and why. */
    public List<String> problems() {
        return List.copyOf(problems);
    }
}
