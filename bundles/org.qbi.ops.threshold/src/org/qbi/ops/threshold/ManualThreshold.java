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
import org.qbi.ops.point.engine.PixelStream;
import org.qbi.ops.point.internal.Arithmetic;
import org.qbi.ops.threshold.internal.GlobalThreshold;

/** A threshold the user gives: {@code threshold.manual}. */
public final class ManualThreshold implements Operator {

    public static final Param<Double> LOW = Param.requiredReal("low", "Low",
            "Lowest foreground value (inclusive)");
    public static final Param<Double> HIGH = Param.real("high", "High",
            "Highest foreground value (inclusive); inf for no upper limit", Double.POSITIVE_INFINITY);

    public static final OperatorSpec SPEC = OperatorSpec.builder("threshold.manual", "Manual threshold")
            .category("Threshold")
            .description("Foreground (1) where low <= value <= high, as ImageJ's Image > Adjust > Threshold with a "
                    + "lower and upper level (numpy: (image >= low) & (image <= high)); NaN is background. Values "
                    + "are the stored ones. The table repeats low and high for each channel and time point.")
            .reference("ImageJ Image > Adjust > Threshold (https://imagej.net/ij/docs/menus/image.html#threshold)")
            .outputType("uint8 mask (0/1) and a table of thresholds")
            .parameters(LOW, HIGH)
            .input(Port.image("image", "Image to threshold"))
            .output(Port.mask("mask", "Foreground (1) where low <= value <= high"))
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
        double low = arguments.get(LOW);
        double high = arguments.get(HIGH);
        if (!(low <= high)) {
            throw new IllegalArgumentException("threshold.manual: low (" + low + ") must not be above high (" + high
                    + ")");
        }
        float lo = (float) low;
        float hi = (float) high;
        var kernel = Arithmetic.kernel((in, out, n) -> {
            float[] a = in[0];
            for (int i = 0; i < n; i++) {
                out[i] = a[i] >= lo && a[i] <= hi ? 1f : 0f;
            }
        }, (in, out, n) -> {
            double[] a = in[0];
            for (int i = 0; i < n; i++) {
                out[i] = a[i] >= low && a[i] <= high ? 1 : 0;
            }
        });
        PixelType type = image.header().pixelType();
        ImageHeader header = image.header().withPixelType(PixelType.UINT8).withRescale(Rescale.IDENTITY);
        Image mask = PixelStream.map(List.of(image), header, type == PixelType.FLOAT32
                ? PixelStream.Precision.FLOAT32 : PixelStream.Precision.FLOAT64, Cast.ROUND, kernel, context,
                SPEC.name());
        long[] dims = image.header().dimensions();
        double[][] thresholds = new double[Math.toIntExact(dims[3] * dims[4])][];
        java.util.Arrays.fill(thresholds, new double[] { low, high });
        var table = GlobalThreshold.table(dims, thresholds);
        table = org.qbi.core.table.Table.of("threshold", List.of(table.column("channel"), table.column("time"),
                org.qbi.core.table.Column.of("low", "", table.column("threshold_1").numbers()),
                org.qbi.core.table.Column.of("high", "", table.column("threshold_2").numbers())));
        return Outputs.builder(SPEC).put("mask", mask).put("threshold", table).build();
    }
}
