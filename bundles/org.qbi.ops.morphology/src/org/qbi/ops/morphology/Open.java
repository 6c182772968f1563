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
 * Opening: Dilation of the erosion by the same element: removes bright details smaller than the element and keeps the rest (scipy grey_opening, skimage opening / binary_opening).
 *
 * @since 0.1
 */
public final class Open extends ElementOperator {

    public static final OperatorSpec SPEC = spec("morph.open", "Opening",
            "Dilation of the erosion by the same element: removes bright details smaller than the element and keeps the rest (scipy grey_opening, skimage opening / binary_opening).")
            .output(Port.image("opened", "Opened image"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image image = inputs.image(IMAGE);
        StructuringElement element = element(image.header(), inputs, arguments);
        return Outputs.ofImage(SPEC, Morphology.open(image, element, context));
    }
}
