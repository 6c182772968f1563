package org.qbi.ops.compare;

import java.io.IOException;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.block.Samples;
import org.qbi.ops.compare.internal.ImagePair;

/**
 * The voxel-wise difference test - reference (or its absolute value) as a float32 image.
 *
 * @since 0.1
 */
public final class Difference implements Operator {

    public static final Param<Boolean> ABSOLUTE = Param.flag("absolute", "Absolute",
            "Write |test - reference| instead of test - reference", false);

    public static final OperatorSpec SPEC = OperatorSpec.builder("compare.difference", "Difference image")
            .category("Compare")
            .description("test - reference voxel by voxel (numpy: test.astype(float32) - reference), or its absolute "
                    + "value, for every channel and time point. Computed in float32 on stored values; when both "
                    + "images rescale stored values (e.g. to HU) the same way, the output carries the slope, so its "
                    + "physical values are physical differences. Images of different sizes are refused.")
            .reference("numpy.subtract")
            .outputType("float32")
            .parameters(ABSOLUTE)
            .input(Port.image("reference", "The reference image"))
            .input(Port.image("test", "The image compared with it"))
            .output(Port.image("difference", "test - reference"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        ImagePair pair = ImagePair.of(SPEC.id(), inputs.image("reference"), inputs.image("test"));
        boolean absolute = arguments.get(ABSOLUTE);
        ImageHeader header = pair.reference().header();
        Rescale rescale = header.rescale();
        ImageHeader out = header.withPixelType(PixelType.FLOAT32)
                .withRescale(rescale.isIdentity() ? Rescale.IDENTITY : new Rescale(rescale.slope(), 0, rescale.unit()));
        ArrayImage result = context.allocate(out);
        long[] d = pair.dimensions();
        long plane = d[0] * d[1];
        context.monitor().begin(SPEC.name(), (long) pair.volumes() * d[2]);
        try {
            for (int v = 0; v < pair.volumes(); v++) {
                int volume = v;
                pair.planes(v, context, (reference, test, z) -> {
                    for (int i = 0; i < reference.length; i++) {
                        float difference = test[i] - reference[i];
                        reference[i] = absolute ? Math.abs(difference) : difference;
                    }
                    Samples.fromFloats(PixelType.FLOAT32, reference, 0, result.values(), plane * (z + d[2] * volume),
                            reference.length);
                    return null;
                });
            }
        } finally {
            context.monitor().done();
        }
        return Outputs.ofImage(SPEC, result);
    }
}
