package org.qbi.lab.neutron.ops;

import java.io.IOException;
import java.util.Arrays;

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

/** White-spot (gamma) and outlier cleaning against the local median: {@code neutron.clean_spots}. */
public final class CleanSpots implements Operator {

    /** Which outliers are replaced. */
    public enum Direction {
        /** Values above the median by more than the threshold: white spots (gamma hits). */
        BRIGHT,
        /** Values below the median by more than the threshold: dead pixels. */
        DARK,
        /** Both. */
        BOTH
    }

    public static final Param<Double> THRESHOLD = Param.requiredReal("threshold", "Threshold",
            "Largest accepted difference from the local median, in the image's values (e.g. counts, or "
                    + "transmission after normalization)").range(0, Double.POSITIVE_INFINITY);
    public static final Param<Integer> SIZE = Param.integer("size", "Window size",
            "Side of the square median window in pixels (odd)", 3).range(3, 31);
    public static final Param<Direction> DIRECTION = Param.choice("direction", "Direction",
            "Replace values above the median (bright: white spots), below it (dark) or both", Direction.class,
            Direction.BRIGHT);

    public static final OperatorSpec SPEC = OperatorSpec.builder("neutron.clean_spots", "Clean white spots (neutron)")
            .category("Neutron imaging")
            .description("Removes white spots (gamma rays hitting the camera, which light single pixels or small "
                    + "clusters in neutron radiographs) and other outliers: each pixel that differs from the median of "
                    + "its size x size neighbourhood in the same projection (x-y plane) by more than the threshold is "
                    + "replaced by that median; every other pixel is kept. Neighbourhoods past the border are "
                    + "mirrored as scipy.ndimage's 'reflect' mode. Works on physical values (rescale applied); output "
                    + "float32. Identical to np.where(|v - median_filter(v, (1, size, size))| > threshold, median, v) "
                    + "(for 'bright': v - median > threshold).")
            .reference("Kaestner AP, Hartmann S, Kuehne G et al. The ICON beamline. Nucl Instrum Methods A 659 (2011) "
                    + "387-393 (spot cleaning); Li H, Schillinger B, Calzada E et al. An adaptive algorithm for gamma "
                    + "spots removal in CCD-based neutron radiography and tomography, Nucl Instrum Methods A 564 (2006) "
                    + "405-413, doi:10.1016/j.nima.2006.04.063")
            .outputType("float32")
            .parameters(THRESHOLD, SIZE, DIRECTION)
            .input(Port.image("image", "Projections or radiographs"))
            .output(Port.image("cleaned", "Image with the spots replaced"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image image = inputs.image();
        double threshold = arguments.get(THRESHOLD);
        int size = arguments.get(SIZE);
        if (size % 2 == 0) {
            throw new IllegalArgumentException("The window size must be odd (a window centred on the pixel); got " + size);
        }
        Direction direction = arguments.get(DIRECTION);
        int r = size / 2;
        return Outputs.ofImage(SPEC, PlaneMap.map(image, Planes.float32(image.header()), (plane, nx, ny) -> {
            float[] out = plane.clone();
            float[] window = new float[size * size];
            int[] xs = Reflect.indices(nx, r);
            int[] ys = Reflect.indices(ny, r);
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int n = 0;
                    for (int dy = 0; dy < size; dy++) {
                        int row = ys[y + dy] * nx;
                        for (int dx = 0; dx < size; dx++) {
                            window[n++] = plane[row + xs[x + dx]];
                        }
                    }
                    float median;
                    if (size == 3) {
                        median = Median9.of(window);
                    } else {
                        Arrays.sort(window);
                        median = window[window.length / 2];
                    }
                    float v = plane[y * nx + x];
                    double difference = (double) v - median;
                    boolean outlier = switch (direction) {
                        case BRIGHT -> difference > threshold;
                        case DARK -> -difference > threshold;
                        case BOTH -> Math.abs(difference) > threshold;
                    };
                    if (outlier) {
                        out[y * nx + x] = median;
                    }
                }
            }
            return out;
        }, context, SPEC.name()));
    }
}
