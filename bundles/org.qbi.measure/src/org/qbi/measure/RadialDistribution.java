package org.qbi.measure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.table.Table;
import org.qbi.measure.internal.Calibration;
import org.qbi.measure.internal.RegionMoments;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Length;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;

/**
 * Radial distribution (pair correlation) function g(r) of the objects of a label image: how the density of other
 * objects at distance r from an object compares with a random (Poisson) arrangement of the same density.
 *
 * @since 0.1
 */
public final class RadialDistribution implements Measurement {

    public static final Param<Integer> BINS = Param.integer("bins", "Bins", "Distance bins from 0 to r_max", 50)
            .range(1, 100_000);
    public static final Param<Length> R_MAX = Param.length("r_max", "Largest distance",
            "Largest pair distance (converted with the x spacing when given in voxels); 0 = a quarter of the "
                    + "image's shortest side", 0);

    public static final OperatorSpec SPEC = OperatorSpec.builder("measure.radial_distribution",
            "Radial distribution g(r)")
            .category("Measure")
            .description("Pair correlation function of the object centroids (centre of mass of each label's "
                    + "voxel centres, physical units): one row per distance bin [r_min, r_max) from 0 to r_max. "
                    + "g = |W|^2 / (n (n - 1)) * sum over ordered pairs i != j with |x_i - x_j| in the bin of "
                    + "1 / |W intersected with W shifted by x_i - x_j| / shell volume (4/3 pi (r1^3 - r0^3); "
                    + "pi (r1^2 - r0^2) in 2D), where W is the image box (n_x s_x by n_y s_y (by n_z s_z)): "
                    + "Ohser's translation edge correction, unbiased for a box window. g = 1 for complete "
                    + "spatial randomness, below 1 where objects avoid each other (g = 0 below the hard-core "
                    + "distance of a lattice), above 1 where they cluster. 'pairs' counts unordered pairs in the "
                    + "bin without correction. r_max must be shorter than the image's shortest side. 2D and 3D.")
            .reference("Ohser J. On estimators for the reduced second moment measure of point processes. Math "
                    + "Operationsforsch Statist Ser Statist 14, 1983; Illian J et al. Statistical Analysis and "
                    + "Modelling of Spatial Point Patterns. Wiley 2008, ch. 4.3; Mader K. Quantitative Big Imaging "
                    + "(ETH Zurich), lecture 'Groups of objects': spatial distribution")
            .outputType("table 'radial_distribution' (one row per bin)")
            .parameters(BINS, R_MAX)
            .input(Port.labels("labels", "Label image (0 = background)"))
            .output(Port.table("radial_distribution", "g(r), one row per distance bin"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public List<ColumnSpec> columns() {
        return List.of(new ColumnSpec("r_min", "L", "lower bin edge (inclusive)"),
                new ColumnSpec("r_max", "L", "upper bin edge (exclusive)"),
                new ColumnSpec("r", "L", "bin centre"),
                new ColumnSpec("pairs", "", "unordered pairs of objects at a distance in the bin"),
                new ColumnSpec("g", "", "pair correlation: 1 random, < 1 regular, > 1 clustered"));
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image labels = inputs.image("labels");
        ImageHeader header = labels.header();
        Calibration.requireOneVolume(header, SPEC.name());
        boolean is3d = header.size(Axis.Z) > 1;
        String unit = Calibration.lengthUnit(header, is3d);
        double[] spacing = Calibration.spacing(header);
        int dims = is3d ? 3 : 2;
        double[] side = new double[3];
        double shortest = Double.POSITIVE_INFINITY;
        double window = 1;
        for (int a = 0; a < dims; a++) {
            side[a] = header.dimensions()[a] * spacing[a];
            shortest = Math.min(shortest, side[a]);
            window *= side[a];
        }
        Length rMaxParam = arguments.get(R_MAX);
        double rMax = rMaxParam.value() == 0 ? shortest / 4 : rMaxParam.toVoxels(header.axis(Axis.X)) * spacing[0];
        if (rMax >= shortest) {
            throw new IllegalArgumentException("r_max " + rMax + " " + unit + " is not shorter than the image's "
                    + "shortest side (" + shortest + " " + unit + "): the edge correction needs r_max < that side; "
                    + "give a smaller r_max");
        }
        int bins = arguments.get(BINS);
        context.monitor().begin(SPEC.name(), 2);
        try {
            double[][] points = centroids(RegionProperties.moments(labels, context), spacing);
            context.monitor().worked(1);
            double[] corrected = new double[bins];
            double[] pairs = new double[bins];
            countPairs(points, side, dims, rMax, bins, corrected, pairs);
            int n = points.length;
            double[] lo = new double[bins];
            double[] hi = new double[bins];
            double[] mid = new double[bins];
            double[] g = new double[bins];
            for (int b = 0; b < bins; b++) {
                lo[b] = rMax * b / bins;
                hi[b] = rMax * (b + 1) / bins;
                mid[b] = (lo[b] + hi[b]) / 2;
                double shell = is3d ? 4.0 / 3 * Math.PI * (hi[b] * hi[b] * hi[b] - lo[b] * lo[b] * lo[b])
                        : Math.PI * (hi[b] * hi[b] - lo[b] * lo[b]);
                // ordered pairs: twice the unordered sum
                g[b] = n < 2 ? Double.NaN : window * window / ((double) n * (n - 1)) * 2 * corrected[b] / shell;
            }
            Table table = Table.builder("radial_distribution").numbers("r_min", unit, lo).numbers("r_max", unit, hi)
                    .numbers("r", unit, mid).numbers("pairs", "", pairs).numbers("g", "", g).build();
            context.monitor().worked(1);
            return Outputs.ofTable(SPEC, table);
        } finally {
            context.monitor().done();
        }
    }

    /** Centroids of the objects, physical units from the first voxel centre, in label order. */
    static double[][] centroids(RegionMoments m, double[] spacing) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < m.capacity(); i++) {
            double count = m.count[i];
            if (count > 0) {
                points.add(new double[] { m.sx[i] / count * spacing[0], m.sy[i] / count * spacing[1],
                        m.sz[i] / count * spacing[2] });
            }
        }
        return points.toArray(double[][]::new);
    }

    /**
     * Unordered pairs closer than rMax, found by sorting along x and sweeping; per bin the plain count and the sum
     * of translation-correction weights 1 / prod(side - |delta|), added in a fixed order (deterministic).
     */
    private static void countPairs(double[][] points, double[] side, int dims, double rMax, int bins,
            double[] corrected, double[] pairs) {
        double[][] sorted = points.clone();
        java.util.Arrays.sort(sorted, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0])
                : a[1] != b[1] ? Double.compare(a[1], b[1]) : Double.compare(a[2], b[2]));
        double r2Max = rMax * rMax;
        for (int i = 0; i < sorted.length; i++) {
            double[] p = sorted[i];
            for (int j = i + 1; j < sorted.length && sorted[j][0] - p[0] < rMax; j++) {
                double[] q = sorted[j];
                double r2 = 0;
                double overlap = 1;
                for (int a = 0; a < dims; a++) {
                    double d = q[a] - p[a];
                    r2 += d * d;
                    overlap *= side[a] - Math.abs(d);
                }
                if (r2 >= r2Max) {
                    continue;
                }
                int b = Math.min(bins - 1, (int) (Math.sqrt(r2) / rMax * bins));
                pairs[b]++;
                corrected[b] += 1 / overlap;
            }
        }
    }
}
