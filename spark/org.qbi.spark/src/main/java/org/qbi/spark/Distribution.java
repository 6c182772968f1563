package org.qbi.spark;

import java.io.IOException;
import java.nio.file.Path;

import org.qbi.core.image.Image;
import org.qbi.io.ImageFormats;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.internal.SampleRun;

/**
 * How the Spark engine runs one sample: as one task (the whole sample in one executor, the local executor's code)
 * or chunk by chunk ({@link ChunkedPipeline}: each step distributed over the volume's chunks). The rule:
 * <ul>
 * <li>{@code distribute: samples} in the pipeline: one task;</li>
 * <li>{@code distribute: chunks}: chunk by chunk (inputs that are not chunked Zarr fail the sample, saying so);</li>
 * <li>{@code distribute: auto} (the default): chunk by chunk when every input of the sample is a chunked Zarr store
 * (more than one chunk) and the inputs' decoded size times {@value #INTERMEDIATES} (the input and the intermediates a
 * pipeline holds at once) exceeds the memory of one executor; otherwise one task.</li>
 * </ul>
 * The executor memory is spark.executor.memory on a cluster, the driver JVM's heap in local mode (the executors
 * live in it); {@code -Dqbi.spark.chunkBytes=N} sets the decoded size above which auto distributes chunks instead.
 */
final class Distribution {

    /** Images of an input's size a pipeline holds at once (input, a step's input and output, a mask). */
    static final int INTERMEDIATES = 4;

    /**
     * @param chunks whether the sample runs chunk by chunk
     * @param reason why, for the log
     * @param chunk  the input's chunk size ("64x64x64") when chunk by chunk
     */
    record Decision(boolean chunks, String reason, String chunk) {
    }

    private Distribution() {
    }

    /** The decision for {@code sample}; {@code threshold} is the decoded size (bytes) above which auto distributes. */
    static Decision decide(Pipeline pipeline, ProjectLayout project, Sample sample, long threshold) {
        if (pipeline.distribute().equals(Pipeline.DISTRIBUTE_SAMPLES)) {
            return new Decision(false, "the pipeline says distribute: samples", "");
        }
        boolean asked = pipeline.distribute().equals(Pipeline.DISTRIBUTE_CHUNKS);
        long bytes = 0;
        String chunk = "";
        for (Pipeline.Input input : pipeline.inputs().values()) {
            Path file;
            try {
                file = locate(project, SampleRun.inputFile(sample, input));
            } catch (IllegalArgumentException e) {
                // the sample's run says what is wrong with its files
                return new Decision(asked, "input '" + input.name() + "': " + e.getMessage(), "");
            }
            if (!ChunkedPipeline.isZarr(file)) {
                return new Decision(asked, "input '" + input.name() + "' is not a chunked Zarr store", "");
            }
            try (Image image = ImageFormats.installed().open(file, null)) {
                if (image.grid().chunkCount() < 2 && !asked) {
                    return new Decision(false, "input '" + input.name() + "' is one chunk", "");
                }
                bytes += image.header().byteCount();
                chunk = chunk.isEmpty() ? ChunkedPipeline.chunkSize(image.grid()) : chunk;
            } catch (IOException | RuntimeException e) {
                return new Decision(asked, "input '" + input.name() + "' cannot be read: " + e.getMessage(), "");
            }
        }
        if (asked) {
            return new Decision(true, "the pipeline says distribute: chunks", chunk);
        }
        String rule = Long.getLong("qbi.spark.chunkBytes") != null ? "-Dqbi.spark.chunkBytes"
                : "executor memory / " + INTERMEDIATES;
        String sizes = size(bytes) + " decoded, threshold " + size(threshold) + " (" + rule + ")";
        return bytes > threshold ? new Decision(true, sizes, chunk) : new Decision(false, sizes, "");
    }

    private static String size(long bytes) {
        return bytes >= 1e9 ? String.format(java.util.Locale.ROOT, "%.2f GB", bytes / 1e9)
                : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /**
     * Where a chunk-wise run reads a sample's file entry: a Zarr store on a Hadoop file system (hdfs://, s3a://) in
     * place, chunk by chunk, through {@link HadoopStorage}'s view (never staged whole); otherwise the project's file.
     */
    static Path locate(ProjectLayout project, String entry) {
        return HadoopStorage.isLocation(entry) ? HadoopStorage.path(entry) : project.resolve(entry);
    }

    /** The decoded size above which auto distributes chunks: {@code executorMemory / INTERMEDIATES} or the property. */
    static long threshold(long executorMemory) {
        Long set = Long.getLong("qbi.spark.chunkBytes");
        return set != null ? set : executorMemory / INTERMEDIATES;
    }
}
