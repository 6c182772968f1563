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
 * Closing: Erosion of the dilation by the same element: fills dark details (gaps, small holes) smaller than the element (scipy grey_closing, skimage closing / binary_closing).
 *
 * @since 0.1
 */
public final class Close extends ElementOperator {

    public static final OperatorSpec SPEC = spec("morph.close", "Closing",
            "Erosion of the dilation by the same element: fills dark details (gaps, small holes) smaller than the element (scipy grey_closing, skimage closing / binary_closing).")
            .output(Port.image("closed", "Closed image"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image image = inputs.image(IMAGE);
        StructuringElement element = element(image.header(), inputs, arguments);
        return Outputs.ofImage(SPEC, Morphology.close(image, element, context));
    }
}
