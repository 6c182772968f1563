package org.qbi.ui.workflow.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Port;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.Step;

/**
 * Changes of a pipeline's structure as the Pipeline view makes them: add a step after a node, remove a step, wire a
 * step's input to another node. Each returns a new, validated pipeline ({@link Pipeline}'s constructor refuses
 * cycles and dangling references) or throws with a message the view shows.
 */
final class PipelineEdits {

    private PipelineEdits() {
    }

    /**
     * Adds a step running {@code spec} with every image-like input port wired to {@code source} (a pipeline input,
     * a step id or "step.port"); its id is derived from the operator id and unique.
     *
     * @return the new pipeline; its new step is the last one of {@link #addedStep}
     */
    static Pipeline addStep(Pipeline pipeline, OperatorSpec spec, String source) {
        Map<String, String> inputs = new LinkedHashMap<>();
        for (Port port : spec.inputs()) {
            inputs.put(port.name(), source);
        }
        List<Step> steps = new ArrayList<>(pipeline.steps());
        steps.add(new Step(newId(pipeline, spec.id()), spec.id(), inputs, Map.of()));
        return with(pipeline, steps, pipeline.outputs());
    }

    /** The id {@link #addStep} gives a step of {@code operatorId}. */
    static String newId(Pipeline pipeline, String operatorId) {
        String base = operatorId.substring(operatorId.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
            base = "step_" + base;
        }
        String id = base;
        for (int n = 2; taken(pipeline, id); n++) {
            id = base + "_" + n;
        }
        return id;
    }

    private static boolean taken(Pipeline pipeline, String id) {
        return pipeline.inputs().containsKey(id) || pipeline.steps().stream().anyMatch(s -> s.id().equals(id));
    }

    /**
     * Removes step {@code stepId} and the outputs kept from it.
     *
     * @throws IllegalArgumentException when other steps read from it (rewire or remove them first) or it is the
     *                                  only step
     */
    static Pipeline removeStep(Pipeline pipeline, String stepId) {
        pipeline.step(stepId);
        List<String> readers = new ArrayList<>();
        for (Step step : pipeline.steps()) {
            if (step.inputs().values().stream().anyMatch(r -> r.split("\\.", 2)[0].equals(stepId))) {
                readers.add(step.id());
            }
        }
        if (!readers.isEmpty()) {
            throw new IllegalArgumentException("Step '" + stepId + "' feeds " + String.join(", ", readers)
                    + "; rewire or remove " + (readers.size() == 1 ? "it" : "them") + " first");
        }
        if (pipeline.steps().size() == 1) {
            throw new IllegalArgumentException("A pipeline has at least one step; '" + stepId + "' is the only one");
        }
        List<Step> steps = pipeline.steps().stream().filter(s -> !s.id().equals(stepId)).toList();
        List<Pipeline.Output> outputs = pipeline.outputs().stream()
                .filter(o -> !o.reference().split("\\.", 2)[0].equals(stepId)).toList();
        return with(pipeline, steps, outputs);
    }

    /**
     * Wires input {@code port} of step {@code stepId} to {@code source} (a pipeline input, a step or "step.port").
     *
     * @throws IllegalArgumentException when the step has no such input, the source does not exist or the wiring
     *                                  makes a cycle
     */
    static Pipeline rewire(Pipeline pipeline, String stepId, String port, String source) {
        Step step = pipeline.step(stepId);
        if (!step.inputs().containsKey(port)) {
            throw new IllegalArgumentException("Step '" + stepId + "' has no input '" + port + "'; its inputs are "
                    + String.join(", ", step.inputs().keySet()));
        }
        Map<String, String> inputs = new LinkedHashMap<>(step.inputs());
        inputs.put(port, source.strip());
        List<Step> steps = new ArrayList<>();
        for (Step s : pipeline.steps()) {
            steps.add(s.id().equals(stepId) ? new Step(s.id(), s.operator(), inputs, s.parameters()) : s);
        }
        return with(pipeline, steps, pipeline.outputs());
    }

    private static Pipeline with(Pipeline pipeline, List<Step> steps, List<Pipeline.Output> outputs) {
        Map<String, List<String>> sweep = new LinkedHashMap<>();
        pipeline.sweep().forEach((key, values) -> {
            if (steps.stream().anyMatch(s -> key.startsWith(s.id() + "."))) {
                sweep.put(key, values);
            }
        });
        return new Pipeline(pipeline.name(), pipeline.description(), pipeline.inputs(), steps, outputs, sweep,
                pipeline.samples(), pipeline.distribute());
    }
}
