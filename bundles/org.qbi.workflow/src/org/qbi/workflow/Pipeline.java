package org.qbi.workflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An analysis as a directed acyclic graph of operator steps, run once per sample (and per parameter combination of
 * a sweep). Read and written by {@link PipelineFile}; validated on construction (unique ids, references that
 * exist, no cycle), so a Pipeline is always runnable as far as its own structure goes.
 *
 * @param name        what the user calls it; also the results folder's name
 * @param description free text
 * @param inputs      the per-sample inputs: name to which of the sample's files
 * @param steps       the steps, in an order where every step comes after the steps it uses
 * @param outputs     what is kept: images written to files, tables to the results
 * @param sweep       "step.parameter" to the values to try (every combination is run)
 * @param samples     which samples it runs on by default ({@link SampleFilter}); empty for all
 * @param distribute  how a distributed engine runs a sample: {@value #DISTRIBUTE_AUTO} (default: chunk by chunk
 *                    when its inputs are chunked Zarr stores too large for one executor), {@value #DISTRIBUTE_CHUNKS}
 *                    (always chunk by chunk; the inputs must be chunked Zarr), {@value #DISTRIBUTE_SAMPLES} (each
 *                    sample one task); the local executor ignores it
 * @since 0.1
 */
public record Pipeline(String name, String description, Map<String, Input> inputs, List<Step> steps,
        List<Output> outputs, Map<String, List<String>> sweep, String samples, String distribute) {

    /** @since 0.1 */
    public static final String DISTRIBUTE_AUTO = "auto";
    /** @since 0.1 */
    public static final String DISTRIBUTE_CHUNKS = "chunks";
    /** @since 0.1 */
    public static final String DISTRIBUTE_SAMPLES = "samples";

    /** A pipeline distributed as the engine decides ({@value #DISTRIBUTE_AUTO}). */
    public Pipeline(String name, String description, Map<String, Input> inputs, List<Step> steps, List<Output> outputs,
            Map<String, List<String>> sweep, String samples) {
        this(name, description, inputs, steps, outputs, sweep, samples, DISTRIBUTE_AUTO);
    }

    /** Which of a sample's files feeds a pipeline input: the n-th (from 0), or the first matching a glob. */
    public record Input(String name, int file, String match) {
    }

    /** A kept result: the reference ("step" or "step.port") and the file (images) or table name it is kept as. */
    public record Output(String reference, String file, String table) {
        public boolean isTable() {
            return table != null;
        }
    }

    public Pipeline {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("A pipeline name is letters, digits, '.', '_' and '-' (it names the "
                    + "results folder); got '" + name + "'");
        }
        description = description == null ? "" : description;
        samples = samples == null ? "" : samples.strip();
        distribute = distribute == null || distribute.isBlank() ? DISTRIBUTE_AUTO : distribute.strip();
        if (!List.of(DISTRIBUTE_AUTO, DISTRIBUTE_CHUNKS, DISTRIBUTE_SAMPLES).contains(distribute)) {
            throw new IllegalArgumentException("distribute is auto, chunks or samples; got '" + distribute + "'");
        }
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        outputs = List.copyOf(outputs);
        sweep = Collections.unmodifiableMap(new LinkedHashMap<>(sweep));
        steps = order(inputs.keySet(), steps);
        Set<String> stepIds = new HashSet<>();
        steps.forEach(s -> stepIds.add(s.id()));
        for (Output output : outputs) {
            String step = output.reference().split("\\.", 2)[0];
            if (!stepIds.contains(step)) {
                throw new IllegalArgumentException("Output '" + output.reference() + "' refers to no step; the steps "
                        + "are " + String.join(", ", stepIds));
            }
        }
        for (String key : sweep.keySet()) {
            String[] parts = key.split("\\.", 2);
            if (parts.length != 2 || !stepIds.contains(parts[0])) {
                throw new IllegalArgumentException("Sweep '" + key + "' must name step.parameter of an existing step");
            }
            if (sweep.get(key).isEmpty()) {
                throw new IllegalArgumentException("Sweep '" + key + "' has no values");
            }
        }
    }

    /** The steps in dependency order (Kahn's algorithm, ties in file order); a cycle or a dangling reference fails. */
    private static List<Step> order(Set<String> inputNames, List<Step> steps) {
        Map<String, Step> byId = new LinkedHashMap<>();
        for (Step step : steps) {
            if (!step.id().matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("Step id '" + step.id() + "' must be lower-case letters, digits and "
                        + "'_', starting with a letter");
            }
            if (byId.put(step.id(), step) != null || inputNames.contains(step.id())) {
                throw new IllegalArgumentException("The name '" + step.id() + "' is used twice (steps and inputs share "
                        + "one name space)");
            }
        }
        Map<String, Set<String>> needs = new HashMap<>();
        for (Step step : steps) {
            Set<String> deps = new HashSet<>();
            for (Map.Entry<String, String> in : step.inputs().entrySet()) {
                String source = in.getValue().split("\\.", 2)[0];
                if (inputNames.contains(source)) {
                    continue;
                }
                if (!byId.containsKey(source)) {
                    throw new IllegalArgumentException("Step '" + step.id() + "', input '" + in.getKey() + "': '"
                            + in.getValue() + "' is neither a pipeline input (" + String.join(", ", inputNames)
                            + ") nor a step");
                }
                deps.add(source);
            }
            needs.put(step.id(), deps);
        }
        List<Step> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (ordered.size() < steps.size()) {
            Step next = null;
            for (Step step : steps) {
                if (!done.contains(step.id()) && done.containsAll(needs.get(step.id()))) {
                    next = step;
                    break;
                }
            }
            if (next == null) {
                List<String> stuck = steps.stream().map(Step::id).filter(id -> !done.contains(id)).toList();
                throw new IllegalArgumentException("The steps " + String.join(", ", stuck) + " depend on each other in "
                        + "a cycle; a pipeline is a graph without cycles");
            }
            ordered.add(next);
            done.add(next.id());
        }
        return List.copyOf(ordered);
    }

    /** The step with id {@code id}. */
    public Step step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No step '" + id + "'"));
    }
}
