package org.qbi.ops.threshold.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
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
import org.qbi.ops.point.engine.Cast;
import org.qbi.ops.point.engine.Histogram;
import org.qbi.ops.point.engine.PixelStream;
import org.qbi.ops.point.engine.PointKernel;
import org.qbi.ops.point.internal.Arithmetic;

/**
 * Base of the global threshold operators: per channel and time point, a histogram (scikit-image's binning, see
 * {@link Histogram}), a threshold from it, the mask {@code value > threshold} (uint8 0/1) and a table with the
 * threshold so the user sees the number.
 */
public abstract class GlobalThreshold implements Operator {

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    public static final Param<Integer> BINS_PARAM = Param.integer("bins", "Bins",
            "Histogram bins for floating-point images; integer images use one bin per integer value, as "
                    + "scikit-image does", 256).range(2, 1 << 20);

    /** The common part of a histogram threshold's description. */
    public static final String HISTOGRAM_RULE = " The histogram is scikit-image's (skimage.exposure.histogram): "
            + "for integer images one bin per integer value from the image's min to max (bins is ignored; 32-bit "
            + "images with more than 2^24 values fall back to 'bins' bins), for floating-point images 'bins' equal "
            + "bins over the finite min..max with numpy.histogram's edges (NaN and infinities are left out and are "
            + "background). The threshold is a bin centre; foreground (1) is value > threshold, as skimage's "
            + "image > threshold_*(image). Each channel and time point gets its own histogram and threshold; "
            + "the histogram is counted in parallel over blocks and merged deterministically.";

    /** The histogram rule of the methods taken from ImageJ (Huang, MaxEntropy, Moments). */
    public static final String IMAGEJ_BINS = " ImageJ's AutoThresholder works on 256-bin histograms: integer images "
            + "with at most 256 distinct values (uint8, int8, narrow ranges) use one bin per integer value from min "
            + "to max; other images use 256 equal bins over the finite min..max computed as "
            + "numpy.histogram(image.astype(float32), 256) (the 'bins' parameter is ignored). The threshold is a bin "
            + "centre; foreground (1) is value > threshold. Each channel and time point gets its own threshold.";

    /** The histogram for the ImageJ methods (see {@link #IMAGEJ_BINS}). */
    protected static Histogram imageJBins(Image image, long c, long t, Histogram histogram, OperatorContext context)
            throws IOException {
        return histogram.integerBins() && histogram.bins() <= 256 ? histogram
                : Histogram.ofFloat32(image, c, t, 256, context);
    }

    /** Declares a histogram threshold operator. */
    public static OperatorSpec spec(String id, String name, String description, String reference,
            Param<?>... parameters) {
        return OperatorSpec.builder(id, name)
                .category("Threshold")
                .description(description)
                .reference(reference)
                .outputType("uint8 mask (0/1) and a table of thresholds")
                .parameters(parameters)
                .input(Port.image("image", "Image to threshold"))
                .output(Port.mask("mask", "Foreground (1) where value > threshold"))
                .output(Port.table("threshold", "The threshold of each channel and time point"))
                .build();
    }

    /**
     * The threshold(s) of channel {@code c} at time {@code t}, ascending.
     *
     * @param histogram the volume's histogram with the operator's bins
     */
    protected abstract double[] thresholds(Image image, long c, long t, Histogram histogram, Arguments arguments,
            OperatorContext context) throws IOException;

    /**
     * The thresholds of a method that needs nothing but the histogram (Otsu, Isodata, Triangle, Yen: see
     * {@link #histogramOnly}), ascending; null for the methods that read the image's values too. A distributed engine
     * counts the histogram over a volume's chunks and asks for the thresholds here: the same numbers as
     * {@link #apply}, whose histogram is the same.
     */
    public double[] thresholdsOf(Histogram histogram, Arguments arguments) {
        return null;
    }

    /** Whether {@link #thresholdsOf} gives this method's thresholds from the histogram alone. */
    public boolean histogramOnly() {
        return false;
    }

    /** The number of histogram bins for floating-point images. */
    public int bins(Arguments arguments) {
        return spec().parameter(BINS_PARAM.name()).isPresent() ? arguments.get(BINS_PARAM) : 256;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image image = inputs.image();
        ImageHeader header = image.header();
        checkIntensities(header, spec().id());
        long[] dims = header.dimensions();
        int volumes = Math.toIntExact(dims[3] * dims[4]);
        double[][] thresholds = new double[volumes][];
        for (long t = 0; t < dims[4]; t++) {
            for (long c = 0; c < dims[3]; c++) {
                Histogram histogram = Histogram.of(image, c, t, bins(arguments), context);
                thresholds[(int) (c + dims[3] * t)] = thresholds(image, c, t, histogram, arguments, context);
            }
        }
        Image mask = Masks.above(image, thresholds, context, spec().name());
        return Outputs.builder(spec()).put("mask", mask).put("threshold", table(dims, thresholds)).build();
    }

    /** Refuses label images and multi-sample images, naming the operator. */
    public static void checkIntensities(ImageHeader header, String id) {
        PixelType type = header.pixelType();
        if (type == PixelType.LABEL32) {
            throw new IllegalArgumentException(id + ": a label image (label32) holds identities, not intensities");
        }
        if (type.samplesPerPixel() != 1) {
            throw new IllegalArgumentException(id + ": a " + type.label() + " image has " + type.samplesPerPixel()
                    + " samples per pixel; split it into channels first");
        }
    }

    /** One row per channel and time point: channel, time, threshold (or threshold_1 .. threshold_k). */
    public static Table table(long[] dims, double[][] thresholds) {
        int rows = thresholds.length;
        int k = thresholds[0].length;
        double[] channel = new double[rows];
        double[] time = new double[rows];
        double[][] values = new double[k][rows];
        for (int r = 0; r < rows; r++) {
            channel[r] = r % dims[3];
            time[r] = r / dims[3];
            for (int j = 0; j < k; j++) {
                values[j][r] = thresholds[r][j];
            }
        }
        List<Column> columns = new ArrayList<>();
        columns.add(Column.of("channel", "", channel));
        columns.add(Column.of("time", "", time));
        for (int j = 0; j < k; j++) {
            columns.add(Column.of(k == 1 ? "threshold" : "threshold_" + (j + 1), "", values[j]));
        }
        return Table.of("threshold", columns);
    }

    /** Masks by a threshold per volume. */
    public static final class Masks {

        private Masks() {
        }

        /** uint8 mask: 1 where value > thresholds[volume][0]. */
        public static Image above(Image image, double[][] thresholds, OperatorContext context, String task)
                throws IOException {
            PixelType type = image.header().pixelType();
            long channels = image.header().dimensions()[3];
            ImageHeader header = image.header().withPixelType(PixelType.UINT8).withRescale(Rescale.IDENTITY);
            if (image instanceof ArrayImage array
                    && (type.isInteger() && type.bytesPerSample() <= 2 || type == PixelType.FLOAT32)) {
                return aboveInMemory(array, header, thresholds, context, task);
            }
            PixelStream.Precision precision = type == PixelType.FLOAT32 || type.bytesPerSample() <= 2 && type.isInteger()
                    ? PixelStream.Precision.FLOAT32 : PixelStream.Precision.FLOAT64;
            return PixelStream.map(List.of(image), header, precision, Cast.ROUND,
                    (c, t) -> above(thresholds[(int) (c + channels * t)][0], type), context, task);
        }

        /**
         * The mask of an in-memory 8- or 16-bit integer or float32 image in one pass per piece, without the general
         * conversions: the stored integers compared with floor(threshold) (what the float32 kernel below computes for
         * such values), float32 values with the threshold rounded to float32, as {@link #above(double, PixelType)}.
         */
        private static Image aboveInMemory(ArrayImage image, ImageHeader header, double[][] thresholds,
                OperatorContext context, String task) throws IOException {
            PixelType type = image.header().pixelType();
            long[] dims = image.header().dimensions();
            ArrayImage mask = context.allocateForOverwrite(header);
            List<PixelStream.Piece> pieces = PixelStream.pieces(dims, PixelStream.PIECE);
            context.monitor().begin(task, pieces.size());
            try {
                context.forEach(pieces.size(), p -> {
                    PixelStream.Piece piece = pieces.get(p);
                    RunMask run = new RunMask(type, thresholds[(int) (piece.c() + dims[3] * piece.t())][0]);
                    long from = piece.offset(dims);
                    long total = piece.pixels(dims[0]);
                    byte[] out = new byte[PixelStream.RUN];
                    for (long done = 0; done < total; done += PixelStream.RUN) {
                        int n = (int) Math.min(PixelStream.RUN, total - done);
                        run.compare(image.values(), from + done, n, out);
                        MemorySegment.copy(out, 0, mask.values(), ValueLayout.JAVA_BYTE, from + done, n);
                    }
                });
            } finally {
                context.monitor().done();
            }
            return mask;
        }

        /** 1 where value > threshold for runs of samples of one type, each copied into an array first. */
        private static final class RunMask {
            private final boolean signed;
            /** floor(threshold) for integer types (NaN: nothing is above it). */
            private final long limit;
            /** The threshold rounded to float32, for float32 images. */
            private final float single;
            private final byte[] bytes;
            private final short[] shorts;
            private final float[] floats;

            RunMask(PixelType type, double threshold) {
                this.signed = type.isSigned();
                // beyond the type's range every value compares the same way
                this.limit = Double.isNaN(threshold) ? Long.MAX_VALUE
                        : (long) Math.max(Math.min(Math.floor(threshold), 1e9), -1e9);
                this.single = (float) threshold;
                this.bytes = type.isInteger() && type.bytesPerSample() == 1 ? new byte[PixelStream.RUN] : null;
                this.shorts = type.isInteger() && type.bytesPerSample() == 2 ? new short[PixelStream.RUN] : null;
                this.floats = type == PixelType.FLOAT32 ? new float[PixelStream.RUN] : null;
            }

            /** {@code out[0 .. n-1]}: samples {@code at .. at + n - 1} of {@code values} above the threshold. */
            void compare(MemorySegment values, long at, int n, byte[] out) {
                if (floats != null) {
                    MemorySegment.copy(values, FLOAT, at * 4, floats, 0, n);
                    for (int i = 0; i < n; i++) {
                        out[i] = (byte) (floats[i] > single ? 1 : 0);
                    }
                } else if (shorts != null) {
                    MemorySegment.copy(values, SHORT, at * 2, shorts, 0, n);
                    if (signed) {
                        for (int i = 0; i < n; i++) {
                            out[i] = (byte) (shorts[i] > limit ? 1 : 0);
                        }
                    } else {
                        for (int i = 0; i < n; i++) {
                            out[i] = (byte) ((shorts[i] & 0xffff) > limit ? 1 : 0);
                        }
                    }
                } else {
                    MemorySegment.copy(values, ValueLayout.JAVA_BYTE, at, bytes, 0, n);
                    if (signed) {
                        for (int i = 0; i < n; i++) {
                            out[i] = (byte) (bytes[i] > limit ? 1 : 0);
                        }
                    } else {
                        for (int i = 0; i < n; i++) {
                            out[i] = (byte) ((bytes[i] & 0xff) > limit ? 1 : 0);
                        }
                    }
                }
            }
        }

        /**
         * 1 where value > threshold. In float32 arithmetic (float32 images, integer images of up to 16 bits) an
         * integer image is compared with floor(threshold), the same for integer values; a float32 image with the
         * threshold rounded to float32, as numpy compares a float32 array with a scalar.
         */
        static PointKernel above(double threshold, PixelType type) {
            float f = type.isInteger() ? (float) Math.floor(threshold) : (float) threshold;
            return Arithmetic.kernel((in, out, n) -> {
                float[] a = in[0];
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] > f ? 1f : 0f;
                }
            }, (in, out, n) -> {
                double[] a = in[0];
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] > threshold ? 1 : 0;
                }
            });
        }
    }
}
