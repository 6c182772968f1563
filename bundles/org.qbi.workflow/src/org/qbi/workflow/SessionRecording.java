package org.qbi.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Interactive work as a pipeline: the operator runs of a session (each described by the provenance sidecar it wrote,
 * {@code OUT.provenance.json}, in the order they ran) become the steps of a {@link Pipeline} that repeats them on
 * every sample.
 * <p>
 * A run whose input is a file an earlier run of the session wrote is wired to that run's step and port; any other
 * input file becomes a pipeline input (the first such file is the sample's file 0, the next file 1, ...). Every
 * parameter is kept in its canonical text, defaults included, so a later change of a default does not change what
 * the pipeline does. Every image the session wrote is kept as a file named after its step (and port), every table
 * as a table of that name: a run of the pipeline on the same image gives the session's results again, pixel for
 * pixel.
 *
 * @since 0.1
 */
public final class SessionRecording {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionRecording() {
    }

    /**
     * The pipeline named {@code name} that repeats the runs whose sidecars are {@code sidecars} (oldest first).
     *
     * @throws IllegalArgumentException naming the sidecar that is not a provenance record of one operator run
     * @throws IOException              when a sidecar cannot be read
     */
    public static Pipeline toPipeline(String name, String description, List<Path> sidecars) throws IOException {
        if (sidecars.isEmpty()) {
            throw new IllegalArgumentException("Nothing recorded yet: run an operator (Operators palette, Run) first");
        }
        Map<Path, String> produced = new LinkedHashMap<>(); // file written by the session -> "step.port"
        Map<Path, String> inputs = new LinkedHashMap<>(); // file read from outside -> pipeline input name
        Set<String> ids = new HashSet<>();
        List<Step> steps = new ArrayList<>();
        List<Pipeline.Output> outputs = new ArrayList<>();
        Set<String> keptFiles = new HashSet<>();
        for (Path sidecar : sidecars) {
            JsonNode step = JSON.readTree(sidecar.toFile()).path("step");
            String operator = step.path("operator").asText("");
            if (operator.isEmpty() || !step.path("outputs").isObject()) {
                throw new IllegalArgumentException(sidecar + " is not the provenance record of an operator run (no "
                        + "step.operator or step.outputs)");
            }
            String id = uniqueId(operator, ids);
            Map<String, String> wiring = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> in : step.path("inputs").properties()) {
                Path file = normalized(in.getValue().path("location").asText());
                String reference = produced.get(file);
                if (reference == null) {
                    reference = inputs.computeIfAbsent(file, f -> inputName(inputs.size()));
                }
                wiring.put(in.getKey(), reference);
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            step.path("parameters").properties().forEach(p -> parameters.put(p.getKey(), p.getValue().asText()));
            steps.add(new Step(id, operator, wiring, parameters));
            JsonNode outs = step.path("outputs");
            boolean several = outs.size() > 1;
            for (Map.Entry<String, JsonNode> out : outs.properties()) {
                String reference = id + "." + out.getKey();
                produced.put(normalized(out.getValue().path("location").asText()), reference);
                String stem = several ? id + "-" + out.getKey() : id;
                boolean table = out.getValue().path("location").asText().toLowerCase(java.util.Locale.ROOT)
                        .endsWith(".csv");
                String kept = table ? stem.replace('-', '_') : stem + ".tif";
                if (keptFiles.add(kept)) {
                    outputs.add(table ? new Pipeline.Output(reference, null, kept)
                            : new Pipeline.Output(reference, kept, null));
                }
            }
        }
        Map<String, Pipeline.Input> pipelineInputs = new LinkedHashMap<>();
        int index = 0;
        for (String input : inputs.values()) {
            pipelineInputs.put(input, new Pipeline.Input(input, index++, null));
        }
        return new Pipeline(name, description, pipelineInputs, steps, outputs, Map.of(), "");
    }

    /** The files the session read from outside, in the order the pipeline's inputs take them (file 0, 1, ...). */
    public static List<Path> externalInputs(List<Path> sidecars) throws IOException {
        Set<Path> produced = new HashSet<>();
        Set<Path> external = new java.util.LinkedHashSet<>();
        for (Path sidecar : sidecars) {
            JsonNode step = JSON.readTree(sidecar.toFile()).path("step");
            for (JsonNode in : step.path("inputs")) {
                Path file = normalized(in.path("location").asText());
                if (!produced.contains(file)) {
                    external.add(file);
                }
            }
            for (JsonNode out : step.path("outputs")) {
                produced.add(normalized(out.path("location").asText()));
            }
        }
        return List.copyOf(external);
    }

    private static Path normalized(String location) {
        return Path.of(location).toAbsolutePath().normalize();
    }

    private static String inputName(int n) {
        return n == 0 ? "image" : "image" + (n + 1);
    }

    /** "filter.gaussian" to "gaussian", then "gaussian_2" ... (step ids are lower-case letters, digits, '_'). */
    private static String uniqueId(String operator, Set<String> taken) {
        String base = operator.substring(operator.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
            base = "step_" + base;
        }
        if (base.equals("image") || base.startsWith("image") && base.substring(5).matches("\\d*")) {
            base = "op_" + base; // inputs and steps share one name space
        }
        String id = base;
        for (int n = 2; !taken.add(id); n++) {
            id = base + "_" + n;
        }
        return id;
    }
}
