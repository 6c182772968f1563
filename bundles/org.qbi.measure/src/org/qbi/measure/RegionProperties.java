package org.qbi.measure;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.image.Rescale;
import org.qbi.core.table.Table;
import org.qbi.measure.internal.Int128;
import org.qbi.measure.internal.LabelPlanes;
import org.qbi.measure.internal.LabelRows;
import org.qbi.measure.internal.Calibration;
import org.qbi.measure.internal.ExactSum;
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
 * Region properties of every object of a label image, in physical units: size, position, bounding box, shape from
 * the second moments (principal axes, elongation, flatness, orientation), border contact, nearest-neighbour
 * distance and, with an intensity image, intensity statistics. Definitions follow scikit-image's regionprops
 * (centroid, extent, equivalent diameter, axis lengths, 2D orientation) extended to anisotropic spacing.
 * <p>
 * One pass over the labels in runs along x; coordinate moments are summed as exact integers, so the table is the
 * same whatever the number of threads.
 */
public final class RegionProperties implements Measurement {

    public static final Param<Integer> CHANNEL = Param.integer("channel", "Channel",
            "Channel of the intensity image to measure (0 = first)", 0).range(0, 1_000_000);

    public static final OperatorSpec SPEC = OperatorSpec.builder("measure.regions", "Region properties")
            .category("Measure")
            .description("One row per label (1..n; 0 is background): voxel count, volume (area in 2D), centroid, "
                    + "bounding box, equivalent diameter, extent, principal axis lengths from the covariance of the "
                    + "voxel centres (ellipsoid of the same second moments: full axis length 2*sqrt(5*lambda) in 3D, "
                    + "4*sqrt(lambda) in 2D, as skimage), elongation (major/middle in 3D, major/minor in 2D), "
                    + "flatness (middle/minor, 3D), anisotropy (1 - minor/major), the major axis direction (3D) or orientation angle (2D, skimage's "
                    + "convention), border contact, distance to the nearest other object's centroid, and intensity "
                    + "statistics of an optional image (after its rescale, e.g. in HU). Lengths in the image's unit.")
            .reference("scikit-image regionprops; Burger W, Burge MJ. Digital Image Processing, ch. 11 (moments)")
            .outputType("table 'regions'")
            .parameters(CHANNEL)
            .input(Port.labels("labels", "Label image (0 = background)"))
            .input(Port.image("image", "Intensity image of the same size").asOptional())
            .output(Port.table("regions", "One row per object"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public List<ColumnSpec> columns() {
        return List.of(new ColumnSpec("label", "", "object label"),
                new ColumnSpec("voxel_count", "", "number of voxels (pixels in 2D)"),
                new ColumnSpec("volume", "L^3", "voxel count times voxel volume (area, L^2, in 2D)"),
                new ColumnSpec("centroid_x", "L", "mean position of the voxel centres (likewise _y, _z)"),
                new ColumnSpec("bbox_x_min", "", "first voxel index of the bounding box, inclusive (likewise max, y, z)"),
                new ColumnSpec("equivalent_diameter", "L", "diameter of the sphere (circle) of the same volume (area)"),
                new ColumnSpec("extent", "", "voxel count / bounding box voxel count"),
                new ColumnSpec("axis_major_length", "L", "major axis of the ellipsoid with the same second moments"),
                new ColumnSpec("axis_middle_length", "L", "middle axis (3D)"),
                new ColumnSpec("axis_minor_length", "L", "minor axis"),
                new ColumnSpec("elongation", "", "major / middle (3D), major / minor (2D)"),
                new ColumnSpec("flatness", "", "middle / minor (3D)"),
                new ColumnSpec("anisotropy", "", "1 - minor / major: 0 for a ball or disk, towards 1 for a needle or "
                        + "plate (BoneJ's degree of anisotropy of the object's ellipsoid)"),
                new ColumnSpec("major_axis_x", "", "unit vector of the major axis (3D; likewise _y, _z)"),
                new ColumnSpec("orientation", "rad", "2D: angle between the y axis (rows) and the major axis, as skimage"),
                new ColumnSpec("touches_border", "", "1 when the object touches the image border"),
                new ColumnSpec("nn_distance", "L", "distance to the nearest other object's centroid"),
                new ColumnSpec("mean_intensity", "I", "mean of the intensity image over the object (likewise std, min, "
                        + "max; intensity_sum is the sum)"));
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image labels = inputs.image("labels");
        ImageHeader header = labels.header();
        if (header.size(Axis.C) > 1 || header.size(Axis.T) > 1) {
            throw new IllegalArgumentException("Region properties measure one label volume; this label image has "
                    + header.size(Axis.C) + " channels and " + header.size(Axis.T) + " time points: extract one first");
        }
        Image intensity = inputs.has("image") ? inputs.image("image") : null;
        int channel = arguments.get(CHANNEL);
        if (intensity != null) {
            long[] a = header.dimensions();
            long[] b = intensity.header().dimensions();
            if (a[0] != b[0] || a[1] != b[1] || a[2] != b[2]) {
                throw new IllegalArgumentException("The intensity image is " + b[0] + " x " + b[1] + " x " + b[2]
                        + ", the labels " + a[0] + " x " + a[1] + " x " + a[2] + ": they must have the same size");
            }
            if (channel >= b[3]) {
                throw new IllegalArgumentException("Channel " + channel + " does not exist; the intensity image has "
                        + b[3] + " channel(s)");
            }
            if (intensity.header().pixelType().samplesPerPixel() != 1) {
                throw new IllegalArgumentException("The intensity image is " + intensity.header().pixelType().label()
                        + "; measure a single-sample image (split RGB into channels first)");
            }
        }
        context.monitor().begin(SPEC.name(), PARTITIONS + 1);
        try {
            RegionMoments moments = scan(labels, intensity, channel, NO_OFFSET, context);
            Table table = table(header, moments, intensity == null ? null : intensity.header().rescale());
            context.monitor().worked(1);
            return Outputs.ofTable(SPEC, table);
        } finally {
            context.monitor().done();
        }
    }

    /** Per-label moments of a label image (one parallel pass), for measurements built on the same sums. */
    static RegionMoments moments(Image labels, OperatorContext context) throws IOException {
        return scan(labels, null, 0, NO_OFFSET, context);
    }

    /**
     * The sums behind the table of one block of a label image (e.g. one chunk of a volume stored in chunks), in the
     * whole image's coordinates: partials of all blocks, {@link Partial#merge merged}, give the whole image's
     * {@link #table(ImageHeader, Partial, Rescale) table}. Serializable, to be computed where the block is (a
     * distributed engine's task) and merged elsewhere.
     *
     * @since 0.2
     */
    public static final class Partial implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final RegionMoments moments;

        private Partial(RegionMoments moments) {
            this.moments = moments;
        }

        /**
         * Adds {@code other}'s sums. Every sum is exact (counts and coordinate moments as integers, intensity sums
         * as 128-bit integers or exact floating-point sums rounded only when the table is made), so partials merged
         * in any order give the whole image's table bit for bit.
         */
        public Partial merge(Partial other) {
            moments.merge(other.moments);
            return this;
        }
    }

    /**
     * The partial sums of one block: {@code labels} (and {@code intensity}, one channel, or {@code null}) hold the
     * block's voxels as images of the block's size, {@code origin} is the block's first voxel (x, y, z) in the whole
     * image. Computed by the calling thread alone.
     *
     * @since 0.2
     */
    public static Partial partial(Image labels, Image intensity, long[] origin) throws IOException {
        return new Partial(scan(labels, intensity, 0, origin,
                OperatorContext.of(org.qbi.core.progress.ProgressMonitor.NULL).withParallelism(1)));
    }

    /**
     * The table of a whole label image with {@code header} from the merged partial sums of its blocks, as
     * {@code measure.regions} makes it; {@code intensityRescale} is the intensity image's rescale ({@code null}
     * without one).
     *
     * @since 0.2
     */
    public static Table table(ImageHeader header, Partial merged, Rescale intensityRescale) {
        return table(header, merged.moments, intensityRescale);
    }

    private static final long[] NO_OFFSET = { 0, 0, 0 };

    /** Rows (y, z) are split into this many partitions (any number would do: every sum is exact). */
    private static final int PARTITIONS = 16;
    /** Voxels tested for background at once. */
    private static final int BLOCK = 32;

    /** The sums of {@code labels}, whose first voxel is at {@code offset} (x, y, z) in the measured image. */
    private static RegionMoments scan(Image labels, Image intensity, int channel, long[] offset,
            OperatorContext context) throws IOException {
        int ox = Math.toIntExact(offset[0]);
        int oy = Math.toIntExact(offset[1]);
        int oz = Math.toIntExact(offset[2]);
        long[] dims = labels.header().dimensions();
        int nx = Math.toIntExact(dims[0]);
        long ny = dims[1];
        long rows = ny * dims[2];
        int parts = (int) Math.min(PARTITIONS, rows);
        RegionMoments[] partial = new RegionMoments[parts];
        PixelType labelType = labels.header().pixelType();
        PixelType valueType = intensity == null ? null : intensity.header().pixelType();
        context.forEach(parts, p -> {
            RegionMoments m = new RegionMoments(intensity != null);
            long first = rows * p / parts;
            long last = rows * (p + 1) / parts;
            int[] row = new int[nx];
            double[] rowValues = intensity == null ? null : new double[nx];
            try (Arena arena = Arena.ofConfined()) {
                LabelPlanes labelPlanes = new LabelPlanes(labels, 0, 0, arena);
                LabelPlanes valuePlanes = intensity == null ? null : new LabelPlanes(intensity, channel, 0, arena);
                MemorySegment plane = null;
                MemorySegment values = null;
                long planeZ = -1;
                for (long r = first; r < last; r++) {
                    long z = r / ny;
                    int y = (int) (r % ny);
                    if (z != planeZ) {
                        plane = labelPlanes.plane(z);
                        values = valuePlanes == null ? null : valuePlanes.plane(z);
                        planeZ = z;
                    }
                    if (LabelRows.isBackground(labelType, plane, (long) y * nx, nx)) {
                        continue;
                    }
                    LabelRows.read(labelType, plane, (long) y * nx, row, nx);
                    if (values != null) {
                        PixelValues.get(valueType, values, (long) y * nx, rowValues, nx);
                    }
                    scanRow(m, row, labelType, rowValues, valueType, y, (int) z, nx, ox, oy, oz);
                }
            }
            partial[p] = m;
        });
        RegionMoments total = partial[0];
        for (int p = 1; p < parts; p++) {
            total.merge(partial[p]);
        }
        return total;
    }

    /**
     * The runs of one row of labels ({@code row}, read from row y of plane z, with the row's intensities in
     * {@code values} or {@code null}). A method of its own, called per row:
     * the JIT compiles it once, instead of compiling the whole partition loop again at each of its loops (on-stack
     * replacement), which cost more CPU than a batch of small images spends measuring.
     */
    private static void scanRow(RegionMoments m, int[] row, PixelType labelType, double[] values,
            PixelType valueType, int y, int z, int nx, int ox, int oy, int oz) {
        // runs are closed when the label changes; blocks of background are skipped by one OR each
        int current = 0;
        int start = 0;
        for (int block = 0; block < nx; block += BLOCK) {
            int end = Math.min(nx, block + BLOCK);
            int any = 0;
            for (int i = block; i < end; i++) {
                any |= row[i];
            }
            if (any == 0) {
                if (current != 0) {
                    run(m, labelType, values, valueType, current, start, block, y, z, ox, oy, oz);
                    current = 0;
                }
                continue;
            }
            for (int x = block; x < end; x++) {
                int l = row[x];
                if (l != current) {
                    if (current != 0) {
                        run(m, labelType, values, valueType, current, start, x, y, z, ox, oy, oz);
                    }
                    current = l;
                    start = x;
                }
            }
        }
        if (current != 0) {
            run(m, labelType, values, valueType, current, start, nx, y, z, ox, oy, oz);
        }
    }

    private static void run(RegionMoments m, PixelType labelType, double[] values, PixelType valueType, int l,
            int x0, int x1, int y, int z, int ox, int oy, int oz) {
        LabelRows.check(labelType, l);
        int slot = m.addRun(l, x0 + ox, x1 + ox, y + oy, z + oz);
        if (values != null) {
            if (valueType.isInteger()) {
                for (int i = x0; i < x1; i++) {
                    m.addIntensity(slot, (long) values[i]);
                }
            } else {
                for (int i = x0; i < x1; i++) {
                    m.addIntensity(slot, values[i]);
                }
            }
        }
    }

    private static Table table(ImageHeader header, RegionMoments m, Rescale rescale) {
        boolean is3d = header.size(Axis.Z) > 1;
        AxisCalibration ax = header.axis(Axis.X);
        AxisCalibration ay = header.axis(Axis.Y);
        AxisCalibration az = header.axis(Axis.Z);
        double[] spacing = { ax.spacing(), ay.spacing(), az.spacing() };
        double[] origin = { ax.origin(), ay.origin(), az.origin() };
        String unit = Calibration.lengthUnit(header, is3d);
        long[] dims = header.dimensions();
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < m.capacity(); i++) {
            if (m.count[i] > 0) {
                present.add(i);
            }
        }
        int n = present.size();
        double voxel = spacing[0] * spacing[1] * (is3d ? spacing[2] : 1);
        Columns c = new Columns(n);
        double[][] centroids = new double[n][3];
        for (int i = 0; i < n; i++) {
            int l = present.get(i);
            double count = m.count[l];
            c.label[i] = m.base() + l;
            double mx = m.sx[l] / count;
            double my = m.sy[l] / count;
            double mz = m.sz[l] / count;
            c.count[i] = count;
            c.volume[i] = count * voxel;
            double[] centroid = { origin[0] + spacing[0] * mx, origin[1] + spacing[1] * my, origin[2] + spacing[2] * mz };
            centroids[i] = is3d ? centroid : new double[] { centroid[0], centroid[1], 0 };
            c.cx[i] = centroid[0];
            c.cy[i] = centroid[1];
            c.cz[i] = centroid[2];
            c.bx0[i] = m.minX[l];
            c.by0[i] = m.minY[l];
            c.bz0[i] = m.minZ[l];
            c.bx1[i] = m.maxX[l];
            c.by1[i] = m.maxY[l];
            c.bz1[i] = m.maxZ[l];
            double box = (m.maxX[l] - m.minX[l] + 1.0) * (m.maxY[l] - m.minY[l] + 1.0) * (m.maxZ[l] - m.minZ[l] + 1.0);
            c.extent[i] = count / box;
            c.diameter[i] = is3d ? Math.cbrt(6 * c.volume[i] / Math.PI) : Math.sqrt(4 * c.volume[i] / Math.PI);
            // covariance of the voxel centres in physical units (population, as skimage's central moments / mu0)
            long nl = m.count[l];
            Int128 cxx = Int128.central(nl, m.sx[l], m.sx[l], m.sxx[l]);
            Int128 cyy = Int128.central(nl, m.sy[l], m.sy[l], m.syy[l]);
            double vxx = cxx.toDouble() / count / count * spacing[0] * spacing[0];
            double vyy = cyy.toDouble() / count / count * spacing[1] * spacing[1];
            double vzz = Int128.central(nl, m.sz[l], m.sz[l], m.szz[l]).toDouble() / count / count * spacing[2] * spacing[2];
            double vxy = Int128.central(nl, m.sx[l], m.sy[l], m.sxy[l]).toDouble() / count / count * spacing[0] * spacing[1];
            double vxz = Int128.central(nl, m.sx[l], m.sz[l], m.sxz[l]).toDouble() / count / count * spacing[0] * spacing[2];
            double vyz = Int128.central(nl, m.sy[l], m.sz[l], m.syz[l]).toDouble() / count / count * spacing[1] * spacing[2];
            if (is3d) {
                SymmetricEigen eigen = new SymmetricEigen(new double[][] { { vxx, vxy, vxz }, { vxy, vyy, vyz },
                        { vxz, vyz, vzz } });
                c.major[i] = 2 * Math.sqrt(5 * Math.max(0, eigen.values[0]));
                c.middle[i] = 2 * Math.sqrt(5 * Math.max(0, eigen.values[1]));
                c.minor[i] = 2 * Math.sqrt(5 * Math.max(0, eigen.values[2]));
                c.elongation[i] = c.major[i] / c.middle[i];
                c.flatness[i] = c.middle[i] / c.minor[i];
                c.anisotropy[i] = 1 - c.minor[i] / c.major[i];
                c.dx[i] = eigen.vectors[0][0];
                c.dy[i] = eigen.vectors[0][1];
                c.dz[i] = eigen.vectors[0][2];
            } else {
                double mean = (vxx + vyy) / 2;
                double root = Math.sqrt(Math.max(0, (vxx - vyy) * (vxx - vyy) / 4 + vxy * vxy));
                c.major[i] = 4 * Math.sqrt(Math.max(0, mean + root));
                c.minor[i] = 4 * Math.sqrt(Math.max(0, mean - root));
                c.elongation[i] = c.major[i] / c.minor[i];
                c.anisotropy[i] = 1 - c.minor[i] / c.major[i];
                // skimage: a = var_x (columns), b = -cov, c = var_y (rows)
                double a = vxx;
                double b = -vxy;
                double cc = vyy;
                // skimage tests a == c exactly; the integer moments tell exactly (at equal x and y spacing)
                boolean equal = spacing[0] == spacing[1] ? cxx.equals(cyy) : a == cc;
                c.orientation[i] = equal ? (b < 0 ? -Math.PI / 4 : Math.PI / 4) : 0.5 * Math.atan2(-2 * b, cc - a);
            }
            boolean border = m.minX[l] == 0 || m.maxX[l] == dims[0] - 1 || m.minY[l] == 0 || m.maxY[l] == dims[1] - 1
                    || (is3d && (m.minZ[l] == 0 || m.maxZ[l] == dims[2] - 1));
            c.border[i] = border ? 1 : 0;
            if (m.hasIntensity()) {
                double slope = rescale.slope();
                double intercept = rescale.intercept();
                ExactSum sum = m.intensitySum(l);
                double total = sum.value();
                double mean = total / count;
                double variance = Math.max(0,
                        ExactSum.centralSecondMoment(nl, sum, m.intensitySquares(l)).value() / count / count);
                c.meanI[i] = slope * mean + intercept;
                c.stdI[i] = Math.abs(slope) * Math.sqrt(variance);
                double lo = slope * m.minI[l] + intercept;
                double hi = slope * m.maxI[l] + intercept;
                c.minI[i] = Math.min(lo, hi);
                c.maxI[i] = Math.max(lo, hi);
                c.sumI[i] = slope * total + intercept * count;
            }
        }
        double[] nn = org.qbi.measure.internal.NearestNeighbours.distances(centroids);
        Table.Builder t = Table.builder("regions").numbers("label", "", c.label).numbers("voxel_count", "", c.count)
                .numbers(is3d ? "volume" : "area", is3d ? unit + "^3" : unit + "^2", c.volume)
                .numbers("centroid_x", unit, c.cx).numbers("centroid_y", unit, c.cy);
        if (is3d) {
            t.numbers("centroid_z", unit, c.cz);
        }
        t.numbers("bbox_x_min", "", c.bx0).numbers("bbox_y_min", "", c.by0);
        if (is3d) {
            t.numbers("bbox_z_min", "", c.bz0);
        }
        t.numbers("bbox_x_max", "", c.bx1).numbers("bbox_y_max", "", c.by1);
        if (is3d) {
            t.numbers("bbox_z_max", "", c.bz1);
        }
        t.numbers("equivalent_diameter", unit, c.diameter).numbers("extent", "", c.extent)
                .numbers("axis_major_length", unit, c.major);
        if (is3d) {
            t.numbers("axis_middle_length", unit, c.middle);
        }
        t.numbers("axis_minor_length", unit, c.minor).numbers("elongation", "", c.elongation);
        if (is3d) {
            t.numbers("flatness", "", c.flatness);
        }
        t.numbers("anisotropy", "", c.anisotropy);
        if (is3d) {
            t.numbers("major_axis_x", "", c.dx).numbers("major_axis_y", "", c.dy)
                    .numbers("major_axis_z", "", c.dz);
        } else {
            t.numbers("orientation", "rad", c.orientation);
        }
        t.numbers("touches_border", "", c.border).numbers("nn_distance", unit, nn);
        if (m.hasIntensity()) {
            String iu = rescale.unit() == null ? "" : rescale.unit();
            t.numbers("mean_intensity", iu, c.meanI).numbers("std_intensity", iu, c.stdI)
                    .numbers("min_intensity", iu, c.minI).numbers("max_intensity", iu, c.maxI)
                    .numbers("intensity_sum", iu, c.sumI);
        }
        return t.build();
    }

    /** The table's columns while they are filled. */
    private static final class Columns {
        final double[] label, count, volume, cx, cy, cz, bx0, by0, bz0, bx1, by1, bz1, diameter, extent, major, middle,
                minor, elongation, flatness, anisotropy, dx, dy, dz, orientation, border, meanI, stdI, minI, maxI, sumI;

        Columns(int n) {
            label = new double[n];
            count = new double[n];
            volume = new double[n];
            cx = new double[n];
            cy = new double[n];
            cz = new double[n];
            bx0 = new double[n];
            by0 = new double[n];
            bz0 = new double[n];
            bx1 = new double[n];
            by1 = new double[n];
            bz1 = new double[n];
            diameter = new double[n];
            extent = new double[n];
            major = new double[n];
            middle = new double[n];
            minor = new double[n];
            elongation = new double[n];
            flatness = new double[n];
            anisotropy = new double[n];
            dx = new double[n];
            dy = new double[n];
            dz = new double[n];
            orientation = new double[n];
            border = new double[n];
            meanI = new double[n];
            stdI = new double[n];
            minI = new double[n];
            maxI = new double[n];
            sumI = new double[n];
        }
    }
}
