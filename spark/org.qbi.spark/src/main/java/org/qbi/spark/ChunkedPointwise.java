package org.qbi.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.ops.Outputs;
import org.qbi.ops.Port;

/**
 * An operator whose every output voxel depends on the same input voxel and the parameters alone (threshold.manual,
 * point.add, ...), run on each chunk by itself: no halo, the chunk's output is the operator's output on that chunk.
 * Only for operators {@link ChunkedSteps} lists as pointwise, whose tables depend on the parameters and the channels
 * and time points only (never on the values): the tables are those of the operator on the first chunk, computed on
 * the driver (one chunk read). Operators with a global statistic (Otsu, rescaling to the image's range) are not
 * pointwise and are not run this way.
 *
 * @since 0.1
 */
final class ChunkedPointwise {

    private ChunkedPointwise() {
    }

    static void run(ChunkedStep.Call call) throws IOException {
        String in = call.input().toAbsolutePath().toString();
        String operatorId = call.operator();
        HashMap<String, String> texts = new HashMap<>(call.parameters());
        ChunkedVolume.forget(in);
        Image image = ChunkedVolume.open(in);
        ChunkGrid grid = ChunkedVolume.grid(image, in);
        // the driver runs the operator on the first chunk: the outputs' pixel types, and the tables
        Map<String, String> stores = new LinkedHashMap<>();
        Map<String, ImageHeader> headers = new LinkedHashMap<>();
        Operator operator = operator(operatorId);
        Arguments arguments = Arguments.parse(operator.spec(), texts);
        try (ArrayImage chunk = ChunkedVolume.readChunk(image, grid, grid.index(0))) {
            Outputs first = operator.apply(Inputs.ofImage(operator.spec(), chunk), arguments, OperatorContext.defaults());
            for (Port port : operator.spec().outputs()) {
                Object value = first.asMap().get(port.name());
                if (value instanceof Image out) {
                    ImageHeader header = ChunkedVolume.resized(out.header(), image.header().dimensions());
                    Path store = call.output(port.name());
                    ChunkedVolume.writer(grid).create(header, store);
                    ChunkedVolume.forget(store.toAbsolutePath().toString());
                    stores.put(port.name(), store.toAbsolutePath().toString());
                    headers.put(port.name(), header);
                    out.close();
                } else if (value instanceof org.qbi.core.table.Table table) {
                    call.table(port.name(), table);
                }
            }
        }
        HashMap<String, String> outputs = new HashMap<>(stores);
        call.context().setJobDescription("QBI " + operatorId + " on " + grid.chunkCount() + " chunks of "
                + call.input().getFileName());
        ChunkedVolume.chunks(call.context(), grid).foreach(n -> {
            Image source = ChunkedVolume.open(in);
            ChunkGrid chunks = ChunkedVolume.grid(source, in);
            Operator op = operator(operatorId);
            long[] index = chunks.index(n);
            List<Image> made = new ArrayList<>();
            try (ArrayImage chunk = ChunkedVolume.readChunk(source, chunks, index)) {
                Outputs result = op.apply(Inputs.ofImage(op.spec(), chunk), Arguments.parse(op.spec(), texts),
                        OperatorContext.of(org.qbi.core.progress.ProgressMonitor.NULL).withParallelism(1));
                for (Map.Entry<String, String> output : outputs.entrySet()) {
                    Image values = (Image) result.asMap().get(output.getKey());
                    made.add(values);
                    ImageHeader header = ChunkedVolume.resized(values.header(), source.header().dimensions());
                    ChunkedVolume.writer(chunks).writeChunk(Path.of(output.getValue()), header, index, values);
                }
            } finally {
                for (Image values : made) {
                    values.close();
                }
            }
        });
    }

    private static Operator operator(String id) {
        ChunkedVolume.installPlugins();
        return Operators.installed().get(id).operator();
    }
}
