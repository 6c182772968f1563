package org.qbi.ops.internal;

import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Port;

/** Two test operators with one id ("test.twin"): the registry keeps the first declared and reports the second. */
public class TwinOperator implements Operator {

    /** The second one. */
    public static final class Second extends TwinOperator {
    }

    static final OperatorSpec SPEC = OperatorSpec.builder("test.twin", "Twin").category("Test")
            .input(Port.image("image", "")).output(Port.image("out", "")).build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) {
        throw new UnsupportedOperationException("never run");
    }
}
