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
 * White top-hat: The image minus its opening: bright details smaller than the element, on a flat zero background (scipy white_tophat, skimage white_tophat). Integer results are clamped to the type (numpy would wrap around for signed types).
 *
 * @since 0.1
 */
public final class WhiteTopHat extends ElementOperator {

    public static final OperatorSpec SPEC = spec("morph.white_tophat", "White top-hat",
            "The image minus its opening: bright details smaller than the element, on a flat zero background (scipy white_tophat, skimage white_tophat). Integer results are clamped to the type (numpy would wrap around for signed types).")
            .output(Port.image("tophat", "Bright details"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image image = inputs.image(IMAGE);
        StructuringElement element = element(image.header(), inputs, arguments);
        return Outputs.ofImage(SPEC, Morphology.topHat(image, element, true, context));
    }
}
