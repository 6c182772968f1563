package org.qbi.lab.neutron.ops;

import java.io.IOException;

import org.qbi.core.image.Image;
import org.qbi.lab.neutron.ops.internal.PlaneMap;
import org.qbi.lab.neutron.ops.internal.Planes;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;

/** Transmission to attenuation, -ln T: {@code neutron.attenuation}. */
public final class Attenuation implements Operator {

    public static final Param<Double> FLOOR = Param.real("floor", "Transmission floor",
            "Smallest transmission used: T below it (including T <= 0 from noise or over-corrected dark current) "
                    + "counts as the floor, so the result is at most -ln(floor)", 1e-4).range(1e-30, 1);

    public static final OperatorSpec SPEC = OperatorSpec.builder("neutron.attenuation", "Attenuation -ln T (neutron)")
            .category("Neutron imaging")
            .description("Converts transmission T (from neutron.normalize) to attenuation A = -ln(max(T, floor)), the "
                    + "line integral of the attenuation coefficient along the beam (Beer-Lambert law), which "
                    + "tomographic reconstruction takes. T <= 0 (noise, dark-current over-correction) and T below "
                    + "the floor give -ln(floor) (9.21 for the default 1e-4) instead of an infinity or NaN; T above 1 "
                    + "gives a negative attenuation (kept: noise in the open beam). NaN stays NaN. Output float32, "
                    + "computed in double; as -np.log(np.maximum(T, floor)).")
            .reference("Lehmann E, Kaestner A. Neutron imaging methods and applications, in Neutron Imaging (2017); "
                    + "Kak AC, Slaney M. Principles of Computerized Tomographic Imaging, IEEE Press (1988), ch. 4")
            .outputType("float32")
            .parameters(FLOOR)
            .input(Port.image("image", "Transmission (about 0..1)"))
            .output(Port.image("attenuation", "Attenuation -ln T"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image image = inputs.image();
        double floor = arguments.get(FLOOR);
        return Outputs.ofImage(SPEC, PlaneMap.map(image, Planes.float32(image.header()), (plane, nx, ny) -> {
            for (int i = 0; i < plane.length; i++) {
                plane[i] = (float) attenuation(plane[i], floor);
            }
            return plane;
        }, context, SPEC.name()));
    }

    /** -ln(max(t, floor)); NaN for NaN. */
    static double attenuation(double t, double floor) {
        return Double.isNaN(t) ? Double.NaN : -Math.log(Math.max(t, floor));
    }
}
