package org.qbi.workflow;

import java.io.IOException;
import java.nio.file.Path;

import org.qbi.core.image.Image;
import org.qbi.io.ImageFormats;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.ops.Outputs;

/**
 * Where a sample's images live and how its steps are computed, while everything else of a sample's run stays the
 * local executor's (content keys, skipping up-to-date samples, provenance, tables, the atomic result folder):
 * {@link #IN_MEMORY} opens inputs with the formats, runs each operator on images in memory and writes outputs with
 * the writer of their file name. A distributed engine keeps images as chunked stores on shared storage and computes
 * each step over their chunks (the Spark module's chunk-wise runner).
 *
 * @since 0.1
 */
public interface StepEngine {

    /** Images in this JVM's memory: what {@link LocalExecutor} does. */
    StepEngine IN_MEMORY = new StepEngine() {
    };

    /** Opens the pipeline input {@code file}. */
    default Image open(Path file, ImageFormats formats) throws IOException {
        return formats.open(file, null);
    }

    /**
     * Computes step {@code step} with its operator on {@code inputs} (images {@link #open} or this engine's earlier
     * steps returned).
     */
    default Outputs compute(Step step, Operators.Installed operator, Inputs inputs, Arguments arguments,
            OperatorContext context) throws IOException {
        return operator.operator().apply(inputs, arguments, context);
    }

    /**
     * Writes output {@code image} as {@code file} (in the result folder being staged) with the provenance record
     * {@code provenance} (JSON) inside, when this engine keeps the image itself; false to have the format of the
     * file name write it.
     */
    default boolean write(Image image, Path file, String provenance) throws IOException {
        return false;
    }
}
