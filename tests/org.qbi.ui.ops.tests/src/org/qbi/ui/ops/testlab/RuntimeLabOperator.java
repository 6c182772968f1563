package org.qbi.ui.ops.testlab;

import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Port;

/**
 * The operator of a lab bundle that RuntimeLabPaletteTest builds and installs while the workbench runs: the test
 * copies this class file into the new bundle's jar, which contributes it through org.qbi.operators. Not
 * contributed by this fragment itself.
 */
public final class RuntimeLabOperator implements Operator {

    public static final OperatorSpec SPEC = OperatorSpec.builder("testlab.runtime", "Runtime lab operator")
            .category("Runtime lab").description("Contributed by a bundle installed while the workbench runs.")
            .outputType("same as input").input(Port.image("image", "Image")).output(Port.image("out", "Image"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) {
        throw new UnsupportedOperationException("testlab.runtime only shows in the palette");
    }
}
