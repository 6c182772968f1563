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
 * Voxel-wise confusion counts of a test mask against a reference mask, with precision, recall, specificity and
 * accuracy.
 *
 * @since 0.1
 */
public final class Confusion implements Operator {

    public static final OperatorSpec SPEC = OperatorSpec.builder("compare.confusion", "Confusion counts")
            .category("Compare")
            .description("For each channel and time point of two masks (non-zero = foreground): TP (foreground in "
                    + "both), FP (test only), FN (reference only), TN (neither), precision = TP / (TP + FP), recall "
                    + "(sensitivity) = TP / (TP + FN), specificity = TN / (TN + FP), accuracy = (TP + TN) / all, and "
                    + "F1 = 2 TP / (2 TP + FP + FN), as sklearn.metrics.confusion_matrix and precision_recall_fscore_"
                    + "support on the flattened masks; a ratio whose denominator is 0 is empty (NaN). Masks of "
                    + "different sizes are refused.")
            .reference("Fawcett T. An introduction to ROC analysis. Pattern Recognit Lett 2006;27(8):861-874")
            .outputType("table (one row per channel and time point)")
            .input(Port.mask("reference", "The reference mask (ground truth)"))
            .input(Port.mask("test", "The mask compared with it (prediction)"))
            .output(Port.table("confusion", "channel, time, tp, fp, fn, tn, precision, recall, specificity, "
                    + "accuracy, f1"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        ImagePair pair = ImagePair.of(SPEC.id(), inputs.image("reference"), inputs.image("test"));
        int n = pair.volumes();
        double[][] columns = new double[9][n];
        context.monitor().begin(SPEC.name(), n * pair.dimensions()[2]);
        try {
            for (int v = 0; v < n; v++) {
                MaskCounts c = MaskCounts.of(pair, v, context);
                columns[0][v] = c.tp();
                columns[1][v] = c.fp();
                columns[2][v] = c.fn();
                columns[3][v] = c.tn();
                columns[4][v] = MaskCounts.ratio(c.tp(), c.tp() + c.fp());
                columns[5][v] = MaskCounts.ratio(c.tp(), c.tp() + c.fn());
                columns[6][v] = MaskCounts.ratio(c.tn(), c.tn() + c.fp());
                columns[7][v] = MaskCounts.ratio(c.tp() + c.tn(), c.tp() + c.fp() + c.fn() + c.tn());
                columns[8][v] = MaskCounts.ratio(2 * c.tp(), 2 * c.tp() + c.fp() + c.fn());
            }
        } finally {
            context.monitor().done();
        }
        String[] names = { "tp", "fp", "fn", "tn", "precision", "recall", "specificity", "accuracy", "f1" };
        List<Column> list = new java.util.ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            list.add(Column.of(names[i], "", columns[i]));
        }
        return Outputs.ofTable(SPEC, pair.table("confusion", list));
    }
}
