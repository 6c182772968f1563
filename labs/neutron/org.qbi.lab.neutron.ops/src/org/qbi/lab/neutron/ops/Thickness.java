package org.qbi.lab.neutron.ops;

import java.io.IOException;

import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Rescale;
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

/** Beer-Lambert thickness from transmission: {@code neutron.thickness}. */
public final class Thickness implements Operator {

    /** The length unit of the attenuation coefficient (1/cm or 1/mm) and so of the thickness. */
    public enum Unit {
        CM, MM
    }

    public static final Param<Double> MU = Param.requiredReal("mu", "Attenuation coefficient",
            "Linear attenuation coefficient of the material (macroscopic cross-section), per 'unit' (e.g. 3.5 for "
                    + "water in 1/cm for thermal neutrons)").range(1e-12, 1e12);
    public static final Param<Unit> UNIT = Param.choice("unit", "Unit",
            "Unit of mu (1/cm or 1/mm), and of the thickness (cm or mm)", Unit.class, Unit.CM);
    public static final Param<Double> FLOOR = Param.real("floor", "Transmission floor",
            "Smallest transmission used (T <= floor gives -ln(floor) / mu)", 1e-4).range(1e-30, 1);

    public static final OperatorSpec SPEC = OperatorSpec.builder("neutron.thickness", "Thickness, Beer-Lambert (neutron)")
            .category("Neutron imaging")
            .description("Estimates the material thickness crossed by the beam from the transmission T with the "
                    + "Beer-Lambert law T = exp(-mu d) for one material: d = -ln(max(T, floor)) / mu, in cm when mu "
                    + "is in 1/cm, in mm when in 1/mm (the output's value unit). Valid for a single material and a "
                    + "monochromatic beam; beam hardening and scattering (strong for hydrogen) make real thicknesses "
                    + "larger than estimated. T <= floor gives the largest thickness -ln(floor) / mu; NaN stays NaN. "
                    + "Output float32, computed in double; as -np.log(np.maximum(T, floor)) / mu.")
            .reference("Lehmann E, Kaestner A. Neutron imaging methods and applications, in Neutron Imaging (2017); "
                    + "Sears VF. Neutron scattering lengths and cross sections, Neutron News 3 (1992) 26-37")
            .outputType("float32 (values in cm or mm)")
            .parameters(MU, UNIT, FLOOR)
            .input(Port.image("image", "Transmission (about 0..1)"))
            .output(Port.image("thickness", "Thickness in cm or mm"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image image = inputs.image();
        double mu = arguments.get(MU);
        double floor = arguments.get(FLOOR);
        String unit = arguments.get(UNIT).name().toLowerCase(java.util.Locale.ROOT);
        ImageHeader header = Planes.float32(image.header()).withRescale(new Rescale(1, 0, unit));
        return Outputs.ofImage(SPEC, PlaneMap.map(image, header, (plane, nx, ny) -> {
            for (int i = 0; i < plane.length; i++) {
                plane[i] = (float) (Attenuation.attenuation(plane[i], floor) / mu);
            }
            return plane;
        }, context, SPEC.name()));
    }
}
