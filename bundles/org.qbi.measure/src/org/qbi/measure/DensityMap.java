package org.qbi.measure;

import java.io.IOException;
import java.util.List;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
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
 * Density map of the objects of a label image: objects per unit volume (area in 2D) on a coarse grid of cells,
 * as a calibrated image and as a table of cells.
 *
 * @since 0.1
 */
public final class DensityMap implements Measurement {

    public static final Param<Length> CELL = Param.length("cell", "Cell size",
            "Side of a grid cell, converted per axis (anisotropic spacing) and rounded to whole voxels", 32)
            .range(1e-9, 1e12);

    public static final OperatorSpec SPEC = OperatorSpec.builder("measure.density", "Density map")
            .category("Measure")
            .description("Number of objects per unit volume (area in 2D) in the cells of a coarse grid laid over "
                    + "the image from its first voxel: each object counts once, in the cell holding its centroid "
                    + "(centre of mass of its voxel centres). The cell size is converted to whole voxels per axis "
                    + "(at least one); cells at the far borders can be smaller, and their density is per their "
                    + "own volume inside the image. Outputs: table 'cells' (one row per cell: index, centre, "
                    + "objects, volume, density) and image 'density' (float32, one voxel per cell, spacing = cell "
                    + "size, origin at the first full cell's centre; 2D for 2D labels). One label volume.")
            .reference("Mader K. Quantitative Big Imaging (ETH Zurich), lecture 'Groups of objects': density maps; "
                    + "Illian J et al. Statistical Analysis and Modelling of Spatial Point Patterns. Wiley 2008, "
                    + "ch. 4.2 (intensity of a point process, quadrat counts)")
            .outputType("table 'cells', float32 image 'density' (objects per L^3, or per L^2 in 2D)")
            .parameters(CELL)
            .input(Port.labels("labels", "Label image (0 = background)"))
            .output(Port.table("cells", "One row per grid cell"))
            .output(Port.image("density", "Objects per unit volume, one voxel per cell"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public List<ColumnSpec> columns() {
        return List.of(new ColumnSpec("cell_x", "", "cell index along x (likewise _y, _z)"),
                new ColumnSpec("centre_x", "L", "centre of the cell's voxels (likewise _y, _z)"),
                new ColumnSpec("objects", "", "objects whose centroid lies in the cell"),
                new ColumnSpec("volume", "L^3", "volume of the cell inside the image (area, L^2, in 2D)"),
                new ColumnSpec("density", "1/L^3", "objects / volume (1/L^2 in 2D)"));
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image labels = inputs.image("labels");
        ImageHeader header = labels.header();
        Calibration.requireOneVolume(header, SPEC.name());
        boolean is3d = header.size(Axis.Z) > 1;
        String unit = Calibration.lengthUnit(header, is3d);
        double[] spacing = Calibration.spacing(header);
        long[] n = header.dimensions();
        double[] cellVoxels = arguments.get(CELL).toVoxels(header);
        int[] cell = new int[3];
        int[] cells = new int[3];
        for (int a = 0; a < 3; a++) {
            cell[a] = a == 2 && !is3d ? 1 : (int) Math.max(1, Math.min(n[a], Math.round(cellVoxels[a])));
            cells[a] = (int) ((n[a] + cell[a] - 1) / cell[a]);
        }
        long total = (long) cells[0] * cells[1] * cells[2];
        if (total > 50_000_000) {
            throw new IllegalArgumentException("A cell of " + arguments.get(CELL) + " makes " + total
                    + " cells; give a larger cell size");
        }
        context.monitor().begin(SPEC.name(), 2);
        try {
            RegionMoments m = RegionProperties.moments(labels, context);
            context.monitor().worked(1);
            int count = (int) total;
            double[] objects = new double[count];
            for (int i = 0; i < m.capacity(); i++) {
                long v = m.count[i];
                if (v == 0) {
                    continue;
                }
                // the cell of the centroid (in voxel coordinates; a centroid half-way between cells goes up)
                int cx = (int) Math.min(cells[0] - 1, Math.floor((m.sx[i] / (double) v + 0.5) / cell[0]));
                int cy = (int) Math.min(cells[1] - 1, Math.floor((m.sy[i] / (double) v + 0.5) / cell[1]));
                int cz = (int) Math.min(cells[2] - 1, Math.floor((m.sz[i] / (double) v + 0.5) / cell[2]));
                objects[cx + cells[0] * (cy + cells[1] * cz)]++;
            }
            double[][] index = new double[3][count];
            double[][] centre = new double[3][count];
            double[] volume = new double[count];
            double[] density = new double[count];
            double[] origin = { header.axis(Axis.X).origin(), header.axis(Axis.Y).origin(), header.axis(Axis.Z).origin() };
            for (int k = 0; k < count; k++) {
                int[] c = { k % cells[0], (k / cells[0]) % cells[1], k / (cells[0] * cells[1]) };
                double v = 1;
                for (int a = 0; a < 3; a++) {
                    long first = (long) c[a] * cell[a];
                    long last = Math.min(n[a], first + cell[a]) - 1;
                    index[a][k] = c[a];
                    centre[a][k] = origin[a] + spacing[a] * (first + last) / 2.0;
                    if (a < 2 || is3d) {
                        v *= (last - first + 1) * spacing[a];
                    }
                }
                volume[k] = v;
                density[k] = objects[k] / v;
            }
            ImageHeader mapHeader = ImageHeader.uncalibrated(PixelType.FLOAT32, cells[0], cells[1], cells[2])
                    .withAxes(List.of(axis(header, Axis.X, cells[0], cell[0]), axis(header, Axis.Y, cells[1], cell[1]),
                            axis(header, Axis.Z, cells[2], cell[2]), AxisCalibration.uncalibrated(Axis.C, 1),
                            AxisCalibration.uncalibrated(Axis.T, 1)));
            ArrayImage map = context.allocate(mapHeader);
            for (int k = 0; k < count; k++) {
                PixelValues.set(PixelType.FLOAT32, map.values(), k, density[k]);
            }
            String perVolume = is3d ? "1/" + unit + "^3" : "1/" + unit + "^2";
            Table.Builder table = Table.builder("cells").numbers("cell_x", "", index[0]).numbers("cell_y", "", index[1]);
            if (is3d) {
                table.numbers("cell_z", "", index[2]);
            }
            table.numbers("centre_x", unit, centre[0]).numbers("centre_y", unit, centre[1]);
            if (is3d) {
                table.numbers("centre_z", unit, centre[2]);
            }
            table.numbers("objects", "", objects).numbers("volume", is3d ? unit + "^3" : unit + "^2", volume)
                    .numbers("density", perVolume, density);
            context.monitor().worked(1);
            return Outputs.builder(SPEC).put("cells", table.build()).put("density", map).build();
        } finally {
            context.monitor().done();
        }
    }

    /** The grid's axis: one voxel per cell, spacing = cell size, origin at the first cell's centre. */
    private static AxisCalibration axis(ImageHeader header, Axis axis, int cells, int cell) {
        AxisCalibration source = header.axis(axis);
        if (source.size() <= 1) {
            return source;
        }
        return AxisCalibration.of(axis, cells, source.spacing() * cell,
                source.origin() + source.spacing() * (cell - 1) / 2.0, source.unit());
    }
}
