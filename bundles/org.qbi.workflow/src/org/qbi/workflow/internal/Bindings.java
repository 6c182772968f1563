package org.qbi.workflow.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.qbi.project.Sample;

/** Replaces ${sample.id}, ${sample.group}, ${sample.notes} and ${sample.FIELD} in parameter texts. */
public final class Bindings {

    private static final Pattern BINDING = Pattern.compile("\\$\\{sample\\.([A-Za-z0-9_ -]+)}");

    private Bindings() {
    }

    /**
     * The texts with every binding replaced by the sample's value.
     *
     * @throws IllegalArgumentException naming the step, the parameter and the missing field
     */
    public static Map<String, String> resolve(String step, Map<String, String> parameters, Sample sample) {
        Map<String, String> resolved = new LinkedHashMap<>();
        parameters.forEach((name, text) -> {
            Matcher m = BINDING.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String field = m.group(1);
                String value = switch (field) {
                    case "id" -> sample.id();
                    case "group" -> sample.group();
                    case "notes" -> sample.notes();
                    default -> sample.fields().get(field);
                };
                if (value == null || value.isBlank()) {
                    throw new IllegalArgumentException("step '" + step + "', parameter '" + name + "' is bound to "
                            + "${sample." + field + "}, which sample " + sample.id() + " does not have (catalog columns: "
                            + String.join(", ", sample.fields().keySet()) + ")");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            resolved.put(name, out.toString());
        });
        return resolved;
    }
}
