package org.qbi.ops.compare;

import java.io.IOException;
import java.util.List;

import org.qbi.core.table.Column;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Port;
import org.qbi.ops.compare.internal.ImagePair;
import org.qbi.ops.compare.internal.MaskCounts;

/**
 * Dice coefficient and Jaccard index (intersection over union) of two masks.
 *
 * @since 0.1
 */
public final class Overlap implements Operator {

    public static final OperatorSpec SPEC = OperatorSpec.builder("compare.overlap", "Dice and Jaccard (IoU)")
            .category("Compare")
            .description("For each channel and time point of two masks (non-zero = foreground): Dice = 2 |R and T| "
                    + "/ (|R| + |T|) and Jaccard = |R and T| / |R or T| (intersection over union), with the voxel "
                    + "counts. Two empty masks agree perfectly: Dice = Jaccard = 1 (scipy.spatial.distance.dice "
                    + "would divide by zero). Masks of different sizes are refused.")
            .reference("Dice LR. Measures of the amount of ecologic association between species. Ecology "
                    + "1945;26(3):297-302; Jaccard P. Bull Soc Vaudoise Sci Nat 1912;37:547-579")
            .outputType("table (one row per channel and time point)")
            .input(Port.mask("reference", "The reference mask (ground truth)"))
            .input(Port.mask("test", "The mask compared with it"))
            .output(Port.table("overlap", "channel, time, dice, jaccard, reference_voxels, test_voxels, "
                    + "intersection_voxels, union_voxels"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        ImagePair pair = ImagePair.of(SPEC.id(), inputs.image("reference"), inputs.image("test"));
        int n = pair.volumes();
        double[] dice = new double[n];
        double[] jaccard = new double[n];
        double[] reference = new double[n];
        double[] test = new double[n];
        double[] intersection = new double[n];
        double[] union = new double[n];
        context.monitor().begin(SPEC.name(), n * pair.dimensions()[2]);
        try {
            for (int v = 0; v < n; v++) {
                MaskCounts counts = MaskCounts.of(pair, v, context);
                long both = counts.tp();
                long either = counts.tp() + counts.fp() + counts.fn();
                reference[v] = counts.tp() + counts.fn();
                test[v] = counts.tp() + counts.fp();
                intersection[v] = both;
                union[v] = either;
                dice[v] = either == 0 ? 1 : 2.0 * both / (reference[v] + test[v]);
                jaccard[v] = either == 0 ? 1 : (double) both / either;
            }
        } finally {
            context.monitor().done();
        }
        return Outputs.ofTable(SPEC, pair.table("overlap", List.of(Column.of("dice", "", dice),
                Column.of("jaccard", "", jaccard), Column.of("reference_voxels", "", reference),
                Column.of("test_voxels", "", test), Column.of("intersection_voxels", "", intersection),
                Column.of("union_voxels", "", union))));
    }
}
