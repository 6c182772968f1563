package org.qbi.ui.workflow.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.Step;

/**
 * A step's parameters as edited in the Pipeline view: blank text means the operator's default (the parameter is
 * left out of the file), a catalog binding ({@code ${sample.x}}) is kept as written and checked when the run binds
 * it, any other text must be accepted by the operator's {@link Param#parse}.
 */
final class StepParameters {

    private StepParameters() {
    }

    /**
     * The pipeline with step {@code stepId}'s parameters set to {@code texts}.
     *
     * @param spec the step's operator, or null when it is not installed (the texts are then taken unchecked)
     * @throws IllegalArgumentException with {@link Param#parse}'s message when a text is not a valid value
     */
    static Pipeline with(Pipeline pipeline, String stepId, Map<String, String> texts, OperatorSpec spec) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : texts.entrySet()) {
            String text = entry.getValue().strip();
            if (text.isEmpty()) {
                continue;
            }
            if (spec != null && !text.contains("${")) {
                Param<?> param = spec.parameter(entry.getKey()).orElseThrow(() -> new IllegalArgumentException(
                        spec.id() + " has no parameter '" + entry.getKey() + "'"));
                param.parse(text);
            }
            parameters.put(entry.getKey(), text);
        }
        List<Step> steps = new ArrayList<>();
        for (Step step : pipeline.steps()) {
            steps.add(step.id().equals(stepId) ? new Step(step.id(), step.operator(), step.inputs(), parameters) : step);
        }
        return new Pipeline(pipeline.name(), pipeline.description(), pipeline.inputs(), steps, pipeline.outputs(),
                pipeline.sweep(), pipeline.samples(), pipeline.distribute());
    }
}
