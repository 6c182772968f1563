package org.qbi.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.qbi.core.table.Table;
import org.qbi.ops.Operators;
import org.qbi.ops.block.BlockOperator;

/**
 * Which operators run chunk by chunk on Spark, and with which distributed implementation: every neighbourhood
 * (block) operator with {@link ChunkedFilter}, plus the operators registered below by id. A new distributed
 * implementation is one line here. An operator missing from both is refused by {@link ChunkedPipeline} with a
 * message listing what runs distributed: a chunk-wise run never loads a whole volume into one JVM.
 *
 * @since 0.1
 */
public final class ChunkedSteps {

    /**
     * Operators whose output voxel depends only on the same input voxel and the parameters (threshold.manual; the
     * constant arithmetic of point.*), and whose tables depend on no value: {@link ChunkedPointwise}. Not
     * threshold.otsu and its kin (a global histogram decides their threshold: refused, see the message) nor
     * point.rescale or point.invert range=image (the image's own range).
     */
    static final List<String> POINTWISE = List.of("threshold.manual", "point.add", "point.subtract",
            "point.multiply", "point.divide", "point.clamp");

    private static final Map<String, ChunkedStep> BY_OPERATOR = new LinkedHashMap<>();

    static {
        BY_OPERATOR.put("segment.label", ChunkedSteps::label);
        POINTWISE.forEach(id -> BY_OPERATOR.put(id, ChunkedPointwise::run));
        BY_OPERATOR.put("segment.distance", c -> ChunkedDistanceTransform.run(c.context(), c.parameters(), c.input(),
                c.output()));
        BY_OPERATOR.put("measure.histogram", c -> c.table(ChunkedHistogram.run(c.context(), c.parameters(),
                c.input("image"), c.inputOrNull("mask"))));
        BY_OPERATOR.put("measure.regions", c -> c.table(ChunkedRegions.run(c.context(), c.parameters(),
                c.input("labels"), c.inputOrNull("image"))));
    }

    private ChunkedSteps() {
    }

    /** The distributed implementation of {@code operator}, or null when it has none. */
    static ChunkedStep of(String id, Operators.Installed operator) {
        ChunkedStep step = BY_OPERATOR.get(id);
        if (step == null && operator.operator() instanceof BlockOperator) {
            return ChunkedSteps::filter;
        }
        return step;
    }

    /** What runs distributed, for messages. */
    static String described() {
        return "every neighbourhood filter (block operators: filter.gaussian, filter.median, ...), "
                + String.join(", ", BY_OPERATOR.keySet());
    }

    private static void filter(ChunkedStep.Call call) throws java.io.IOException {
        ChunkedFilter.run(call.context(), call.operator(), call.parameters(), call.input(), call.output());
    }

    /** segment.label's labels and its objects table (one row: channel 0, time 0, the count), as the operator gives. */
    private static void label(ChunkedStep.Call call) throws java.io.IOException {
        ChunkedLabeling.Summary summary = ChunkedLabeling.run(call.context(), call.parameters(), call.input(),
                call.output("labels"));
        call.table("objects", Table.builder("objects").numbers("channel", "", 0).numbers("time", "", 0)
                .numbers("objects", "", summary.objects()).build());
    }
}
