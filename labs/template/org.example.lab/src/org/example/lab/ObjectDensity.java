package org.example.lab;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.BitSet;
import java.util.List;

import org.qbi.core.image.Axis;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.table.Table;
import org.qbi.measure.Measurement;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Port;

/**
 * Number density of objects: how many labelled objects an image holds per unit of its area (2D) or volume (3D),
 * and their mean size, one row per image.
 * <p>
 * The example measurement of docs/EXTENDING.md: a measurement is an operator with table outputs that documents
 * its columns ({@link #columns()}); values are in physical units from the image's calibration.
 */
public final class ObjectDensity implements Measurement {

    public static final OperatorSpec SPEC = OperatorSpec.builder("example.object_density", "Object density")
            .category("Example lab")
            .description("Counts the distinct labels (> 0) of a label image and divides by the image's area (2D) "
                    + "or volume (3D) in physical units; the mean object size is the labelled voxels' area or "
                    + "volume over the count. One row.")
            .reference("Howard CV, Reed MG. Unbiased Stereology, 2nd ed. Garland Science, 2005 (number density)")
            .outputType("table 'density'")
            .input(Port.labels("labels", "Label image (0 = background)"))
            .output(Port.table("density", "One row: count, reference size, density, mean object size"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public List<ColumnSpec> columns() {
        return List.of(new ColumnSpec("objects", "", "number of distinct labels above 0"),
                new ColumnSpec("reference", "L^d", "the image's area (2D, L^2) or volume (3D, L^3)"),
                new ColumnSpec("density", "1/L^d", "objects per unit area or volume"),
                new ColumnSpec("mean_size", "L^d", "labelled area or volume divided by the number of objects"));
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image labels = inputs.image("labels");
        ImageHeader header = labels.header();
        PixelType type = header.pixelType();
        if (!type.isInteger() || type.samplesPerPixel() != 1) {
            throw new IllegalArgumentException("example.object_density needs a label image of integers, got "
                    + type.name().toLowerCase());
        }
        BitSet seen = new BitSet();
        long labelled = 0;
        ChunkGrid grid = labels.grid();
        for (long n = 0; n < grid.chunkCount(); n++) {
            context.monitor().checkCanceled("Object density");
            long[] index = grid.index(n);
            MemorySegment chunk = labels.chunk(index);
            long count = grid.pixelCount(index);
            for (long i = 0; i < count; i++) {
                long label = (long) PixelValues.get(type, chunk, i);
                if (label > 0) {
                    if (label > Integer.MAX_VALUE - 1) {
                        throw new IllegalArgumentException("example.object_density: label " + label
                                + " is above the largest supported label " + (Integer.MAX_VALUE - 1));
                    }
                    seen.set((int) label);
                    labelled++;
                }
            }
        }
        boolean threeD = header.size(Axis.Z) > 1;
        double voxel = header.axis(Axis.X).spacing() * header.axis(Axis.Y).spacing()
                * (threeD ? header.axis(Axis.Z).spacing() : 1);
        double reference = header.size(Axis.X) * header.size(Axis.Y) * (threeD ? header.size(Axis.Z) : 1) * voxel;
        int objects = seen.cardinality();
        String unit = header.axis(Axis.X).unit();
        String power = unit + (threeD ? "^3" : "^2");
        Table table = Table.builder("density").numbers("objects", "", objects)
                .numbers("reference", power, reference)
                .numbers("density", "1/" + power, objects / reference)
                .numbers("mean_size", power, objects == 0 ? Double.NaN : labelled * voxel / objects).build();
        return Outputs.ofTable(SPEC, table);
    }
}
