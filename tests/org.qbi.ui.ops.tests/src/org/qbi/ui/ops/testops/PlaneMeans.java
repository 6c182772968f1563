package org.qbi.ui.ops.testops;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelValues;
import org.qbi.core.table.Table;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Port;

/** A table output: the mean of every x-y plane (first channel and time point). */
public final class PlaneMeans implements Operator {

    public static final OperatorSpec SPEC = OperatorSpec.builder("test.plane_means", "Plane means")
            .category("Test").description("The mean of each x-y plane (tests).").outputType("table")
            .input(Port.image("image", "Any image")).output(Port.table("means", "z and mean")).build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image image = inputs.image();
        ImageHeader header = image.header();
        long[] dims = header.dimensions();
        double[] z = new double[(int) dims[2]];
        double[] means = new double[(int) dims[2]];
        for (int i = 0; i < z.length; i++) {
            MemorySegment plane = image.readPlane(i, 0, 0, Arena.ofAuto());
            double sum = 0;
            for (long p = 0; p < dims[0] * dims[1]; p++) {
                sum += PixelValues.get(header.pixelType(), plane, p);
            }
            z[i] = i;
            means[i] = sum / (dims[0] * dims[1]);
        }
        return Outputs.ofTable(SPEC, Table.builder("plane means").numbers("z", "", z).numbers("mean", "", means).build());
    }
}
