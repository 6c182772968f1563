package org.qbi.ops.threshold;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
import org.qbi.ops.point.engine.PixelStream;
import org.qbi.ops.point.internal.Arithmetic;
import org.qbi.ops.threshold.internal.GlobalThreshold;

/** Hysteresis thresholding: {@code threshold.hysteresis}, skimage.filters.apply_hysteresis_threshold. */
public final class HysteresisThreshold implements Operator {

    public static final Param<Double> LOW = Param.requiredReal("low", "Low",
            "Pixels above low may be foreground when connected to a pixel above high");
    public static final Param<Double> HIGH = Param.requiredReal("high", "High", "Pixels above high are foreground");

    public static final OperatorSpec SPEC = OperatorSpec.builder("threshold.hysteresis", "Hysteresis threshold")
            .category("Threshold")
            .description("Foreground is every connected component of value > low that contains at least one pixel "
                    + "of value > high, as skimage.filters.apply_hysteresis_threshold (low above high is lowered to "
                    + "high). Connectivity is by faces (4-connected in 2D, 6-connected in 3D), scipy.ndimage.label's "
                    + "default. Each channel and time point separately; one volume must hold fewer than 2^31 pixels.")
            .reference("Canny J. A computational approach to edge detection. IEEE Trans. Pattern Anal. Mach. Intell. "
                    + "8(6):679-698, 1986, doi:10.1109/TPAMI.1986.4767851; skimage.filters.apply_hysteresis_threshold")
            .outputType("uint8 mask (0/1) and a table of thresholds")
            .parameters(LOW, HIGH)
            .input(Port.image("image", "Image to threshold"))
            .output(Port.mask("mask", "Components above low that reach above high"))
            .output(Port.table("threshold", "low and high"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image image = inputs.image();
        GlobalThreshold.checkIntensities(image.header(), SPEC.id());
        double high = arguments.get(HIGH);
        double low = Math.min(arguments.get(LOW), high);
        long[] dims = image.header().dimensions();
        long volume = dims[0] * dims[1] * dims[2];
        if (volume >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("threshold.hysteresis works on volumes of fewer than 2^31 pixels; this "
                    + "one has " + volume + ": crop it first");
        }
        // state per pixel: 0 below low, 1 above low, 2 above high (seed); grown from the seeds
        PixelType type = image.header().pixelType();
        float lo = (float) low;
        float hi = (float) high;
        boolean single = type == PixelType.FLOAT32;
        var states = Arithmetic.kernel((in, out, n) -> {
            float[] a = in[0];
            for (int i = 0; i < n; i++) {
                out[i] = (a[i] > lo ? 1f : 0f) + (a[i] > hi ? 1f : 0f);
            }
        }, (in, out, n) -> {
            double[] a = in[0];
            for (int i = 0; i < n; i++) {
                out[i] = (a[i] > low ? 1 : 0) + (a[i] > high ? 1 : 0);
            }
        });
        ImageHeader header = image.header().withPixelType(PixelType.UINT8).withRescale(Rescale.IDENTITY);
        ArrayImage mask = PixelStream.map(List.of(image), header, single ? PixelStream.Precision.FLOAT32
                : PixelStream.Precision.FLOAT64, Cast.ROUND, states, context, SPEC.name());
        int volumes = Math.toIntExact(dims[3] * dims[4]);
        context.forEach(volumes, v -> grow(mask.values().asSlice(v * volume, volume), dims));
        double[] channel = new double[volumes];
        double[] time = new double[volumes];
        double[] lows = new double[volumes];
        double[] highs = new double[volumes];
        for (int v = 0; v < volumes; v++) {
            channel[v] = v % dims[3];
            time[v] = v / dims[3];
            lows[v] = low;
            highs[v] = high;
        }
        Table table = Table.of("threshold", List.of(Column.of("channel", "", channel), Column.of("time", "", time),
                Column.of("low", "", lows), Column.of("high", "", highs)));
        return Outputs.builder(SPEC).put("mask", mask).put("threshold", table).build();
    }

    /** Turns states 0/1/2 into the mask: 1 for pixels reached from a seed through face neighbours above low. */
    private static void grow(MemorySegment states, long[] dims) {
        int nx = (int) dims[0];
        int ny = (int) dims[1];
        int nz = (int) dims[2];
        int n = Math.toIntExact(states.byteSize());
        byte[] s = states.toArray(ValueLayout.JAVA_BYTE);
        int[] queue = new int[Math.max(16, n / 16)];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (s[i] == 2) {
                s[i] = 3; // reached
                if (tail == queue.length) {
                    queue = java.util.Arrays.copyOf(queue, queue.length * 2);
                }
                queue[tail++] = i;
            }
        }
        int plane = nx * ny;
        while (head < tail) {
            int i = queue[head++];
            int x = i % nx;
            int y = (i / nx) % ny;
            int z = i / plane;
            for (int k = 0; k < 6; k++) {
                int j;
                switch (k) {
                    case 0 -> j = x > 0 ? i - 1 : -1;
                    case 1 -> j = x < nx - 1 ? i + 1 : -1;
                    case 2 -> j = y > 0 ? i - nx : -1;
                    case 3 -> j = y < ny - 1 ? i + nx : -1;
                    case 4 -> j = z > 0 ? i - plane : -1;
                    default -> j = z < nz - 1 ? i + plane : -1;
                }
                if (j >= 0 && (s[j] == 1 || s[j] == 2)) {
                    s[j] = 3;
                    if (tail == queue.length) {
                        // compact the consumed part before growing
                        System.arraycopy(queue, head, queue, 0, tail - head);
                        tail -= head;
                        head = 0;
                        if (tail == queue.length) {
                            queue = java.util.Arrays.copyOf(queue, queue.length * 2);
                        }
                    }
                    queue[tail++] = j;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            s[i] = (byte) (s[i] == 3 ? 1 : 0);
        }
        MemorySegment.copy(s, 0, states, ValueLayout.JAVA_BYTE, 0, n);
    }
}
