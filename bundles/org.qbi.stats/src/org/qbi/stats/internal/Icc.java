package org.qbi.stats.internal;

import java.util.List;

import org.apache.commons.statistics.distribution.FDistribution;
import org.qbi.core.table.Table;
import org.qbi.stats.Analysis;
import org.qbi.stats.ComparisonTable;
import org.qbi.stats.MatchedValues;

/**
 * Intraclass correlation of n subjects each measured by the same k repeats (raters, scans, sessions), written
 * here (no Java library has it), from the two-way ANOVA mean squares of subjects (MSR), repeats (MSC) and error
 * (MSE) (Shrout and Fleiss 1979; McGraw and Wong 1996):
 * <ul>
 * <li>ICC(2,1), absolute agreement of single measurements, repeats a random sample:
 * (MSR - MSE) / (MSR + (k - 1) MSE + k (MSC - MSE) / n); interval from McGraw and Wong's approximate F with
 * Satterthwaite degrees of freedom (as pingouin.intraclass_corr computes it).</li>
 * <li>ICC(3,1), consistency of single measurements, repeats fixed: (MSR - MSE) / (MSR + (k - 1) MSE); interval
 * from F = MSR / MSE with (n - 1, (n - 1)(k - 1)) df.</li>
 * </ul>
 * Both rows carry that F, its df and p (H0: ICC = 0).
 */
public final class Icc implements Analysis<MatchedValues> {

    public static final String ID = "icc";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Intraclass correlation";
    }

    @Override
    public String description() {
        return "Reliability of repeated measurements of the same subjects: ICC(2,1) (absolute agreement) and "
                + "ICC(3,1) (consistency) with 95% CIs and the F test of ICC = 0.";
    }

    @Override
    public Class<MatchedValues> dataType() {
        return MatchedValues.class;
    }

    @Override
    public Table run(MatchedValues data) {
        data.require(2, 2, label());
        double[][] x = data.values();
        int n = x.length;
        int k = x[0].length;
        double grand = 0;
        double[] rowMeans = new double[n];
        double[] columnMeans = new double[k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                rowMeans[i] += x[i][j] / k;
                columnMeans[j] += x[i][j] / n;
                grand += x[i][j] / ((double) n * k);
            }
        }
        double ssRows = 0;
        double ssColumns = 0;
        double ssTotal = 0;
        for (int i = 0; i < n; i++) {
            ssRows += k * (rowMeans[i] - grand) * (rowMeans[i] - grand);
            for (int j = 0; j < k; j++) {
                ssTotal += (x[i][j] - grand) * (x[i][j] - grand);
            }
        }
        for (int j = 0; j < k; j++) {
            ssColumns += n * (columnMeans[j] - grand) * (columnMeans[j] - grand);
        }
        double dfRows = n - 1.0;
        double dfColumns = k - 1.0;
        double dfError = dfRows * dfColumns;
        double msr = ssRows / dfRows;
        double msc = ssColumns / dfColumns;
        double mse = Math.max(0, ssTotal - ssRows - ssColumns) / dfError;
        double alpha = 1 - ComparisonTable.CONFIDENCE;

        double f = msr / mse;
        double p = mse == 0 ? 0 : FDistribution.of(dfRows, dfError).survivalProbability(f);

        double icc3 = (msr - mse) / (msr + (k - 1) * mse);
        double fLow = f / FDistribution.of(dfRows, dfError).inverseSurvivalProbability(alpha / 2);
        double fHigh = f * FDistribution.of(dfError, dfRows).inverseSurvivalProbability(alpha / 2);
        double icc3Low = mse == 0 ? 1 : (fLow - 1) / (fLow + k - 1);
        double icc3High = mse == 0 ? 1 : (fHigh - 1) / (fHigh + k - 1);

        double icc2 = (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n);
        double[] icc2Interval = icc2Interval(icc2, msr, msc, mse, n, k, alpha);

        return Table.builder(ID).texts("value", List.of(data.valueName(), data.valueName()))
                .texts("type", List.of("ICC(2,1)", "ICC(3,1)"))
                .texts("meaning", List.of("absolute agreement, single measurement, repeats random",
                        "consistency, single measurement, repeats fixed"))
                .numbers("icc", "", icc2, icc3)
                .numbers("ci_low", "", icc2Interval[0], icc3Low).numbers("ci_high", "", icc2Interval[1], icc3High)
                .numbers("f", "", f, f).numbers("df1", "", dfRows, dfRows).numbers("df2", "", dfError, dfError)
                .numbers("p_value", "", p, p).numbers("subjects", "", n, n).numbers("repeats", "", k, k)
                .numbers("confidence", "", ComparisonTable.CONFIDENCE, ComparisonTable.CONFIDENCE).build();
    }

    /** McGraw and Wong (1996) interval of ICC(A,1), as pingouin implements it. */
    private static double[] icc2Interval(double icc, double msr, double msc, double mse, int n, int k, double alpha) {
        if (mse == 0 && msc == 0) {
            return new double[] { 1, 1 };
        }
        double a = k * icc / (n * (1 - icc));
        double b = 1 + k * icc * (n - 1) / (n * (1 - icc));
        double v = Math.pow(a * msc + b * mse, 2)
                / (Math.pow(a * msc, 2) / (k - 1) + Math.pow(b * mse, 2) / ((n - 1.0) * (k - 1)));
        double fUpper = FDistribution.of(n - 1.0, v).inverseSurvivalProbability(alpha / 2);
        double fLower = FDistribution.of(v, n - 1.0).inverseSurvivalProbability(alpha / 2);
        double low = n * (msr - fUpper * mse) / (fUpper * (k * msc + (k * n - k - n) * mse) + n * msr);
        double high = n * (fLower * msr - mse) / (k * msc + (k * n - k - n) * mse + n * fLower * msr);
        return new double[] { low, high };
    }
}
