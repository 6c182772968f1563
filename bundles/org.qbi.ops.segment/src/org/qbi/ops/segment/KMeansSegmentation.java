package org.qbi.ops.segment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.table.Table;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.segment.internal.Volume;

/** k-means clustering of intensities (Lloyd's algorithm from quantiles): scipy.cluster.vq.kmeans2 on the values. */
public final class KMeansSegmentation implements Operator {

    /** Values per partial sum: fixed, so the sums (and the result) do not depend on the number of threads. */
    private static final int CHUNK = 1 << 20;

    public static final Param<Integer> K = Param.integer("k", "Clusters", "Number of intensity classes", 3)
            .range(2, 255);
    public static final Param<Integer> ITERATIONS = Param.integer("iterations", "Iterations",
            "Largest number of assignment/update rounds (it stops earlier when no voxel changes class)", 300)
            .range(1, 100000);

    public static final OperatorSpec SPEC = OperatorSpec.builder("segment.kmeans", "k-means clustering")
            .category("Segmentation")
            .description("Splits the intensities into k classes by k-means (Lloyd's algorithm) and labels every voxel "
                    + "with its class 1..k, class 1 being the darkest. Deterministic start: the centres are the "
                    + "quantiles (i + 0.5) / k of the values (numpy's linear interpolation); then each voxel goes to "
                    + "the nearest centre (the lower one on a tie, as scipy.cluster.vq.vq) and each centre becomes "
                    + "the mean of its voxels (an emptied class keeps its centre, as scipy.cluster.vq.kmeans2), until "
                    + "no voxel changes class or 'iterations' rounds. Equals scipy.cluster.vq.kmeans2(values, "
                    + "quantiles, minit='matrix'). Voxels outside the optional mask get 0 and take no part. The "
                    + "table lists every class's centre and voxel count. Stored values are clustered (before any "
                    + "rescale). Channels and time points separately.")
            .reference("Lloyd SP. Least squares quantization in PCM. IEEE Trans Inf Theory 28(2), 1982, "
                    + "doi:10.1109/TIT.1982.1056489; scipy.cluster.vq.kmeans2")
            .outputType("label32")
            .parameters(K, ITERATIONS)
            .input(Port.image("image", "Intensities to cluster"))
            .input(Port.mask("mask", "Voxels to cluster (others get 0)").asOptional())
            .output(Port.labels("labels", "Class of every voxel, 1 = darkest"))
            .output(Port.table("clusters", "Centre and voxel count of every class"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image image = inputs.image("image");
        Image mask = inputs.has("mask") ? inputs.image("mask") : null;
        if (mask != null) {
            Volume.requireSameSize(image, mask, SPEC.id(), "the mask");
        }
        ImageHeader header = image.header();
        if (header.pixelType().samplesPerPixel() != 1) {
            throw new IllegalArgumentException(SPEC.id() + " clusters single-sample images; a "
                    + header.pixelType().label() + " image has several samples per pixel: split it first");
        }
        Volume volume = Volume.of(header, SPEC.name());
        int k = arguments.get(K);
        int iterations = arguments.get(ITERATIONS);
        Volume.requireHeap(21L * volume.voxels() + (64L << 20), SPEC.name());
        ArrayImage labels = context.allocate(Volume.outputHeader(header, PixelType.LABEL32));
        long channels = header.size(Axis.C);
        long volumes = channels * header.size(Axis.T);
        List<double[]> rows = new ArrayList<>();
        context.monitor().begin(SPEC.name(), volumes);
        try {
            for (long v = 0; v < volumes; v++) {
                long c = v % channels;
                long t = v / channels;
                double[] all = volume.readDoubles(image, c, t);
                byte[] inside = mask == null ? null : volume.readMask(mask, c, t);
                double[] values = inside == null ? all : selected(all, inside);
                int[] classes = new int[values.length];
                double[] centres = cluster(values, k, iterations, classes, context);
                long[] counts = new long[k];
                for (int cls : classes) {
                    counts[cls]++;
                }
                int[] out = new int[all.length];
                for (int i = 0, j = 0; i < out.length; i++) {
                    if (inside == null || inside[i] != 0) {
                        out[i] = classes[j++] + 1;
                    }
                }
                volume.writeInts(labels, c, t, out);
                for (int j = 0; j < k; j++) {
                    rows.add(new double[] { c, t, j + 1, centres[j], counts[j] });
                }
                context.monitor().worked(1);
            }
        } finally {
            context.monitor().done();
        }
        Table.Builder table = Table.builder("clusters");
        String[] names = { "channel", "time", "label", "centre", "voxels" };
        for (int col = 0; col < names.length; col++) {
            final int column = col;
            table.numbers(names[col], col == 3 ? "stored value" : "", rows.stream().mapToDouble(r -> r[column]).toArray());
        }
        return Outputs.builder(SPEC).put("labels", labels).put("clusters", table.build()).build();
    }

    private static double[] selected(double[] all, byte[] inside) {
        int n = 0;
        for (byte b : inside) {
            n += b;
        }
        double[] values = new double[n];
        for (int i = 0, j = 0; i < all.length; i++) {
            if (inside[i] != 0) {
                values[j++] = all[i];
            }
        }
        return values;
    }

    /** Lloyd's iterations from the quantiles; returns the centres and fills {@code classes} (0-based). */
    static double[] cluster(double[] values, int k, int iterations, int[] classes, OperatorContext context)
            throws IOException {
        double[] centres = new double[k];
        if (values.length == 0) {
            return centres;
        }
        double[] sorted = values.clone();
        Arrays.parallelSort(sorted);
        for (int j = 0; j < k; j++) {
            centres[j] = quantile(sorted, (j + 0.5) / k);
        }
        Arrays.fill(classes, -1);
        int chunks = (values.length + CHUNK - 1) / CHUNK;
        double[][] sums = new double[chunks][k];
        long[][] counts = new long[chunks][k];
        boolean[] changed = new boolean[chunks];
        for (int round = 0; round < iterations; round++) {
            double[] current = centres.clone();
            context.forEach(chunks, ch -> {
                int from = ch * CHUNK;
                int to = Math.min(values.length, from + CHUNK);
                double[] s = sums[ch];
                long[] n = counts[ch];
                Arrays.fill(s, 0);
                Arrays.fill(n, 0);
                boolean moved = false;
                for (int i = from; i < to; i++) {
                    double x = values[i];
                    int best = 0;
                    double bestDistance = (x - current[0]) * (x - current[0]);
                    for (int j = 1; j < current.length; j++) {
                        double d = (x - current[j]) * (x - current[j]);
                        if (d < bestDistance) {
                            bestDistance = d;
                            best = j;
                        }
                    }
                    moved |= classes[i] != best;
                    classes[i] = best;
                    s[best] += x;
                    n[best]++;
                }
                changed[ch] = moved;
            });
            boolean any = false;
            for (boolean b : changed) {
                any |= b;
            }
            if (!any) {
                break;
            }
            for (int j = 0; j < k; j++) {
                double sum = 0;
                long count = 0;
                for (int ch = 0; ch < chunks; ch++) {
                    sum += sums[ch][j];
                    count += counts[ch][j];
                }
                if (count > 0) {
                    centres[j] = sum / count;
                }
            }
        }
        return centres;
    }

    /** numpy.quantile with linear interpolation. */
    private static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double t = h - lo;
        double a = sorted[lo];
        double b = sorted[hi];
        return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
    }
}
