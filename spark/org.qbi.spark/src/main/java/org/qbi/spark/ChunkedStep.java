package org.qbi.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.qbi.core.table.Table;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Port;
import org.qbi.ops.PortKind;

/**
 * One pipeline step computed over the chunks of chunked Zarr stores on Spark, run on the driver by
 * {@link ChunkedPipeline}: it reads its image inputs as stores ({@link Call#input}), writes each image output into
 * the store {@link Call#output} names, and hands tables back ({@link Call#table}). {@link ChunkedSteps} says which
 * operator runs with which implementation. An implementation must give what the operator gives on the whole image
 * in memory, bit for bit.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ChunkedStep {

    /** Computes the step; image outputs go into {@code call.output(...)}, tables into {@code call.table(...)}. */
    void run(Call call) throws IOException;

    /** What one step reads and writes: its operator, parameters (canonical texts), input stores and outputs. */
    final class Call {
        private final JavaSparkContext context;
        private final String stepId;
        private final OperatorSpec spec;
        private final Map<String, String> parameters;
        private final Map<String, Path> inputs;
        private final Path work;
        private final Map<String, Object> outputs = new LinkedHashMap<>();

        Call(JavaSparkContext context, String stepId, OperatorSpec spec, Map<String, String> parameters,
                Map<String, Path> inputs, Path work) {
            this.context = context;
            this.stepId = stepId;
            this.spec = spec;
            this.parameters = Map.copyOf(parameters);
            this.inputs = Map.copyOf(inputs);
            this.work = work;
        }

        public JavaSparkContext context() {
            return context;
        }

        /** The operator id, e.g. filter.gaussian. */
        public String operator() {
            return spec.id();
        }

        public OperatorSpec spec() {
            return spec;
        }

        /** The step's parameters as canonical texts (every parameter, defaults included). */
        public Map<String, String> parameters() {
            return parameters;
        }

        /** The store of the operator's only (or first declared) image input. */
        public Path input() {
            return spec.inputs().stream().filter(p -> p.kind().isImage()).map(p -> input(p.name())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(spec.id() + " has no image input"));
        }

        /** The store feeding image input {@code port}. */
        public Path input(String port) {
            Path store = inputs.get(port);
            if (store == null) {
                throw new IllegalArgumentException("step '" + stepId + "' (" + spec.id() + "): input '" + port
                        + "' is not connected");
            }
            return store;
        }

        /** The store feeding optional image input {@code port}, or null when the step leaves it unconnected. */
        public Path inputOrNull(String port) {
            return inputs.get(port);
        }

        /** The store to write the operator's first image output into. */
        public Path output() {
            return output(firstOutput(true).name());
        }

        /** The store to write image output {@code port} into (in the sample's work folder). */
        public Path output(String port) {
            return (Path) outputs.computeIfAbsent(port, p -> work.resolve(stepId + "." + p + ".zarr"));
        }

        /** Hands back {@code table} as the operator's first table output. */
        public void table(Table table) {
            table(firstOutput(false).name(), table);
        }

        /** Hands back {@code table} as table output {@code port}. */
        public void table(String port, Table table) {
            outputs.put(port, table);
        }

        /** The outputs so far: port to store (images) or table. */
        Map<String, Object> outputs() {
            return outputs;
        }

        private Port firstOutput(boolean image) {
            return spec.outputs().stream().filter(p -> (p.kind() != PortKind.TABLE) == image).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(spec.id() + " has no " + (image ? "image" : "table")
                            + " output"));
        }
    }
}
