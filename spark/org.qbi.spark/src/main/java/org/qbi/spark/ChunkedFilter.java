package org.qbi.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.ops.Arguments;
import org.qbi.ops.Operator;
import org.qbi.ops.Operators;
import org.qbi.ops.block.BlockOperator;

/**
 * A neighbourhood operator (any {@link BlockOperator}: filter.gaussian, filter.median, grey morphology, ...) on a
 * chunked volume, one Spark task per chunk: the task reads its chunk grown by the operator's halo from the input
 * store (the borders come from the neighbouring chunks' data; past the image's borders from the operator's
 * boundary) and writes its output chunk into the output store. {@link BlockOperator#applyToRegion} computes each
 * chunk exactly as the local operator computes it, so the output equals the local output bit for bit.
 *
 * @since 0.1
 */
public final class ChunkedFilter {

    /** What a run did: the chunks, and the sum of the tasks' own time (reading, computing, writing) in seconds. */
    public record Summary(long chunks, double taskSeconds) {
    }

    private ChunkedFilter() {
    }

    /**
     * Applies operator {@code operatorId} with {@code parameters} (texts, as in a pipeline file) to the chunked Zarr
     * volume {@code input}, writing the chunked Zarr volume {@code output} (replaced; same chunks).
     *
     * @throws IllegalArgumentException when the operator is not a neighbourhood (block) operator, or the
     *                                  parameters or the volume do not fit it
     */
    public static Summary run(JavaSparkContext context, String operatorId, Map<String, String> parameters, Path input,
            Path output) throws IOException {
        String in = input.toAbsolutePath().toString();
        String out = output.toAbsolutePath().toString();
        ChunkedVolume.forget(in);
        Image image = ChunkedVolume.open(in);
        ChunkGrid grid = ChunkedVolume.grid(image, in);
        BlockOperator operator = blockOperator(operatorId);
        Arguments arguments = Arguments.parse(operator.spec(), parameters);
        ImageHeader outputHeader = operator.resultHeader(image.header(), arguments);
        operator.halo(image.header(), arguments); // refuses bad arguments here, before any task runs
        ChunkedVolume.writer(grid).create(outputHeader, output);
        ChunkedVolume.forget(out);
        HashMap<String, String> texts = new HashMap<>(parameters);
        context.setJobDescription("QBI " + operatorId + " on " + grid.chunkCount() + " chunks of " + input.getFileName());
        // the closure ships texts only: each task reopens the store (once per JVM) and derives grid and header
        List<Double> seconds = ChunkedVolume.chunks(context, grid).map(n -> {
            long start = System.nanoTime();
            Image source = ChunkedVolume.open(in);
            ChunkGrid chunks = ChunkedVolume.grid(source, in);
            BlockOperator op = blockOperator(operatorId);
            Arguments args = Arguments.parse(op.spec(), texts);
            long[] index = chunks.index(n);
            try (ArrayImage result = op.applyToRegion(source, chunks.origin(index), chunks.size(index), args)) {
                ChunkedVolume.writer(chunks).writeChunk(Path.of(out), op.resultHeader(source.header(), args), index,
                        result);
            }
            return (System.nanoTime() - start) / 1e9;
        }).collect();
        return new Summary(grid.chunkCount(), seconds.stream().mapToDouble(Double::doubleValue).sum());
    }

    private static BlockOperator blockOperator(String id) {
        ChunkedVolume.installPlugins();
        Operator operator = Operators.installed().get(id).operator();
        if (!(operator instanceof BlockOperator block)) {
            throw new IllegalArgumentException("Operator " + id + " is not a neighbourhood operator with a halo; "
                    + "distributed chunk by chunk are the filters and grey morphology (block operators)");
        }
        return block;
    }
}
