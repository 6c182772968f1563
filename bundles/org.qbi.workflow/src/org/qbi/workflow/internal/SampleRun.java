package org.qbi.workflow.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.io.AtomicFiles;
import org.qbi.core.io.FileTrees;
import org.qbi.core.platform.PlatformInfo;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.core.table.Column;
import org.qbi.core.table.Table;
import org.qbi.io.ImageFormats;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.ops.Outputs;
import org.qbi.ops.StepRecord;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.workflow.InputFiles;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.Step;
import org.qbi.workflow.StepEngine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Runs a pipeline on one sample and one parameter combination: opens its inputs, computes the content key,
 * runs the steps (re-using results of identical steps from earlier combinations of the same sample), and writes
 * the outputs and the provenance record into a fresh folder that replaces the sample's result folder only when
 * everything is written.
 */
public final class SampleRun {

    /** File name of the provenance record in each result folder. */
    public static final String PROVENANCE = "provenance.json";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Pipeline pipeline;
    private final String pipelineHash;
    private final String runId;
    private final ProjectLayout project;
    private final Operators operators;
    private final ImageFormats formats;
    private final Map<String, Outputs> stepCache;
    private Map<String, String> engine = Map.of("engine", "local");
    private InputFiles inputs;
    private boolean releasing;
    private StepEngine steps = StepEngine.IN_MEMORY;
    private Publisher publisher = SampleRun::publishNow;

    /** Puts a sample's finished staging folder in place of its result folder. */
    @FunctionalInterface
    public interface Publisher {
        void publish(Path staging, Path directory) throws IOException;
    }

    /**
     * Publishes at once on the calling thread: the staging folder's files forced to disk, then renamed to
     * {@code directory} (see {@link ResultFolders}); the staging folder is gone afterwards, also on failure.
     */
    public static void publishNow(Path staging, Path directory) throws IOException {
        try {
            ResultFolders.replace(staging, directory);
        } finally {
            FileTrees.deleteTree(staging);
        }
    }

    /**
     * @param stepCache results of steps by content key, shared by the combinations of one sample
     */
    public SampleRun(Pipeline pipeline, String pipelineHash, String runId, ProjectLayout project, Operators operators,
            ImageFormats formats, Map<String, Outputs> stepCache) {
        this.pipeline = pipeline;
        this.pipelineHash = pipelineHash;
        this.runId = runId;
        this.project = project;
        this.operators = operators;
        this.formats = formats;
        this.stepCache = stepCache;
        this.inputs = entry -> {
            if (Sample.isLocation(entry)) {
                throw new IllegalArgumentException(entry + " is on another file system: the Spark engine reads such "
                        + "locations (qbi run --engine spark); the local engine reads files inside the project");
            }
            return project.resolve(entry);
        };
    }

    /** Where the sample's file entries are read from (by default the project's files; a location is refused). */
    public SampleRun withInputs(InputFiles value) {
        this.inputs = value;
        return this;
    }

    /** Records {@code value} (engine, master, version) as what ran the sample, in its provenance. */
    public SampleRun withEngine(Map<String, String> value) {
        this.engine = Map.copyOf(value);
        return this;
    }

    /** Makes finished samples go in place through {@code value} (e.g. on another thread) instead of at once. */
    public SampleRun publishingWith(Publisher value) {
        this.publisher = value;
        return this;
    }

    /** Opens inputs, computes steps and writes output images with {@code value} instead of in memory. */
    public SampleRun withSteps(StepEngine value) {
        this.steps = value;
        return this;
    }

    /**
     * Makes the run give back the memory of every image it computes as soon as no later step and no output needs
     * it, and of the outputs once they are written, so the next step or sample reuses that memory at once instead
     * of after a garbage collection (see {@code ZeroedMemory}). The step cache then receives nothing and
     * {@link Result#steps()} is empty: for batch runs, not for interactive ones that show intermediate results.
     */
    public SampleRun releasing() {
        this.releasing = true;
        return this;
    }

    /**
     * What the run of one sample produced.
     *
     * @param computed the steps computed by this run, in order
     * @param reused   the steps whose outputs came from the step cache (same operator, parameters and inputs)
     * @param steps    every step's outputs, by step id (empty when skipped)
     * @param keys     the step cache keys this run used
     * @param csv      each table's CSV file as written, by table name (empty when skipped)
     */
    public record Result(boolean skipped, Path directory, Map<String, Table> tables, Map<String, Object> provenance,
            List<String> computed, List<String> reused, Map<String, Outputs> steps, Set<String> keys,
            Map<String, byte[]> csv) {
    }

    /**
     * Runs the sample unless its result folder holds the same content key; returns where the results are.
     *
     * @param variant   swept parameters ("step.param" to text) of this combination
     * @param overrides further "step.param" values applied after the variant (qbi verify replays recorded values)
     * @param directory the sample's result folder
     * @param force     run even when up to date
     */
    public Result run(Sample sample, Map<String, String> variant, Map<String, String> overrides, Path directory,
            boolean force, OperatorContext context) throws IOException {
        return run(sample, variant, overrides, directory, force, Set.of(), context);
    }

    /**
     * As {@link #run(Sample, Map, Map, Path, boolean, OperatorContext)}, computing the steps of {@code recompute}
     * anew even when the step cache holds their outputs (re-running from a node of the graph).
     */
    public Result run(Sample sample, Map<String, String> variant, Map<String, String> overrides, Path directory,
            boolean force, Set<String> recompute, OperatorContext context) throws IOException {
        Instant started = Instant.now();
        Map<String, Image> opened = new LinkedHashMap<>();
        Map<String, Outputs> results = new LinkedHashMap<>();
        try {
            Map<String, Map<String, Object>> inputRecords = new LinkedHashMap<>();
            List<String> keyParts = new ArrayList<>(List.of(pipelineHash, variant.toString()));
            for (Pipeline.Input input : pipeline.inputs().values()) {
                String relative = inputFile(sample, input);
                Path file = inputs.locate(relative);
                if (!Files.exists(file)) {
                    throw new IllegalArgumentException("input '" + input.name() + "': " + relative + " does not exist");
                }
                Image image = steps.open(file, formats);
                opened.put(input.name(), image);
                String fingerprint = Fingerprint.of(image, ProgressMonitor.NULL);
                inputRecords.put(input.name(), Map.of("file", relative, "fingerprint", fingerprint));
                keyParts.add(input.name() + "=" + fingerprint);
            }
            Map<String, Map<String, String>> bound = new LinkedHashMap<>();
            for (Step step : pipeline.steps()) {
                Map<String, String> params = new LinkedHashMap<>(step.parameters());
                for (Map<String, String> values : List.of(variant, overrides)) {
                    values.forEach((key, value) -> {
                        if (key.startsWith(step.id() + ".")) {
                            params.put(key.substring(step.id().length() + 1), value);
                        }
                    });
                }
                Map<String, String> resolved = Bindings.resolve(step.id(), params, sample);
                Operators.Installed installed = operator(step);
                Map<String, String> canonical;
                try {
                    canonical = Arguments.parse(installed.spec(), resolved).asText();
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("step '" + step.id() + "': " + e.getMessage(), e);
                }
                bound.put(step.id(), canonical);
                keyParts.add(step.id() + "=" + installed.spec().id() + "@" + installed.version() + canonical);
            }
            String key = Hashing.sha256(keyParts.toArray(String[]::new));
            if (!force && upToDate(directory, key)) {
                return new Result(true, directory, Map.of(), Map.of(), List.of(), List.of(), Map.of(), Set.of(),
                        Map.of());
            }
            Map<String, Integer> lastUse = releasing ? lastUses() : Map.of();
            Map<String, String> stepKeys = new LinkedHashMap<>();
            List<Map<String, Object>> stepRecords = new ArrayList<>();
            List<String> computed = new ArrayList<>();
            List<String> reused = new ArrayList<>();
            for (Step step : pipeline.steps()) {
                context.monitor().checkCanceled("pipeline " + pipeline.name());
                Operators.Installed installed = operator(step);
                Map<String, Object> inputs = new LinkedHashMap<>();
                List<String> stepKeyParts = new ArrayList<>(List.of(installed.spec().id(), installed.version(),
                        bound.get(step.id()).toString()));
                Map<String, String> inputSources = new LinkedHashMap<>();
                for (Map.Entry<String, String> in : step.inputs().entrySet()) {
                    String reference = in.getValue();
                    Object value;
                    String sourceKey;
                    if (opened.containsKey(reference)) {
                        value = opened.get(reference);
                        sourceKey = (String) inputRecords.get(reference).get("fingerprint");
                    } else {
                        String[] parts = reference.split("\\.", 2);
                        Outputs outputs = results.get(parts[0]);
                        try {
                            value = parts.length == 1 ? outputs.asMap().values().iterator().next()
                                    : outputs.asMap().get(parts[1]);
                        } catch (java.util.NoSuchElementException e) {
                            value = null;
                        }
                        if (value == null) {
                            throw new IllegalArgumentException("step '" + step.id() + "': step '" + parts[0]
                                    + "' has no output '" + (parts.length == 1 ? "(any)" : parts[1]) + "'; it has "
                                    + outputs.asMap().keySet());
                        }
                        sourceKey = stepKeys.get(parts[0]) + "/" + reference;
                    }
                    inputs.put(in.getKey(), value);
                    stepKeyParts.add(in.getKey() + "=" + sourceKey);
                    inputSources.put(in.getKey(), reference);
                }
                String stepKey = Hashing.sha256(stepKeyParts.toArray(String[]::new));
                Outputs outputs = recompute.contains(step.id()) ? null : stepCache.get(stepKey);
                (outputs == null ? computed : reused).add(step.id());
                if (outputs == null) {
                    try {
                        outputs = steps.compute(step, installed, Inputs.of(installed.spec(), inputs),
                                Arguments.parse(installed.spec(), bound.get(step.id())), context);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("step '" + step.id() + "' (" + installed.spec().id() + "): "
                                + e.getMessage(), e);
                    }
                    if (!releasing) {
                        stepCache.put(stepKey, outputs);
                    }
                }
                results.put(step.id(), outputs);
                if (releasing) {
                    releaseUnneeded(results, opened, lastUse, results.size() - 1);
                }
                stepKeys.put(step.id(), stepKey);
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("id", step.id());
                record.put("operator", installed.spec().id());
                record.put("plugin", installed.plugin());
                record.put("version", installed.version());
                record.put("parameters", bound.get(step.id()));
                record.put("inputs", inputSources);
                record.put("key", stepKey);
                stepRecords.add(record);
            }
            Result written = write(sample, variant, directory, key, started, inputRecords, stepRecords, results);
            return new Result(false, directory, written.tables(), written.provenance(), List.copyOf(computed),
                    List.copyOf(reused), releasing ? Map.of() : Map.copyOf(results), Set.copyOf(stepKeys.values()),
                    written.csv());
        } finally {
            if (releasing) {
                // written, or failed: nothing reads this run's images any more
                releaseUnneeded(results, opened, Map.of(), Integer.MAX_VALUE);
            }
            for (Image image : opened.values()) {
                image.close();
            }
        }
    }

    /**
     * For each step, the index of the last step that reads one of its outputs; {@link Integer#MAX_VALUE} for the
     * steps the pipeline's outputs name (needed until they are written).
     */
    private Map<String, Integer> lastUses() {
        Map<String, Integer> last = new LinkedHashMap<>();
        List<Step> steps = pipeline.steps();
        for (int i = 0; i < steps.size(); i++) {
            last.putIfAbsent(steps.get(i).id(), i);
            for (String reference : steps.get(i).inputs().values()) {
                last.put(reference.split("\\.", 2)[0], i);
            }
        }
        for (Pipeline.Output output : pipeline.outputs()) {
            last.put(output.reference().split("\\.", 2)[0], Integer.MAX_VALUE);
        }
        return last;
    }

    /**
     * Closes the in-memory images of the steps whose last use is at or before step {@code done}, except those
     * whose memory is also held by an image still needed (an operator may return its input, or a view of it) or by
     * an opened input.
     */
    private static void releaseUnneeded(Map<String, Outputs> results, Map<String, Image> opened,
            Map<String, Integer> lastUse, int done) throws IOException {
        List<ArrayImage> release = new ArrayList<>();
        Set<Object> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Set<Object> keptMemory = new java.util.HashSet<>();
        for (Image image : opened.values()) {
            keep(image, kept, keptMemory);
        }
        for (Map.Entry<String, Outputs> step : results.entrySet()) {
            boolean needed = lastUse.getOrDefault(step.getKey(), Integer.MAX_VALUE) > done;
            for (Object value : step.getValue().asMap().values()) {
                if (needed) {
                    keep(value, kept, keptMemory);
                } else if (value instanceof ArrayImage image) {
                    release.add(image);
                }
            }
        }
        for (ArrayImage image : release) {
            if (!kept.contains(image) && !keptMemory.contains(memoryOf(image))) {
                image.close();
            }
        }
    }

    private static void keep(Object value, Set<Object> kept, Set<Object> keptMemory) {
        kept.add(value);
        if (value instanceof ArrayImage image) {
            keptMemory.add(memoryOf(image));
        }
    }

    /** What owns the image's memory: images sharing it (views, slices) have the same scope. */
    private static Object memoryOf(ArrayImage image) {
        return image.values().scope();
    }

    private Operators.Installed operator(Step step) {
        try {
            return operators.get(step.operator());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("step '" + step.id() + "': " + e.getMessage(), e);
        }
    }

    /** The project-relative file of {@code sample} feeding pipeline input {@code input}. */
    public static String inputFile(Sample sample, Pipeline.Input input) {
        if (input.match() != null) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + input.match());
            return sample.files().stream().filter(f -> matcher.matches(Path.of(f).getFileName())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("input '" + input.name() + "': no file of sample "
                            + sample.id() + " matches '" + input.match() + "' (files: " + sample.files() + ")"));
        }
        if (input.file() >= sample.files().size()) {
            throw new IllegalArgumentException("input '" + input.name() + "' is file " + input.file() + " of the sample, "
                    + "but sample " + sample.id() + " has " + sample.files().size() + " file(s)");
        }
        return sample.files().get(input.file());
    }

    private static boolean upToDate(Path directory, String key) {
        Path record = directory.resolve(PROVENANCE);
        if (!Files.isRegularFile(record)) {
            return false;
        }
        try {
            return key.equals(JSON.readTree(record.toFile()).path("key").asText());
        } catch (IOException e) {
            return false;
        }
    }

    private Result write(Sample sample, Map<String, String> variant, Path directory, String key, Instant started,
            Map<String, Map<String, Object>> inputRecords, List<Map<String, Object>> stepRecords,
            Map<String, Outputs> results) throws IOException {
        Files.createDirectories(directory.getParent());
        // not createTempDirectory: its owner-only permissions would stay on the result folder of a shared project
        Path staging = Files.createDirectory(directory.getParent().resolve(".staging-" + directory.getFileName() + "-"
                + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong())));
        boolean handedOver = false;
        try {
            Map<String, Object> outputRecords = new LinkedHashMap<>();
            Map<String, Table> tables = new LinkedHashMap<>();
            Map<String, byte[]> csv = new LinkedHashMap<>();
            for (Pipeline.Output output : pipeline.outputs()) {
                String[] parts = output.reference().split("\\.", 2);
                Outputs outputs = results.get(parts[0]);
                Object value = parts.length == 1 ? outputs.asMap().values().iterator().next() : outputs.asMap().get(parts[1]);
                if (value == null) {
                    throw new IllegalArgumentException("output '" + output.reference() + "': step '" + parts[0]
                            + "' has no such output; it has " + outputs.asMap().keySet());
                }
                if (output.isTable()) {
                    if (!(value instanceof Table table)) {
                        throw new IllegalArgumentException("output '" + output.reference() + "' is an image; keep it "
                                + "with 'file:', not 'table:'");
                    }
                    Table keyed = keyed(output.table(), table, sample, variant);
                    Path file = staging.resolve(output.table() + ".csv");
                    // formatted once: the bytes are written, hashed and kept for the run's combined table
                    StringBuilderWriter text = new StringBuilderWriter(64 * (keyed.rowCount() + 1));
                    keyed.writeCsv(text);
                    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                    ResultFolders.writeNew(file, bytes);
                    tables.put(output.table(), keyed);
                    csv.put(output.table(), bytes);
                    outputRecords.put(output.table(), Map.of("file", file.getFileName().toString(), "rows",
                            keyed.rowCount(), "sha256", Hashing.sha256(bytes)));
                } else {
                    if (!(value instanceof Image image)) {
                        throw new IllegalArgumentException("output '" + output.reference() + "' is a table; keep it "
                                + "with 'table:', not 'file:'");
                    }
                    Path file = staging.resolve(output.file());
                    Map<String, Object> record = Map.of("file", output.file(), "fingerprint",
                            Fingerprint.of(image, ProgressMonitor.NULL));
                    // the image carries its provenance in its own metadata as well (where its format has a place)
                    Map<String, Object> embedded = new LinkedHashMap<>(header(sample, variant, key, inputRecords,
                            stepRecords));
                    embedded.put("output", record);
                    String json = JSON.writeValueAsString(embedded);
                    if (!steps.write(image, file, json)) {
                        // forced to disk with the folder's other files when it is published
                        try (AutoCloseable deferred = AtomicFiles.deferringForce(staging)) {
                            formats.writerFor(file).write(image, file, json, ProgressMonitor.NULL);
                        } catch (IOException | RuntimeException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    outputRecords.put(output.file(), record);
                }
            }
            Map<String, Object> provenance = header(sample, variant, key, inputRecords, stepRecords);
            provenance.put("outputs", outputRecords);
            provenance.put("platform_version", PlatformInfo.platformVersion());
            provenance.put("java_version", PlatformInfo.javaVersion());
            provenance.put("engine", new java.util.TreeMap<>(engine));
            provenance.put("started", started.toString());
            provenance.put("finished", Instant.now().toString());
            ResultFolders.writeNew(staging.resolve(PROVENANCE),
                    (JSON.writeValueAsString(provenance) + "\n").getBytes(StandardCharsets.UTF_8));
            handedOver = true;
            publisher.publish(staging, directory);
            return new Result(false, directory, tables, provenance, List.of(), List.of(), Map.of(), Set.of(), csv);
        } finally {
            if (!handedOver) {
                FileTrees.deleteTree(staging);
            }
        }
    }

    /** A {@link Writer} into a {@link StringBuilder}, unsynchronised (unlike {@link java.io.StringWriter}). */
    private static final class StringBuilderWriter extends Writer {
        private final StringBuilder text;

        StringBuilderWriter(int capacity) {
            text = new StringBuilder(capacity);
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
        }

        @Override
        public void write(String string) {
            text.append(string);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** The provenance record up to the outputs: what ran, on which sample and inputs, with which parameters. */
    private Map<String, Object> header(Sample sample, Map<String, String> variant, String key,
            Map<String, Map<String, Object>> inputRecords, List<Map<String, Object>> stepRecords) {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("key", key);
        provenance.put("run", runId);
        provenance.put("pipeline", pipeline.name());
        provenance.put("pipeline_sha256", pipelineHash);
        provenance.put("sample", sample.id());
        provenance.put("group", sample.group());
        provenance.put("variant", variant);
        provenance.put("inputs", inputRecords);
        provenance.put("steps", stepRecords);
        return provenance;
    }

    /** The table with the sample's id and group (and swept parameters) as first columns. */
    private static Table keyed(String name, Table table, Sample sample, Map<String, String> variant) {
        int rows = table.rowCount();
        Table.Builder builder = Table.builder(name);
        builder.add(Column.ofTexts("sample_id", java.util.Collections.nCopies(rows, sample.id())));
        builder.add(Column.ofTexts("group", java.util.Collections.nCopies(rows, sample.group())));
        variant.forEach((param, value) -> builder.add(Column.ofTexts(param.replace('.', '_'),
                java.util.Collections.nCopies(rows, value))));
        for (Column column : table.columns()) {
            if (column.name().equals("sample_id") || column.name().equals("group")) {
                continue;
            }
            builder.add(column);
        }
        return builder.build();
    }
}
