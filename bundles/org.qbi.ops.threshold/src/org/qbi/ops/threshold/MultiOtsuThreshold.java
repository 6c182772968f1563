package org.qbi.ops.threshold;

import java.io.IOException;
import java.util.List;

import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.point.engine.Cast;
import org.qbi.ops.point.engine.Histogram;
import org.qbi.ops.point.engine.PixelStream;
import org.qbi.ops.point.internal.Arithmetic;
import org.qbi.ops.threshold.internal.GlobalThreshold;
import org.qbi.ops.threshold.internal.HistogramMethods;

/** Multi-level Otsu: {@code threshold.multi_otsu}, skimage.filters.threshold_multiotsu. */
public final class MultiOtsuThreshold implements Operator {

    public static final Param<Integer> CLASSES = Param.integer("classes", "Classes",
            "Number of classes (classes - 1 thresholds)", 3).range(2, 5);
    public static final Param<Integer> BINS = GlobalThreshold.BINS_PARAM;

    public static final OperatorSpec SPEC = OperatorSpec.builder("threshold.multi_otsu", "Multi-Otsu threshold")
            .category("Threshold")
            .description("Splits the intensities into 'classes' classes by the thresholds that maximise the "
                    + "between-class variance (exhaustive search), as skimage.filters.threshold_multiotsu (float32 "
                    + "moments as its Cython code). The classes image holds 0 .. classes-1 as np.digitize(image, "
                    + "thresholds) gives it (a value equal to a threshold goes to the upper class). The search costs "
                    + "bins^(classes-1): integer images with a wide range (one bin per value) and many classes are "
                    + "slow; use a float image with 'bins' bins then." + GlobalThreshold.HISTOGRAM_RULE)
            .reference("Liao P-S, Chen T-S, Chung P-C. A fast algorithm for multilevel thresholding. J. Inf. Sci. "
                    + "Eng. 17(5):713-727, 2001; skimage.filters.threshold_multiotsu")
            .outputType("label32 classes 0 .. classes-1 and a table of thresholds")
            .parameters(CLASSES, BINS)
            .input(Port.image("image", "Image to split"))
            .output(Port.labels("classes", "Class of each pixel, 0 .. classes-1"))
            .output(Port.table("threshold", "The thresholds of each channel and time point"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image image = inputs.image();
        GlobalThreshold.checkIntensities(image.header(), SPEC.id());
        int classes = arguments.get(CLASSES);
        long[] dims = image.header().dimensions();
        double[][] thresholds = new double[Math.toIntExact(dims[3] * dims[4])][];
        for (long t = 0; t < dims[4]; t++) {
            for (long c = 0; c < dims[3]; c++) {
                Histogram histogram = Histogram.of(image, c, t, arguments.get(BINS), context);
                int[] idx = HistogramMethods.multiOtsu(histogram, classes);
                double[] values = new double[idx.length];
                for (int k = 0; k < idx.length; k++) {
                    values[k] = histogram.center(idx[k]);
                }
                thresholds[(int) (c + dims[3] * t)] = values;
            }
        }
        PixelType type = image.header().pixelType();
        ImageHeader header = image.header().withPixelType(PixelType.LABEL32).withRescale(Rescale.IDENTITY);
        Image labels = PixelStream.map(List.of(image), header, PixelStream.Precision.FLOAT64, Cast.ROUND,
                (c, t) -> digitize(thresholds[(int) (c + dims[3] * t)], type), context, SPEC.name());
        return Outputs.builder(SPEC).put("classes", labels).put("threshold", GlobalThreshold.table(dims, thresholds))
                .build();
    }

    /** The number of thresholds at or below each value (compared in float32 for float32 images, as numpy). */
    private static org.qbi.ops.point.engine.PointKernel digitize(double[] thresholds, PixelType type) {
        double[] t = thresholds.clone();
        if (type == PixelType.FLOAT32) {
            for (int k = 0; k < t.length; k++) {
                t[k] = (float) t[k];
            }
        }
        return Arithmetic.kernel((in, out, n) -> {
            float[] a = in[0];
            for (int i = 0; i < n; i++) {
                int k = 0;
                for (double level : t) {
                    k += a[i] >= level ? 1 : 0;
                }
                out[i] = k;
            }
        }, (in, out, n) -> {
            double[] a = in[0];
            for (int i = 0; i < n; i++) {
                int k = 0;
                for (double level : t) {
                    k += a[i] >= level ? 1 : 0;
                }
                out[i] = k;
            }
        });
    }
}
