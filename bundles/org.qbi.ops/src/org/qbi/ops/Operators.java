package org.qbi.ops;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.qbi.io.registry.ClasspathRegistry;

/**
 * The operators the installed plugins contribute through {@code org.qbi.operators} (and the measurements through
 * {@code org.qbi.measurements}), by id. Each is loaded once; a
 * contribution that fails to load (missing class, broken dependency, duplicate id) is reported by
 * {@link #problems()} naming its plugin and why, and every other operator keeps working.
 *
 * @since 0.1
 */
public final class Operators {

    /** An installed operator and the plugin that contributes it (for provenance). */
    public record Installed(Operator operator, String plugin, String version) {
        public OperatorSpec spec() {
            return operator.spec();
        }
    }

    /**
     * Operators come from {@code org.qbi.operators}; measurements (org.qbi.measure) are operators with table outputs
     * contributed through {@code org.qbi.measurements}, and run the same way.
     */
    private static final List<String> EXTENSION_POINTS = List.of("org.qbi.operators", "org.qbi.measurements");

    private final Map<String, Installed> byId = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private Operators() {
    }

    /** The operators of the running platform's plugins (inside OSGi or on a plain class path). */
    public static Operators installed() {
        return fromRegistry(ClasspathRegistry.current());
    }

    static Operators fromRegistry(IExtensionRegistry registry) {
        Operators operators = new Operators();
        List<IConfigurationElement> elements = new ArrayList<>();
        for (String point : EXTENSION_POINTS) {
            elements.addAll(List.of(registry.getConfigurationElementsFor(point)));
        }
        for (IConfigurationElement element : elements) {
            if (!element.getName().equals("operator") && !element.getName().equals("measurement")) {
                continue;
            }
            String plugin = element.getContributor().getName();
            String version = ClasspathRegistry.version(plugin);
            try {
                Object created = element.createExecutableExtension("class");
                if (!(created instanceof Operator operator)) {
                    operators.problems.add("plugin " + plugin + ": " + element.getAttribute("class")
                            + " is not an org.qbi.ops.Operator");
                    continue;
                }
                operators.add(new Installed(operator, plugin, version));
            } catch (Exception | LinkageError e) {
                operators.problems.add("plugin " + plugin + ": operator " + element.getAttribute("class")
                        + " could not be loaded (" + e + ")");
            }
        }
        return operators;
    }

    /** A registry of the given operators (tests, plain JVMs). */
    public static Operators of(List<Installed> installed) {
        Operators operators = new Operators();
        installed.forEach(operators::add);
        return operators;
    }

    private void add(Installed installed) {
        String id = installed.spec().id();
        Installed first = byId.get(id);
        if (first != null) {
            problems.add("plugin " + installed.plugin() + ": operator id " + id + " is already contributed by "
                    + first.plugin() + "; the first one is used");
            return;
        }
        byId.put(id, installed);
    }

    /** Every operator, by category then id. */
    public List<Installed> all() {
        return byId.values().stream()
                .sorted(Comparator.comparing((Installed i) -> i.spec().category()).thenComparing(i -> i.spec().id()))
                .toList();
    }

    /** The operator with id {@code id}. */
    public Optional<Installed> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The operator with id {@code id}.
     *
     * @throws IllegalArgumentException naming the id and the closest known ids
     */
    public Installed get(String id) {
        Installed installed = byId.get(id);
        if (installed == null) {
            List<String> close = byId.keySet().stream()
                    .filter(known -> known.contains(id) || id.contains(known.substring(known.indexOf('.') + 1))).toList();
            throw new IllegalArgumentException("No operator '" + id + "'"
                    + (close.isEmpty() ? "; `qbi op list` shows the installed ones" : "; did you mean " + String.join(", ", close) + "?"));
        }
        return installed;
    }

    /** Runs operator {@code id} with parameters as text (command line, pipeline). */
    public Outputs run(String id, Map<String, ?> inputs, Map<String, String> parameters, OperatorContext context)
            throws IOException {
        Operator operator = get(id).operator();
        return operator.apply(Inputs.of(operator.spec(), inputs), Arguments.parse(operator.spec(), parameters), context);
    }

    /** Contributions that could not be loaded, each naming its plugin and why. */
    public List<String> problems() {
        return List.copyOf(problems);
    }
}
