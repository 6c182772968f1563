package org.qbi.ops.morphology;

import java.io.IOException;

import org.qbi.core.image.Image;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Port;
import org.qbi.ops.morphology.internal.Morphology;

/**
 * Dilation: Maximum over the reflected structuring element: out(p) = max of in(p - b) for b in the element. Grows bright objects; on a mask, adds the voxels the element reaches from the foreground.
 *
 * @since 0.1
 */
public final class Dilate extends ElementOperator {

    public static final OperatorSpec SPEC = spec("morph.dilate", "Dilation",
            "Maximum over the reflected structuring element: out(p) = max of in(p - b) for b in the element. Grows bright objects; on a mask, adds the voxels the element reaches from the foreground.")
            .output(Port.image("dilated", "Dilated image"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image image = inputs.image(IMAGE);
        StructuringElement element = element(image.header(), inputs, arguments);
        return Outputs.ofImage(SPEC, Morphology.dilate(image, element, context));
    }
}
