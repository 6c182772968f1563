package org.qbi.measure;

import java.io.IOException;
import java.util.List;

import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.table.Table;
import org.qbi.measure.internal.Calibration;
import org.qbi.measure.internal.RegionMoments;
import org.qbi.measure.internal.SymmetricEigen;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;

/**
 * Orientation distribution of the objects of a label image: the orientation tensor of their major axes (mean of
 * u u^T), its eigenvalues (alignment) and main direction, and a histogram of the angle between each major axis and
 * a reference direction.
 *
 * @since 0.1
 */
public final class OrientationDistribution implements Measurement {

    /** The direction the angles are measured from. */
    public enum Reference {
        MAIN, X, Y, Z
    }

    /** How much each object counts in the tensor and the histogram. */
    public enum Weight {
        NONE, VOLUME
    }

    public static final Param<Integer> BINS = Param.integer("bins", "Bins",
            "Histogram bins over 0-90 degrees (angle between a major axis and the reference direction)", 9)
            .range(1, 3600);
    public static final Param<Reference> REFERENCE = Param.choice("reference", "Reference direction",
            "Direction the angles are measured from: the main direction of the objects or an image axis",
            Reference.class, Reference.MAIN);
    public static final Param<Weight> WEIGHT = Param.choice("weight", "Weight",
            "Each object counts once (none) or by its volume (volume)", Weight.class, Weight.NONE);
    public static final Param<Integer> MIN_VOXELS = Param.integer("min_voxels", "Smallest object",
            "Objects with fewer voxels are left out (their axis is mostly discretisation)", 10).range(1, Integer.MAX_VALUE);

    public static final OperatorSpec SPEC = OperatorSpec.builder("measure.orientation", "Orientation distribution")
            .category("Measure")
            .description("Alignment of objects from their major axes (the principal axis of largest variance of the "
                    + "voxel centres in physical units, as measure.regions; unit vectors u, sign-free). Table "
                    + "'orientation', one row: objects used, objects left out (fewer than min_voxels voxels, or no "
                    + "major axis because the two largest second moments are equal, e.g. a sphere or a square), the "
                    + "orientation tensor T = weighted mean of u u^T (xx, yy, zz, xy, xz, yz), its eigenvalues "
                    + "l1 >= l2 >= l3 (sum 1; 3D: 1/3 each when isotropic, l1 = 1 when all aligned; 2D: 1/2 and 1), "
                    + "the main direction (eigenvector of l1) and the order parameter S = (3 l1 - 1) / 2 in 3D, "
                    + "2 l1 - 1 in 2D (0 isotropic, 1 aligned). Table 'orientation_histogram': the angle between "
                    + "each major axis and the reference direction in 'bins' bins over 0-90 degrees, count, "
                    + "fraction (weighted) and the fraction expected for isotropic orientations (cos a0 - cos a1 "
                    + "in 3D, (a1 - a0) / 90 degrees in 2D). One label volume; 2D and 3D.")
            .reference("Advani SG, Tucker CL. The use of tensors to describe and predict fiber orientation in short "
                    + "fiber composites. J Rheol 31, 1987, doi:10.1122/1.549945; Mader K. Quantitative Big Imaging "
                    + "(ETH Zurich), lecture 'Shape analysis': orientation and alignment of objects")
            .outputType("table 'orientation' (one row), table 'orientation_histogram' (one row per bin)")
            .parameters(BINS, REFERENCE, WEIGHT, MIN_VOXELS)
            .input(Port.labels("labels", "Label image (0 = background)"))
            .output(Port.table("orientation", "Orientation tensor, eigenvalues, main direction, order parameter"))
            .output(Port.table("orientation_histogram", "Angle to the reference direction, one row per bin"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public List<ColumnSpec> columns() {
        return List.of(new ColumnSpec("objects", "", "objects whose major axis is used"),
                new ColumnSpec("left_out", "", "objects below min_voxels or without a major axis"),
                new ColumnSpec("tensor_xx", "", "orientation tensor component (likewise yy, zz, xy, xz, yz)"),
                new ColumnSpec("eigenvalue_1", "", "largest eigenvalue of the tensor: alignment (likewise _2, _3)"),
                new ColumnSpec("main_direction_x", "", "eigenvector of eigenvalue_1 (likewise _y, _z)"),
                new ColumnSpec("order_parameter", "", "(3 l1 - 1) / 2 in 3D, 2 l1 - 1 in 2D: 0 isotropic, 1 aligned"),
                new ColumnSpec("angle_min", "deg", "histogram: lower bin edge (likewise angle_max)"),
                new ColumnSpec("count", "", "histogram: objects in the bin"),
                new ColumnSpec("fraction", "", "histogram: weighted fraction of the objects in the bin"),
                new ColumnSpec("isotropic_fraction", "", "histogram: fraction expected for random orientations"));
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image labels = inputs.image("labels");
        ImageHeader header = labels.header();
        Calibration.requireOneVolume(header, SPEC.name());
        boolean is3d = header.size(Axis.Z) > 1;
        double[] spacing = Calibration.spacing(header);
        Calibration.lengthUnit(header, is3d);
        int bins = arguments.get(BINS);
        context.monitor().begin(SPEC.name(), 2);
        try {
            RegionMoments m = RegionProperties.moments(labels, context);
            context.monitor().worked(1);
            int capacity = m.capacity();
            double[][] axes = new double[capacity][];
            double[] weights = new double[capacity];
            int leftOut = 0;
            int used = 0;
            int minVoxels = arguments.get(MIN_VOXELS);
            for (int i = 0; i < capacity; i++) {
                if (m.count[i] == 0) {
                    continue;
                }
                double[] u = m.count[i] < minVoxels ? null : majorAxis(m.covariance(i, spacing), is3d);
                if (u == null) {
                    leftOut++;
                    continue;
                }
                axes[i] = u;
                weights[i] = arguments.get(WEIGHT) == Weight.VOLUME ? m.count[i] : 1;
                used++;
            }
            double[][] tensor = new double[3][3];
            double total = 0;
            for (int i = 0; i < capacity; i++) {
                if (axes[i] != null) {
                    for (int a = 0; a < 3; a++) {
                        for (int b = 0; b < 3; b++) {
                            tensor[a][b] += weights[i] * axes[i][a] * axes[i][b];
                        }
                    }
                    total += weights[i];
                }
            }
            double[] values = { Double.NaN, Double.NaN, Double.NaN };
            double[] main = { Double.NaN, Double.NaN, Double.NaN };
            if (total > 0) {
                for (double[] row : tensor) {
                    for (int b = 0; b < 3; b++) {
                        row[b] /= total;
                    }
                }
                SymmetricEigen eigen = new SymmetricEigen(tensor);
                values = eigen.values.clone();
                main = eigen.vectors[0].clone();
            } else {
                for (double[] row : tensor) {
                    java.util.Arrays.fill(row, Double.NaN);
                }
            }
            double order = is3d ? (3 * values[0] - 1) / 2 : 2 * values[0] - 1;
            Table summary = Table.builder("orientation").numbers("objects", "", used).numbers("left_out", "", leftOut)
                    .numbers("tensor_xx", "", tensor[0][0]).numbers("tensor_yy", "", tensor[1][1])
                    .numbers("tensor_zz", "", tensor[2][2]).numbers("tensor_xy", "", tensor[0][1])
                    .numbers("tensor_xz", "", tensor[0][2]).numbers("tensor_yz", "", tensor[1][2])
                    .numbers("eigenvalue_1", "", values[0]).numbers("eigenvalue_2", "", values[1])
                    .numbers("eigenvalue_3", "", values[2]).numbers("main_direction_x", "", main[0])
                    .numbers("main_direction_y", "", main[1]).numbers("main_direction_z", "", main[2])
                    .numbers("order_parameter", "", order).build();

            double[] reference = switch (arguments.get(REFERENCE)) {
                case MAIN -> main;
                case X -> new double[] { 1, 0, 0 };
                case Y -> new double[] { 0, 1, 0 };
                case Z -> {
                    if (!is3d) {
                        throw new IllegalArgumentException("reference=z needs a 3D label image; this one is 2D ("
                                + header.describe() + "): use main, x or y");
                    }
                    yield new double[] { 0, 0, 1 };
                }
            };
            double[] count = new double[bins];
            double[] weight = new double[bins];
            for (int i = 0; i < capacity; i++) {
                if (axes[i] != null) {
                    double cos = Math.min(1, Math.abs(axes[i][0] * reference[0] + axes[i][1] * reference[1]
                            + axes[i][2] * reference[2]));
                    int bin = Math.min(bins - 1, (int) (Math.toDegrees(Math.acos(cos)) / 90 * bins));
                    count[bin]++;
                    weight[bin] += weights[i];
                }
            }
            double[] lo = new double[bins];
            double[] hi = new double[bins];
            double[] fraction = new double[bins];
            double[] isotropic = new double[bins];
            for (int b = 0; b < bins; b++) {
                lo[b] = 90.0 * b / bins;
                hi[b] = 90.0 * (b + 1) / bins;
                fraction[b] = total > 0 ? weight[b] / total : Double.NaN;
                isotropic[b] = is3d ? Math.cos(Math.toRadians(lo[b])) - Math.cos(Math.toRadians(hi[b])) : 1.0 / bins;
            }
            Table histogram = Table.builder("orientation_histogram").numbers("angle_min", "deg", lo)
                    .numbers("angle_max", "deg", hi).numbers("count", "", count).numbers("fraction", "", fraction)
                    .numbers("isotropic_fraction", "", isotropic).build();
            context.monitor().worked(1);
            return Outputs.builder(SPEC).put("orientation", summary).put("orientation_histogram", histogram).build();
        } finally {
            context.monitor().done();
        }
    }

    /**
     * The unit major axis of a covariance (xx, yy, zz, xy, xz, yz), or null when the two largest eigenvalues are
     * equal (to rounding: no major axis).
     */
    static double[] majorAxis(double[] c, boolean is3d) {
        double[][] matrix = is3d ? new double[][] { { c[0], c[3], c[4] }, { c[3], c[1], c[5] }, { c[4], c[5], c[2] } }
                : new double[][] { { c[0], c[3], 0 }, { c[3], c[1], 0 }, { 0, 0, 0 } };
        SymmetricEigen eigen = new SymmetricEigen(matrix);
        if (eigen.values[0] - eigen.values[1] <= 1e-9 * Math.abs(eigen.values[0])) {
            return null;
        }
        return eigen.vectors[0].clone();
    }
}
