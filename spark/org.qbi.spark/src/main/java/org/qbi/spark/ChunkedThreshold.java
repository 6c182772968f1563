package org.qbi.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.ops.point.engine.Histogram;
import org.qbi.ops.threshold.internal.GlobalThreshold;

/**
 * A histogram threshold (threshold.otsu, threshold.isodata, threshold.triangle, threshold.yen: the methods that need
 * only the histogram, {@link GlobalThreshold#histogramOnly}) over a chunked volume in two phases: the volume's
 * histogram counted over the chunks ({@link ChunkedHistogram#histogram}, the local histogram's bins and counts,
 * exact), the threshold from it on the driver ({@link GlobalThreshold#thresholdsOf}, the local code), then the mask
 * {@code value > threshold} chunk by chunk ({@link GlobalThreshold.Masks#above}, the local code). The mask and the
 * threshold table are the local operator's.
 */
final class ChunkedThreshold {

    private ChunkedThreshold() {
    }

    /** Whether {@code operator} is a threshold this class distributes. */
    static boolean handles(Operators.Installed operator) {
        return operator.operator() instanceof GlobalThreshold threshold && threshold.histogramOnly();
    }

    static void run(ChunkedStep.Call call) throws IOException {
        String in = call.input().toAbsolutePath().toString();
        String operatorId = call.operator();
        HashMap<String, String> texts = new HashMap<>(call.parameters());
        GlobalThreshold operator = operator(operatorId);
        Arguments arguments = Arguments.parse(operator.spec(), texts);
        ChunkedVolume.forget(in);
        Image image = ChunkedVolume.open(in);
        ChunkGrid grid = ChunkedVolume.grid(image, in);
        ImageHeader header = image.header();
        GlobalThreshold.checkIntensities(header, operatorId);
        call.context().setJobDescription("QBI " + operatorId + " (histogram) on " + grid.chunkCount() + " chunks of "
                + call.input().getFileName());
        Histogram histogram = ChunkedHistogram.histogram(call.context(), in, null, grid, header.pixelType(),
                operator.bins(arguments));
        double[][] thresholds = { operator.thresholdsOf(histogram, arguments) };
        call.table("threshold", GlobalThreshold.table(header.dimensions(), thresholds));

        ImageHeader maskHeader = header.withPixelType(PixelType.UINT8).withRescale(Rescale.IDENTITY);
        Path store = call.output("mask");
        ChunkedVolume.writer(grid).create(maskHeader, store);
        String out = store.toAbsolutePath().toString();
        ChunkedVolume.forget(out);
        String task = operator.spec().name();
        call.context().setJobDescription("QBI " + operatorId + " (mask) on " + grid.chunkCount() + " chunks of "
                + call.input().getFileName());
        // the closure ships texts and numbers only: each task reopens the store and derives the headers
        ChunkedVolume.chunks(call.context(), grid).foreach(n -> {
            Image source = ChunkedVolume.open(in);
            ChunkGrid chunks = ChunkedVolume.grid(source, in);
            long[] index = chunks.index(n);
            ImageHeader masks = source.header().withPixelType(PixelType.UINT8).withRescale(Rescale.IDENTITY);
            try (ArrayImage chunk = ChunkedVolume.readChunk(source, chunks, index);
                    Image mask = GlobalThreshold.Masks.above(chunk, thresholds,
                            OperatorContext.of(ProgressMonitor.NULL).withParallelism(1), task)) {
                ChunkedVolume.writer(chunks).writeChunk(Path.of(out), masks, index, mask);
            }
        });
    }

    private static GlobalThreshold operator(String id) {
        ChunkedVolume.installPlugins();
        return (GlobalThreshold) Operators.installed().get(id).operator();
    }
}
