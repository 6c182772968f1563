package org.qbi.stats.internal;

import java.util.ArrayList;
import java.util.List;

import org.qbi.core.table.Table;
import org.qbi.stats.Analysis;
import org.qbi.stats.MatchedValues;

/**
 * Precision of repeated measurements: per subject the mean, sd (n - 1) and CV (sd / mean, a fraction) of its
 * repeats, and a last row "all" with the grand mean, the root-mean-square sd and the root-mean-square CV, the
 * precision measures of Glüer et al. 1995 (Osteoporos Int 5:262) that short-term precision studies report.
 * Written here (simple sums; no library has the RMS form).
 */
public final class RepeatCv implements Analysis<MatchedValues> {

    public static final String ID = "repeat-cv";

    /** The subject name of the summary row. */
    public static final String ALL = "all";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "CV of repeats";
    }

    @Override
    public String description() {
        return "Short-term precision: per subject the mean, sd and coefficient of variation of repeated "
                + "measurements, and over all subjects the root-mean-square sd and CV.";
    }

    @Override
    public Class<MatchedValues> dataType() {
        return MatchedValues.class;
    }

    @Override
    public Table run(MatchedValues data) {
        data.require(1, 2, label());
        int n = data.subjects().size();
        List<String> subjects = new ArrayList<>(data.subjects());
        subjects.add(ALL);
        double[] count = new double[n + 1];
        double[] mean = new double[n + 1];
        double[] sd = new double[n + 1];
        double[] cv = new double[n + 1];
        double sumMean = 0;
        double sumVariance = 0;
        double sumCv2 = 0;
        double[][] x = data.values();
        for (int i = 0; i < n; i++) {
            Moments m = Moments.of(x[i]);
            count[i] = m.n();
            mean[i] = m.mean();
            sd[i] = m.sd();
            cv[i] = m.sd() / m.mean();
            sumMean += m.mean();
            sumVariance += m.variance();
            sumCv2 += cv[i] * cv[i];
        }
        count[n] = (double) n * data.repeats().size();
        mean[n] = sumMean / n;
        sd[n] = Math.sqrt(sumVariance / n);
        cv[n] = Math.sqrt(sumCv2 / n);
        List<String> values = new ArrayList<>();
        subjects.forEach(s -> values.add(data.valueName()));
        return Table.builder(ID).texts("value", values).texts("subject", subjects).numbers("n", "", count)
                .numbers("mean", data.unit(), mean).numbers("sd", data.unit(), sd).numbers("cv", "", cv).build();
    }
}
