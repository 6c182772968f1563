package org.qbi.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.qbi.core.io.AtomicFiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * The pipeline file format: YAML (JSON is YAML too), readable and diff-able, kept in a project's {@code pipelines/}
 * folder. Its schema is published as docs/pipeline.schema.json.
 *
 * <pre>
 * qbi-pipeline: 1
 * name: cell-count
 * description: Count the nuclei of each image and measure their size
 * samples: group=microscopy         # optional: which samples by default (qbi run --samples overrides)
 * distribute: auto                  # optional: auto, chunks or samples (how qbi run --engine spark splits work)
 * inputs:
 *   image: {file: 0}                # the sample's first file; or {match: "*.tif"}
 * steps:
 *   - id: smooth
 *     op: filter.gaussian
 *     in: {image: image}
 *     params: {sigma: 1}
 *   - id: mask
 *     op: threshold.otsu
 *     in: {image: smooth}
 *   - id: regions
 *     op: measure.regions
 *     in: {labels: objects, image: image}
 * outputs:
 *   - {from: mask, file: mask.tif}   # images: written per sample
 *   - {from: regions, table: nuclei} # tables: per sample, and into the results store
 * sweep:                             # optional: every combination is run
 *   smooth.sigma: [0.5, 1, 2]
 * </pre>
 *
 * @since 0.1
 */
public final class PipelineFile {

    /** The format version this platform reads and writes. */
    public static final int VERSION = 1;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private PipelineFile() {
    }

    /**
     * Reads a pipeline file.
     *
     * @throws IllegalArgumentException naming the file and what is wrong (with the line for YAML syntax errors)
     */
    public static Pipeline read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses pipeline text; {@code source} names it in messages. */
    public static Pipeline parse(String text, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new IllegalArgumentException(source + ": not valid YAML" + where + ": " + e.getOriginalMessage(), e);
        }
        try {
            return toPipeline(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static Pipeline toPipeline(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a pipeline file is a mapping starting with 'qbi-pipeline: 1'");
        }
        JsonNode version = root.get("qbi-pipeline");
        if (version == null || !version.canConvertToInt()) {
            throw new IllegalArgumentException("missing 'qbi-pipeline: 1' (the format version)");
        }
        if (version.asInt() != VERSION) {
            throw new IllegalArgumentException("format version " + version.asInt() + " is not supported; this QBI "
                    + "reads version " + VERSION);
        }
        known(root, "top level", "qbi-pipeline", "name", "description", "samples", "distribute", "inputs", "steps",
                "outputs", "sweep");
        Map<String, Pipeline.Input> inputs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : fields(root.get("inputs"), "inputs")) {
            JsonNode spec = entry.getValue();
            known(spec, "input '" + entry.getKey() + "'", "file", "match");
            int index = spec.has("file") ? spec.get("file").asInt(-1) : 0;
            if (index < 0) {
                throw new IllegalArgumentException("input '" + entry.getKey() + "': file is the index of the sample's "
                        + "file, from 0");
            }
            inputs.put(entry.getKey(), new Pipeline.Input(entry.getKey(), index,
                    spec.has("match") ? spec.get("match").asText() : null));
        }
        List<Step> steps = new ArrayList<>();
        JsonNode stepsNode = root.get("steps");
        if (stepsNode == null || !stepsNode.isArray() || stepsNode.isEmpty()) {
            throw new IllegalArgumentException("'steps' must be a list of at least one step");
        }
        for (JsonNode node : stepsNode) {
            String id = text(node, "id", "a step");
            known(node, "step '" + id + "'", "id", "op", "in", "params");
            String op = text(node, "op", "step '" + id + "'");
            Map<String, String> in = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : fields(node.get("in"), "step '" + id + "' in")) {
                in.put(e.getKey(), scalar(e.getValue(), "step '" + id + "', input '" + e.getKey() + "'"));
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : fields(node.get("params"), "step '" + id + "' params")) {
                JsonNode value = e.getValue();
                params.put(e.getKey(), value.isArray() ? join(value) : scalar(value, "step '" + id + "', parameter '"
                        + e.getKey() + "'"));
            }
            steps.add(new Step(id, op, in, params));
        }
        List<Pipeline.Output> outputs = new ArrayList<>();
        JsonNode outputsNode = root.get("outputs");
        if (outputsNode != null) {
            if (!outputsNode.isArray()) {
                throw new IllegalArgumentException("'outputs' must be a list");
            }
            for (JsonNode node : outputsNode) {
                known(node, "an output", "from", "file", "table");
                String from = text(node, "from", "an output");
                boolean file = node.has("file");
                boolean table = node.has("table");
                if (file == table) {
                    throw new IllegalArgumentException("output from '" + from + "' needs either 'file' (an image) or "
                            + "'table' (a table)");
                }
                outputs.add(new Pipeline.Output(from, file ? node.get("file").asText() : null,
                        table ? node.get("table").asText() : null));
            }
        }
        Map<String, List<String>> sweep = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : fields(root.get("sweep"), "sweep")) {
            List<String> values = new ArrayList<>();
            if (!e.getValue().isArray()) {
                throw new IllegalArgumentException("sweep '" + e.getKey() + "' must be a list of values");
            }
            e.getValue().forEach(v -> values.add(v.asText()));
            sweep.put(e.getKey(), values);
        }
        return new Pipeline(text(root, "name", "the pipeline"),
                root.has("description") ? root.get("description").asText() : "", inputs, steps, outputs, sweep,
                root.has("samples") ? root.get("samples").asText() : "",
                root.has("distribute") ? root.get("distribute").asText() : Pipeline.DISTRIBUTE_AUTO);
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(v -> parts.add(v.asText()));
        return String.join(",", parts);
    }

    private static void known(JsonNode node, String where, String... keys) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be a mapping");
        }
        List<String> allowed = List.of(keys);
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "' (allowed: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    private static String text(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || value.isContainerNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + " needs '" + key + "'");
        }
        return value.asText();
    }

    private static String scalar(JsonNode value, String where) {
        if (value == null || value.isContainerNode() || value.isNull()) {
            throw new IllegalArgumentException(where + " must be a single value");
        }
        return value.asText();
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("'" + where + "' must be a mapping");
        }
        List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
        node.fields().forEachRemaining(list::add);
        return list;
    }

    /** The pipeline as YAML, in the canonical form {@link #read} reads back to an equal pipeline. */
    public static String format(Pipeline pipeline) {
        ObjectNode root = YAML.createObjectNode();
        root.put("qbi-pipeline", VERSION);
        root.put("name", pipeline.name());
        if (!pipeline.description().isEmpty()) {
            root.put("description", pipeline.description());
        }
        if (!pipeline.samples().isEmpty()) {
            root.put("samples", pipeline.samples());
        }
        if (!pipeline.distribute().equals(Pipeline.DISTRIBUTE_AUTO)) {
            // written only when chosen, so the hash of every pipeline without it stays what it was
            root.put("distribute", pipeline.distribute());
        }
        ObjectNode inputs = root.putObject("inputs");
        for (Pipeline.Input input : pipeline.inputs().values()) {
            ObjectNode spec = inputs.putObject(input.name());
            if (input.match() != null) {
                spec.put("match", input.match());
            } else {
                spec.put("file", input.file());
            }
        }
        ArrayNode steps = root.putArray("steps");
        for (Step step : pipeline.steps()) {
            ObjectNode node = steps.addObject();
            node.put("id", step.id());
            node.put("op", step.operator());
            ObjectNode in = node.putObject("in");
            step.inputs().forEach(in::put);
            if (!step.parameters().isEmpty()) {
                ObjectNode params = node.putObject("params");
                step.parameters().forEach(params::put);
            }
        }
        if (!pipeline.outputs().isEmpty()) {
            ArrayNode outputs = root.putArray("outputs");
            for (Pipeline.Output output : pipeline.outputs()) {
                ObjectNode node = outputs.addObject();
                node.put("from", output.reference());
                if (output.isTable()) {
                    node.put("table", output.table());
                } else {
                    node.put("file", output.file());
                }
            }
        }
        if (!pipeline.sweep().isEmpty()) {
            ObjectNode sweep = root.putObject("sweep");
            pipeline.sweep().forEach((key, values) -> {
                ArrayNode list = sweep.putArray(key);
                values.forEach(list::add);
            });
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write pipeline " + pipeline.name() + " as YAML", e);
        }
    }

    /** Writes the pipeline atomically. */
    public static void write(Pipeline pipeline, Path file) throws IOException {
        AtomicFiles.writeString(file, format(pipeline));
    }

    /** sha256 of the canonical text: the pipeline's identity in provenance records (formatting does not count). */
    public static String hash(Pipeline pipeline) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(format(pipeline).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
