package org.qbi.ui.ops.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Operators;

/**
 * What the palette shows: the operators grouped by category (in {@link Operators#all()}'s order), those a filter
 * keeps, and the plugins that failed to load as one group of their own (never filtered away: a broken plugin
 * must stay visible).
 */
final class PaletteModel {

    /** The palette group of plugins that failed to load. */
    static final String PROBLEMS = "Plugins that failed to load";

    /** A palette group: a category and its operators, or the problems group. */
    record Group(String name, List<Object> children) {
        boolean isProblems() {
            return name.equals(PROBLEMS);
        }
    }

    /** A plugin that failed to load, with the registry's message (it names the plugin and why). */
    record Problem(String message) {
        /** The plugin's name from a message "plugin NAME: ...", or the whole message. */
        String plugin() {
            if (message.startsWith("plugin ") && message.indexOf(':') > 7) {
                return message.substring(7, message.indexOf(':'));
            }
            return message;
        }
    }

    private PaletteModel() {
    }

    /** The groups to show for {@code filter} (words that must all occur in the id, name, category or description). */
    static List<Group> groups(Operators operators, String filter) {
        Map<String, List<Object>> byCategory = new LinkedHashMap<>();
        for (Operators.Installed installed : operators.all()) {
            if (matches(installed.spec(), filter)) {
                String category = installed.spec().category().isEmpty() ? "Other" : installed.spec().category();
                byCategory.computeIfAbsent(category, c -> new ArrayList<>()).add(installed);
            }
        }
        List<Group> groups = new ArrayList<>();
        byCategory.forEach((name, members) -> groups.add(new Group(name, List.copyOf(members))));
        List<Object> problems = operators.problems().stream().<Object>map(Problem::new).toList();
        if (!problems.isEmpty()) {
            groups.add(new Group(PROBLEMS, problems));
        }
        return groups;
    }

    /** True when every word of {@code filter} occurs (ignoring case) in the spec's id, name, category or description. */
    static boolean matches(OperatorSpec spec, String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String haystack = (spec.id() + " " + spec.name() + " " + spec.category() + " " + spec.description())
                .toLowerCase(Locale.ROOT);
        for (String word : filter.strip().toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** The details shown for a selected operator: what it does, its reference, ports, parameters, plugin. */
    static String details(Operators.Installed installed) {
        OperatorSpec spec = installed.spec();
        StringBuilder text = new StringBuilder();
        text.append(spec.name()).append("  (").append(spec.id()).append(")\n\n");
        text.append(spec.description()).append("\n");
        if (!spec.reference().isEmpty()) {
            text.append("\nReference: ").append(spec.reference()).append("\n");
        }
        if (!spec.outputType().isEmpty()) {
            text.append("Output type: ").append(spec.outputType()).append("\n");
        }
        text.append("\nInputs: ").append(String.join(", ", spec.inputs().stream()
                .map(p -> p.name() + " (" + p.kind().name().toLowerCase(Locale.ROOT) + (p.optional() ? ", optional" : "")
                        + ")").toList()));
        text.append("\nOutputs: ").append(String.join(", ", spec.outputs().stream()
                .map(p -> p.name() + " (" + p.kind().name().toLowerCase(Locale.ROOT) + ")").toList()));
        text.append("\nParameters: ").append(spec.parameters().isEmpty() ? "none"
                : String.join(", ", spec.parameters().stream().map(Object::toString).toList()));
        text.append("\nPlugin: ").append(installed.plugin()).append(' ').append(installed.version());
        return text.toString();
    }
}
