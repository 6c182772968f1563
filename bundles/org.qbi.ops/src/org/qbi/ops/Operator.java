package org.qbi.ops;

import java.io.IOException;

/**
 * An image-processing operation, contributed through the extension point {@code org.qbi.operators}. An operator
 * author writes one class: a {@link OperatorSpec} constant with its {@link Param} constants, and {@link #apply}.
 * The form in the workbench, {@code qbi op}, the pipeline entry and the provenance record derive from the spec.
 * <p>
 * Contract: {@code apply} never modifies its inputs; the same inputs and arguments give bit-identical outputs
 * whatever {@link OperatorContext#parallelism()} is; it reports progress and checks cancellation through
 * {@link OperatorContext#monitor()}; bad input gives an {@link IllegalArgumentException} naming what is wrong.
 * Implementations are stateless and thread-safe (one instance serves every run).
 *
 * @since 0.1
 */
public interface Operator {

    OperatorSpec spec();

    /**
     * Runs the operator.
     *
     * @throws IOException when reading an input's chunks fails
     * @throws org.qbi.core.progress.CancelledException when the monitor asked to stop
     */
    Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException;
}
