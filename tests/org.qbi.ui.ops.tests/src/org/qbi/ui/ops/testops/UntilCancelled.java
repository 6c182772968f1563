package org.qbi.ui.ops.testops;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.qbi.core.progress.CancelledException;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;

/** Reports progress and works until it is cancelled (at most a minute, then it returns its input). */
public final class UntilCancelled implements Operator {

    /** How many runs have started (the test waits for one before cancelling). */
    public static final AtomicInteger STARTED = new AtomicInteger();

    public static final Param<Integer> STEPS = Param.integer("steps", "Steps", "Units of work reported", 6000)
            .range(1, 100_000);

    public static final OperatorSpec SPEC = OperatorSpec.builder("test.until_cancelled", "Until cancelled")
            .category("Test").description("Works until cancelled (tests).").outputType("same as input")
            .parameters(STEPS).input(Port.image("image", "Any image")).output(Port.image("same", "The input"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        int steps = arguments.get(STEPS);
        context.monitor().begin("Waiting to be cancelled", steps);
        STARTED.incrementAndGet();
        for (int i = 0; i < steps; i++) {
            if (context.monitor().isCanceled()) {
                throw new CancelledException("test.until_cancelled");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException("test.until_cancelled");
            }
            context.monitor().worked(1);
        }
        context.monitor().done();
        return Outputs.ofImage(SPEC, inputs.image());
    }
}
