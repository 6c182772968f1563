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
 * Erosion: Minimum over the structuring element: out(p) = min of in(p + b) for b in the element. Shrinks bright objects; on a mask, keeps the voxels whose whole neighbourhood is foreground.
 *
 * @since 0.1
 */
public final class Erode extends ElementOperator {

    public static final OperatorSpec SPEC = spec("morph.erode", "Erosion",
            "Minimum over the structuring element: out(p) = min of in(p + b) for b in the element. Shrinks bright objects; on a mask, keeps the voxels whose whole neighbourhood is foreground.")
            .output(Port.image("eroded", "Eroded image"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image image = inputs.image(IMAGE);
        StructuringElement element = element(image.header(), inputs, arguments);
        return Outputs.ofImage(SPEC, Morphology.erode(image, element, context));
    }
}
