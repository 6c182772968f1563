package org.qbi.measure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Rescale;
import org.qbi.core.table.Table;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.point.engine.Histogram;

/**
 * The intensity histogram of an image, optionally inside a mask, as a table of bins: {@code measure.histogram}.
 * Integer images get one bin per integer value (exact counts, as {@code numpy.bincount}), floating-point images
 * {@code bins} equal bins binned exactly as {@code numpy.histogram}; the counting runs in parallel with one count
 * array per piece of the image, added in integers (the same result whatever the number of threads).
 *
 * @since 0.2
 */
public final class IntensityHistogram implements Measurement {

    public static final Param<Integer> BINS = Param.integer("bins", "Bins",
            "Equal bins from the smallest to the largest value, for floating-point images (and 32-bit integer images "
                    + "whose values span more than " + Histogram.MAX_INTEGER_BINS + " integers); integer images get "
                    + "one bin per value", 256).range(2, 10_000_000);

    public static final OperatorSpec SPEC = OperatorSpec.builder("measure.histogram", "Intensity histogram")
            .category("Measure")
            .description("Counts the pixels of each intensity, over the whole image or where the optional mask is "
                    + "non-zero. Integer images (8 to 32 bits): one bin per integer value from the smallest to the "
                    + "largest value present (counts identical to numpy.bincount over that range); 32-bit images "
                    + "whose values span more than " + Histogram.MAX_INTEGER_BINS + " integers fall back to 'bins' "
                    + "equal bins. Floating-point images: 'bins' equal bins from the smallest to the largest finite "
                    + "value, edges and bin of each value computed as numpy.histogram(image, bins) computes them, the "
                    + "last bin closed; NaN and infinite values are not counted. One table row per bin (per channel "
                    + "and time point when the image has several): the bin's edges in stored values, the count, and "
                    + "the edges in physical values after the image's rescale (slope, intercept and unit, e.g. "
                    + "Hounsfield units). The mask has the image's x, y, z size, and one channel and time point or as "
                    + "many as the image.")
            .reference("numpy.histogram and numpy.bincount (https://numpy.org/doc/stable/reference/generated/"
                    + "numpy.histogram.html); Gonzalez RC, Woods RE. Digital Image Processing, 4th ed. Pearson 2018, "
                    + "ch. 3.3 (histogram processing)")
            .outputType("table 'histogram': one row per bin")
            .parameters(BINS)
            .input(Port.image("image", "Image"))
            .input(Port.mask("mask", "Pixels to count (non-zero); all pixels when left out").asOptional())
            .output(Port.table("histogram", "One row per bin"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public List<ColumnSpec> columns() {
        return List.of(new ColumnSpec("channel", "", "channel index (only for images with several channels)"),
                new ColumnSpec("time", "", "time point index (only for images with several time points)"),
                new ColumnSpec("lower", "", "lower edge of the bin in stored values (included)"),
                new ColumnSpec("upper", "", "upper edge in stored values (excluded, except for the last bin of "
                        + "floating-point images; the value plus one for integer bins)"),
                new ColumnSpec("count", "", "pixels in the bin"),
                new ColumnSpec("physical_lower", "rescale unit", "lower edge after the rescale (slope * lower + "
                        + "intercept)"),
                new ColumnSpec("physical_upper", "rescale unit", "upper edge after the rescale"));
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image image = inputs.image("image");
        Image mask = inputs.has("mask") ? inputs.image("mask") : null;
        ImageHeader header = image.header();
        long[] dims = header.dimensions();
        int bins = arguments.get(BINS);
        List<Histogram> histograms = new ArrayList<>();
        context.monitor().begin(SPEC.name(), (int) (dims[3] * dims[4]));
        try {
            for (long t = 0; t < dims[4]; t++) {
                for (long c = 0; c < dims[3]; c++) {
                    Histogram histogram;
                    try {
                        histogram = Histogram.of(image, mask, c, t, bins, context.withMonitor(
                                org.qbi.core.progress.ProgressMonitor.NULL));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(SPEC.id() + ": " + e.getMessage()
                                + (dims[3] * dims[4] > 1 ? " (channel " + c + ", time point " + t + ")" : ""), e);
                    }
                    histograms.add(histogram);
                    context.monitor().worked(1);
                }
            }
        } finally {
            context.monitor().done();
        }
        return Outputs.builder(SPEC).put("histogram", table(header, histograms)).build();
    }

    /**
     * The table of an image with {@code header} and one channel and time point from its histogram, as
     * measure.histogram makes it (for a histogram counted elsewhere, e.g. from the chunks of a volume:
     * {@link Histogram#counts}).
     *
     * @since 0.2
     */
    public static Table table(ImageHeader header, Histogram histogram) {
        if (header.dimensions()[3] * header.dimensions()[4] != 1) {
            throw new IllegalArgumentException("One histogram makes the table of an image of one channel and time "
                    + "point; this image is " + header.describe());
        }
        return table(header, List.of(histogram));
    }

    /** The table of the histograms of every channel (fastest) and time point. */
    private static Table table(ImageHeader header, List<Histogram> histograms) {
        long[] dims = header.dimensions();
        Rescale rescale = header.rescale();
        List<Double> channel = new ArrayList<>();
        List<Double> time = new ArrayList<>();
        List<Double> lower = new ArrayList<>();
        List<Double> upper = new ArrayList<>();
        List<Double> count = new ArrayList<>();
        for (int i = 0; i < histograms.size(); i++) {
            Histogram histogram = histograms.get(i);
            double[] edges = histogram.edges();
            for (int b = 0; b < histogram.bins(); b++) {
                channel.add((double) (i % dims[3]));
                time.add((double) (i / dims[3]));
                lower.add(edges[b]);
                upper.add(edges[b + 1]);
                count.add((double) histogram.count(b));
            }
        }
        Table.Builder table = Table.builder("histogram");
        if (dims[3] > 1) {
            table.numbers("channel", "", array(channel));
        }
        if (dims[4] > 1) {
            table.numbers("time", "", array(time));
        }
        double[] lo = array(lower);
        double[] hi = array(upper);
        double[] physicalLo = new double[lo.length];
        double[] physicalHi = new double[hi.length];
        for (int i = 0; i < lo.length; i++) {
            physicalLo[i] = rescale.apply(lo[i]);
            physicalHi[i] = rescale.apply(hi[i]);
        }
        table.numbers("lower", "", lo).numbers("upper", "", hi).numbers("count", "", array(count))
                .numbers("physical_lower", rescale.unit(), physicalLo)
                .numbers("physical_upper", rescale.unit(), physicalHi);
        return table.build();
    }

    private static double[] array(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }
}
