package org.qbi.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.Image;
import org.qbi.core.io.AtomicFiles;
import org.qbi.core.io.FileTrees;
import org.qbi.core.table.Table;
import org.qbi.io.ImageFormats;
import org.qbi.io.zarr.internal.ZarrWriter;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.ops.Outputs;
import org.qbi.workflow.Step;
import org.qbi.workflow.StepEngine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One sample's steps over a chunked volume, run in order on the driver, each distributed over the volume's chunks
 * on Spark ({@link ChunkedSteps} says how, by operator): the rest of the sample's run is the local executor's (its
 * content key, skipping when up to date, provenance, tables, the result folder replaced atomically), since this is
 * the {@link StepEngine} of {@code LocalExecutor.runSample}. Inputs must be chunked Zarr stores; every image a step
 * makes is a chunked Zarr store with the input's chunks in the sample's work folder (named {@code .staging-...} in
 * the results folder, so an interrupted run's is removed by the next run); the pipeline's image outputs are those
 * stores moved into the result folder (so they must be named NAME.zarr), with the provenance record in their
 * attributes as the Zarr writer puts it. No voxel of the volume passes through the driver except to fingerprint
 * inputs and outputs (streamed chunk by chunk, as the content keys and provenance need).
 */
final class ChunkedPipeline implements StepEngine, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JavaSparkContext context;
    private final Path work;
    private final boolean moveOutputs;
    private final java.util.function.Consumer<String> log;
    private final ImageFormats formats = ImageFormats.installed();
    /** Every image this run opened or made, with its store. */
    private final Map<Image, Path> stores = new IdentityHashMap<>();
    private final List<Path> moved = new ArrayList<>();
    private int computed;

    /**
     * @param work        the sample's work folder (made here, deleted by {@link #close})
     * @param moveOutputs move output stores into the result folder rather than copy them: only when no later
     *                    combination of a sweep reuses them
     * @param log         told each step's time
     */
    ChunkedPipeline(JavaSparkContext context, Path work, boolean moveOutputs, java.util.function.Consumer<String> log)
            throws IOException {
        this.context = context;
        this.work = Files.createDirectories(work);
        this.moveOutputs = moveOutputs;
        this.log = log;
    }

    /** True when {@code file} is a Zarr store (a folder with Zarr's metadata). */
    static boolean isZarr(Path file) {
        return Files.isDirectory(file) && (Files.isRegularFile(file.resolve(".zgroup"))
                || Files.isRegularFile(file.resolve(".zarray")) || Files.isRegularFile(file.resolve("zarr.json")));
    }

    @Override
    public Image open(Path file, ImageFormats ignored) throws IOException {
        if (!isZarr(file)) {
            throw new IllegalArgumentException(file + " is not a chunked Zarr store; a pipeline run chunk by chunk "
                    + "reads chunked Zarr (qbi convert " + file.getFileName() + " NAME.zarr --option chunk=64), or "
                    + "runs each sample as one task with 'distribute: samples'");
        }
        Image image = formats.open(file, null);
        ChunkedVolume.grid(image, file.toString()); // refuses chunks that are not cubes of one channel and time point
        stores.put(image, file.toAbsolutePath());
        return image;
    }

    @Override
    public Outputs compute(Step step, Operators.Installed operator, Inputs inputs, Arguments arguments,
            OperatorContext operatorContext) throws IOException {
        String id = operator.operator().spec().id();
        ChunkedStep implementation = ChunkedSteps.of(id, operator);
        if (implementation == null) {
            throw new IllegalArgumentException("step '" + step.id() + "' (" + id + ") has no distributed "
                    + "implementation, and a volume run chunk by chunk is never loaded whole into one JVM. Distributed "
                    + "chunk by chunk run: " + ChunkedSteps.described() + (id.startsWith("threshold.")
                            ? " (a threshold computed from the whole image's histogram, such as Otsu's, is not yet: "
                                    + "use threshold.manual with the value)" : "")
                    + ". Run the pipeline with 'distribute: samples' to compute each sample in one task.");
        }
        Map<String, Path> images = new LinkedHashMap<>();
        for (Map.Entry<String, Object> input : inputs.asMap().entrySet()) {
            Path store = input.getValue() instanceof Image image ? stores.get(image) : null;
            if (store == null) {
                throw new IllegalArgumentException("step '" + step.id() + "' (" + id + "): input '" + input.getKey()
                        + "' is a " + (input.getValue() instanceof Table ? "table" : "value") + "; steps run chunk "
                        + "by chunk read images only");
            }
            images.put(input.getKey(), store);
        }
        // a folder per computation: a step computed again (another combination of a sweep) never overwrites the
        // stores an earlier one left in the step cache
        Path folder = Files.createDirectories(work.resolve(step.id() + "-" + ++computed));
        ChunkedStep.Call call = new ChunkedStep.Call(context, step.id(), operator.operator().spec(),
                arguments.asText(), images, folder);
        long start = System.nanoTime();
        implementation.run(call);
        log.accept(String.format(java.util.Locale.ROOT, "step %s (%s) over the chunks: %.1f s", step.id(), id,
                (System.nanoTime() - start) / 1e9));
        Outputs.Builder outputs = Outputs.builder(operator.operator().spec());
        for (Map.Entry<String, Object> output : call.outputs().entrySet()) {
            if (output.getValue() instanceof Path store) {
                ChunkedVolume.forget(store.toAbsolutePath().toString());
                Image image = formats.open(store, null);
                stores.put(image, store.toAbsolutePath());
                outputs.put(output.getKey(), image);
            } else {
                outputs.put(output.getKey(), output.getValue());
            }
        }
        return outputs.build();
    }

    @Override
    public boolean write(Image image, Path file, String provenance) throws IOException {
        Path store = stores.get(image);
        if (store == null) {
            return false;
        }
        if (!file.getFileName().toString().endsWith(".zarr")) {
            throw new IllegalArgumentException("output '" + file.getFileName() + "': a pipeline run chunk by chunk "
                    + "writes its images as chunked Zarr; name the output " + baseName(file) + ".zarr");
        }
        if (moveOutputs && store.startsWith(work) && !moved.contains(store)) {
            stores.remove(image);
            image.close();
            ChunkedVolume.forget(store.toString());
            Files.move(store, file);
            moved.add(store);
        } else {
            FileTrees.copyTree(store, file);
        }
        Path attributes = file.resolve(".zattrs");
        ObjectNode root = Files.isRegularFile(attributes) ? (ObjectNode) JSON.readTree(attributes.toFile())
                : JSON.createObjectNode();
        root.set(ZarrWriter.PROVENANCE_ATTRIBUTE, JSON.readTree(provenance));
        AtomicFiles.writeString(attributes, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        return true;
    }

    /** The chunk edge of the sample's input, for provenance ("64x64x64"). */
    static String chunkSize(ChunkGrid grid) {
        long[] chunk = grid.chunkSize();
        return chunk[0] + "x" + chunk[1] + "x" + chunk[2];
    }

    /** Closes what this run opened, and deletes its work folder (intermediate stores). */
    @Override
    public void close() throws IOException {
        for (Map.Entry<Image, Path> entry : stores.entrySet()) {
            entry.getKey().close();
            ChunkedVolume.forget(entry.getValue().toString());
        }
        stores.clear();
        FileTrees.deleteTree(work);
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }


}
