package org.qbi.stats.internal;

import java.util.List;

import org.qbi.core.table.Table;
import org.qbi.stats.Analysis;
import org.qbi.stats.ComparisonTable;
import org.qbi.stats.MatchedValues;

/**
 * Bland-Altman agreement of two methods (or two repeats) on the same subjects, written here (no Java library has
 * it): differences d = a - b; bias = mean d with its t interval; limits of agreement bias -+ z sd (z = 1.95996,
 * the exact normal quantile Bland and Altman round to 1.96) with their approximate intervals, se =
 * sd sqrt(1/n + z^2 / (2 (n - 1))) (Bland and Altman 1999, Stat Methods Med Res 8:135). {@link #points} gives the
 * plot's data (mean and difference per subject).
 */
public final class BlandAltman implements Analysis<MatchedValues> {

    public static final String ID = "bland-altman";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Bland-Altman agreement";
    }

    @Override
    public String description() {
        return "Agreement of two methods on the same subjects: bias (mean difference a - b) and 95% limits of "
                + "agreement, each with its 95% CI.";
    }

    @Override
    public Class<MatchedValues> dataType() {
        return MatchedValues.class;
    }

    @Override
    public Table run(MatchedValues data) {
        checkTwo(data);
        double[] d = differences(data);
        int n = d.length;
        Moments m = Moments.of(d);
        double z = Moments.z(ComparisonTable.CONFIDENCE);
        double t = Moments.t(ComparisonTable.CONFIDENCE, n - 1);
        double biasHalf = t * m.sd() / Math.sqrt(n);
        double low = m.mean() - z * m.sd();
        double high = m.mean() + z * m.sd();
        double loaHalf = t * m.sd() * Math.sqrt(1.0 / n + z * z / (2.0 * (n - 1)));
        String unit = data.unit();
        return Table.builder(ID).texts("value", List.of(data.valueName()))
                .texts("method_a", List.of(data.repeats().get(0))).texts("method_b", List.of(data.repeats().get(1)))
                .numbers("n", "", n).numbers("bias", unit, m.mean()).numbers("sd", unit, m.sd())
                .numbers("loa_low", unit, low).numbers("loa_high", unit, high)
                .numbers("bias_ci_low", unit, m.mean() - biasHalf).numbers("bias_ci_high", unit, m.mean() + biasHalf)
                .numbers("loa_low_ci_low", unit, low - loaHalf).numbers("loa_low_ci_high", unit, low + loaHalf)
                .numbers("loa_high_ci_low", unit, high - loaHalf).numbers("loa_high_ci_high", unit, high + loaHalf)
                .numbers("confidence", "", ComparisonTable.CONFIDENCE).build();
    }

    /** The Bland-Altman plot's points: per subject the mean of the two methods and their difference a - b. */
    public static Table points(MatchedValues data) {
        checkTwo(data);
        double[] d = differences(data);
        double[] mean = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            mean[i] = (data.value(i, 0) + data.value(i, 1)) / 2;
        }
        return Table.builder("bland_altman_points").texts("subject", data.subjects())
                .numbers("mean", data.unit(), mean).numbers("difference", data.unit(), d).build();
    }

    private static void checkTwo(MatchedValues data) {
        data.require(2, 2, "Bland-Altman agreement");
        if (data.repeats().size() != 2) {
            throw new IllegalArgumentException("Bland-Altman agreement compares two methods; '" + data.valueName()
                    + "' has " + data.repeats().size() + " repeats " + data.repeats() + ": keep two of them");
        }
    }

    private static double[] differences(MatchedValues data) {
        double[] d = new double[data.subjects().size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = data.value(i, 0) - data.value(i, 1);
        }
        return d;
    }
}
