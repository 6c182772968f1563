package org.qbi.lab.neutron.ops;

import java.io.IOException;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.table.Table;
import org.qbi.lab.neutron.ops.internal.Planes;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;

/**
 * Open-beam and dark-current normalization with dose correction: {@code neutron.normalize}.
 *
 * <pre>
 * T = (I - dark) / (open - dark) * D_open / D_i,   D = mean of the reference region (after subtracting dark)
 * </pre>
 */
public final class Normalize implements Operator {

    public static final Param<Integer> REGION_X = Param.integer("region_x", "Region x",
            "First column of the dose reference region (pixels; an area of open beam the sample never covers)", 0)
            .range(0, Integer.MAX_VALUE);
    public static final Param<Integer> REGION_Y = Param.integer("region_y", "Region y",
            "First row of the dose reference region (pixels)", 0).range(0, Integer.MAX_VALUE);
    public static final Param<Integer> REGION_WIDTH = Param.integer("region_width", "Region width",
            "Columns of the dose reference region (pixels; 0: no dose correction)", 0).range(0, Integer.MAX_VALUE);
    public static final Param<Integer> REGION_HEIGHT = Param.integer("region_height", "Region height",
            "Rows of the dose reference region (pixels; 0: no dose correction)", 0).range(0, Integer.MAX_VALUE);
    public static final Param<Double> INVALID = Param.real("invalid", "Invalid value",
            "Result where the open beam is not above the dark frame (open - dark <= 0: dead or saturated pixels)", 0);

    public static final OperatorSpec SPEC = OperatorSpec.builder("neutron.normalize", "Open-beam normalization (neutron)")
            .category("Neutron imaging")
            .description("Turns raw neutron (or X-ray) projections into transmission: T = (I - dark) / (open_beam - "
                    + "dark), pixel by pixel, for every projection (x-y plane) of a stack. The dark and open-beam "
                    + "frames are single 2D frames applied to every projection (or stacks with as many projections, "
                    + "used plane by plane). Dose correction: with a reference region (an area of open beam outside "
                    + "the sample) each projection is also multiplied by D_open / D_i, where D is the region's mean "
                    + "after subtracting the dark frame, so that fluctuations of the source intensity or exposure "
                    + "between projections cancel (the region's transmission becomes 1 on average). Where open_beam - "
                    + "dark <= 0 the result is the 'invalid' value, never an infinity or NaN. Physical values (the "
                    + "rescale, e.g. FITS BZERO, applied); computed in double precision, output float32 with the "
                    + "projections' calibration. The 'dose' table gives, per projection, the dose D_i, the open "
                    + "beam's D_open and the correction factor D_open / D_i (without a region: the whole projection's "
                    + "means, factor 1).")
            .reference("Kaestner AP et al. Spatiotemporal analysis of neutron imaging data, in Lehmann E, Kaestner A "
                    + "(eds.) Neutron Imaging (2017); Kaestner AP. MuhRec - A new tomography reconstructor, Nucl. "
                    + "Instrum. Methods A 651 (2011) 156-160, doi:10.1016/j.nima.2011.01.129")
            .outputType("float32")
            .parameters(REGION_X, REGION_Y, REGION_WIDTH, REGION_HEIGHT, INVALID)
            .input(Port.image("image", "Projections (raw detector counts), 2D or a stack"))
            .input(Port.image("dark", "Dark-current frame (beam off), 2D"))
            .input(Port.image("open_beam", "Open-beam frame (beam on, no sample), 2D"))
            .output(Port.image("transmission", "Transmission (about 0..1)"))
            .output(Port.table("dose", "Per projection: dose, open-beam dose and correction factor"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    /** The reference region the arguments give. */
    public static Region region(Arguments arguments) {
        return new Region(arguments.get(REGION_X), arguments.get(REGION_Y), arguments.get(REGION_WIDTH),
                arguments.get(REGION_HEIGHT));
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image image = inputs.image("image");
        Image dark = inputs.image("dark");
        Image open = inputs.image("open_beam");
        ImageHeader header = image.header();
        checkFrame(header, dark.header(), "dark");
        checkFrame(header, open.header(), "open_beam");
        Region region = region(arguments);
        if (region.width() > 0 != region.height() > 0) {
            throw new IllegalArgumentException("The reference region needs both a width and a height (or neither, for "
                    + "no dose correction); got " + region.width() + " x " + region.height());
        }
        if (region.isSet()) {
            region.checkInside(header);
        }
        int nx = Math.toIntExact(header.size(Axis.X));
        int planes = Planes.count(header);
        boolean darkPerPlane = Planes.count(dark.header()) > 1;
        boolean openPerPlane = Planes.count(open.header()) > 1;
        float[] sharedDark = darkPerPlane ? null : Planes.read(dark, 0);
        float[] sharedOpen = openPerPlane ? null : Planes.read(open, 0);
        double invalid = arguments.get(INVALID);
        ArrayImage result = context.allocate(Planes.float32(header));
        double[] dose = new double[planes];
        double[] openDose = new double[planes];
        double[] factor = new double[planes];
        context.monitor().begin(SPEC.name(), planes);
        context.forEach(planes, i -> {
            float[] d = darkPerPlane ? Planes.read(dark, i) : sharedDark;
            float[] o = openPerPlane ? Planes.read(open, i) : sharedOpen;
            float[] v = Planes.read(image, i);
            double k = 1;
            if (region.isSet()) {
                dose[i] = region.mean(v, nx) - region.mean(d, nx);
                openDose[i] = region.mean(o, nx) - region.mean(d, nx);
                if (!(dose[i] > 0) || !(openDose[i] > 0)) {
                    throw new IllegalArgumentException("The reference region (" + region + ") has no signal above the "
                            + "dark frame in " + (dose[i] > 0 ? "the open beam" : "projection " + i) + " (mean "
                            + (dose[i] > 0 ? openDose[i] : dose[i]) + "): choose an area of open beam");
                }
                k = openDose[i] / dose[i];
            } else {
                dose[i] = mean(v) - mean(d);
                openDose[i] = mean(o) - mean(d);
            }
            factor[i] = k;
            float[] out = new float[v.length];
            for (int p = 0; p < v.length; p++) {
                double denominator = (double) o[p] - d[p];
                out[p] = denominator > 0 ? (float) (((double) v[p] - d[p]) / denominator * k) : (float) invalid;
            }
            Planes.write(result, i, out);
        });
        context.monitor().done();
        double[] index = new double[planes];
        for (int i = 0; i < planes; i++) {
            index[i] = i;
        }
        Table table = Table.builder("dose").numbers("projection", "", index).numbers("dose", "", dose)
                .numbers("open_dose", "", openDose).numbers("factor", "", factor).build();
        return Outputs.builder(SPEC).put("transmission", result).put("dose", table).build();
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /**
     * Checks that {@code frame} (a dark or open-beam frame) fits the projections: the same x-y size, and one
     * plane or as many planes.
     */
    static void checkFrame(ImageHeader projections, ImageHeader frame, String name) {
        if (frame.size(Axis.X) != projections.size(Axis.X) || frame.size(Axis.Y) != projections.size(Axis.Y)) {
            throw new IllegalArgumentException("The " + name + " frame is " + frame.size(Axis.X) + " x "
                    + frame.size(Axis.Y) + " pixels, the projections " + projections.size(Axis.X) + " x "
                    + projections.size(Axis.Y) + ": they must come from the same detector area");
        }
        int planes = Planes.count(frame);
        if (planes != 1 && planes != Planes.count(projections)) {
            throw new IllegalArgumentException("The " + name + " frame has " + planes + " planes; give one 2D frame "
                    + "(applied to every projection) or one per projection (" + Planes.count(projections) + ")");
        }
    }
}
