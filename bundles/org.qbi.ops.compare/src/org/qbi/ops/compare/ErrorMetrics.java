package org.qbi.ops.compare;

import java.io.IOException;
import java.util.List;

import org.qbi.core.image.PixelType;
import org.qbi.core.table.Column;
import org.qbi.core.table.Table;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.compare.internal.DataRange;
import org.qbi.ops.compare.internal.ImagePair;

/**
 * Mean absolute error, mean squared error, its root and the peak signal-to-noise ratio between two images.
 *
 * @since 0.1
 */
public final class ErrorMetrics implements Operator {

    public static final Param<Double> DATA_RANGE = Param.real("data_range", "Data range",
            "Span of possible values for PSNR; 0: from the reference's type as skimage does (integer types: the "
                    + "type's maximum when the reference has no negative values, else max - min; float images must "
                    + "give it)", 0).range(0, Double.POSITIVE_INFINITY);

    public static final OperatorSpec SPEC = OperatorSpec.builder("compare.errors", "Error metrics (MAE, MSE, PSNR)")
            .category("Compare")
            .description("For each channel and time point: MAE = mean |test - reference|, MSE = mean (test - "
                    + "reference)^2 (skimage.metrics.mean_squared_error), RMSE = sqrt(MSE) (skimage's "
                    + "normalized_root_mse without normalisation), the largest absolute error, and PSNR = 10 log10("
                    + "data_range^2 / MSE) dB (skimage.metrics.peak_signal_noise_ratio; infinite for identical images). "
                    + "Sums in double precision on stored values. Images of different sizes are refused.")
            .reference("Wang Z, Bovik AC. Mean squared error: love it or leave it? IEEE Signal Process Mag "
                    + "2009;26(1):98-117; skimage.metrics")
            .outputType("table (one row per channel and time point)")
            .parameters(DATA_RANGE)
            .input(Port.image("reference", "The reference image"))
            .input(Port.image("test", "The image compared with it"))
            .output(Port.table("errors", "channel, time, mae, mse, rmse, max_error, psnr, data_range"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        ImagePair pair = ImagePair.of(SPEC.id(), inputs.image("reference"), inputs.image("test"));
        PixelType type = pair.reference().header().pixelType();
        double given = arguments.get(DATA_RANGE);
        DataRange.requireGivenForFloat(SPEC.id(), type, given);
        int volumes = pair.volumes();
        double[] mae = new double[volumes];
        double[] mse = new double[volumes];
        double[] rmse = new double[volumes];
        double[] maxError = new double[volumes];
        double[] psnr = new double[volumes];
        double[] range = new double[volumes];
        long[] d = pair.dimensions();
        double count = (double) d[0] * d[1] * d[2];
        context.monitor().begin(SPEC.name(), volumes * d[2]);
        try {
            for (int v = 0; v < volumes; v++) {
                // per plane: sum |e|, sum e^2, max |e|, min and max of the reference
                List<double[]> sums = pair.planes(v, context, (reference, test, z) -> {
                    double abs = 0;
                    double squares = 0;
                    double max = 0;
                    double lo = Double.POSITIVE_INFINITY;
                    double hi = Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < reference.length; i++) {
                        double e = (double) test[i] - reference[i];
                        abs += Math.abs(e);
                        squares += e * e;
                        max = Math.max(max, Math.abs(e));
                        lo = Math.min(lo, reference[i]);
                        hi = Math.max(hi, reference[i]);
                    }
                    return new double[] { abs, squares, max, lo, hi };
                });
                double abs = 0;
                double squares = 0;
                double lo = Double.POSITIVE_INFINITY;
                for (double[] s : sums) {
                    abs += s[0];
                    squares += s[1];
                    maxError[v] = Math.max(maxError[v], s[2]);
                    lo = Math.min(lo, s[3]);
                }
                mae[v] = abs / count;
                mse[v] = squares / count;
                rmse[v] = Math.sqrt(mse[v]);
                double[] typeRange = DataRange.ofType(type);
                range[v] = given > 0 ? given : lo >= 0 ? typeRange[1] : typeRange[1] - typeRange[0];
                psnr[v] = 10 * Math.log10(range[v] * range[v] / mse[v]);
            }
        } finally {
            context.monitor().done();
        }
        String unit = "";
        Table table = pair.table("errors", List.of(Column.of("mae", unit, mae), Column.of("mse", "", mse),
                Column.of("rmse", unit, rmse), Column.of("max_error", unit, maxError), Column.of("psnr", "dB", psnr),
                Column.of("data_range", unit, range)));
        return Outputs.ofTable(SPEC, table);
    }
}
