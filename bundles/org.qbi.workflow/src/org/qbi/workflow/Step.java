package org.qbi.workflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node of a pipeline: an operator run with its inputs wired to pipeline inputs or to other steps' outputs, and
 * its parameters as text. A parameter text may bind a sample catalog field: {@code ${sample.age}},
 * {@code ${sample.group}}, {@code ${sample.id}}.
 *
 * @param id         unique within the pipeline: lower-case letters, digits, '_' ("smooth", "pores")
 * @param operator   the operator id ("filter.gaussian")
 * @param inputs     operator input port to a reference: a pipeline input name, a step id (its first output) or
 *                   "step.port"
 * @param parameters parameter name to its text (canonical or as the user wrote it), possibly with bindings
 * @since 0.1
 */
public record Step(String id, String operator, Map<String, String> inputs, Map<String, String> parameters) {

    public Step {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
