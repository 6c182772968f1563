package org.qbi.ops.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.io.ImageFormats;
import org.qbi.io.testing.TestFiles;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Outputs;

/**
 * Operators' tests: load reference images (.npy written by a fragment's scipy/scikit-image script), run an
 * operator with parameters as text, compare outputs value by value.
 */
public final class OpTesting {

    private OpTesting() {
    }

    /**
     * Opens {@code data/<name>} of the test fragment holding {@code testClass} (a copy in {@code dir}) fully into
     * memory. NumPy arrays come in C order, so a (z, y, x) array is an x, y, z image.
     */
    public static ArrayImage fixture(Class<?> testClass, String name, Path dir) throws IOException {
        return open(TestFiles.fixture(testClass, name, dir));
    }

    /** Reads any image file fully into memory. */
    public static ArrayImage open(Path file) throws IOException {
        try (Image image = ImageFormats.installed().open(file, null)) {
            return ArrayImage.copyOf(image);
        }
    }

    /** Runs {@code operator} on one image with parameters given as "name=value" texts. */
    public static Outputs run(Operator operator, Image input, String... parameters) throws IOException {
        return run(operator, Map.of(operator.spec().inputs().getFirst().name(), input), OperatorContext.defaults(),
                parameters);
    }

    /** Runs {@code operator} on named inputs. */
    public static Outputs run(Operator operator, Map<String, ?> inputs, OperatorContext context, String... parameters)
            throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String p : parameters) {
            int eq = p.indexOf('=');
            texts.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return operator.apply(Inputs.of(operator.spec(), inputs), Arguments.parse(operator.spec(), texts), context);
    }

    /** An image of the given type and x, y[, z] sizes with the values (x fastest). */
    public static ArrayImage image(PixelType type, long[] sizes, double... values) {
        ArrayImage image = ArrayImage.allocate(ImageHeader.uncalibrated(type, sizes));
        if (values.length != image.header().pixelCount()) {
            throw new IllegalArgumentException(values.length + " values for " + image.header().pixelCount() + " pixels");
        }
        for (int i = 0; i < values.length; i++) {
            PixelValues.set(type, image.values(), i, values[i]);
        }
        return image;
    }

    /** Every value of {@code image} as doubles, x fastest. */
    public static double[] values(Image image) throws IOException {
        ArrayImage array = image instanceof ArrayImage a ? a : ArrayImage.copyOf(image);
        PixelType type = array.header().pixelType();
        long n = array.header().pixelCount() * type.samplesPerPixel();
        double[] values = new double[Math.toIntExact(n)];
        MemorySegment segment = array.values();
        for (int i = 0; i < values.length; i++) {
            values[i] = PixelValues.get(type, segment, i);
        }
        return values;
    }

    /**
     * Asserts equal sizes and |expected - actual| <= tolerance for every value (NaN only where expected is NaN),
     * naming the first pixel that differs most.
     */
    public static void assertClose(Image expected, Image actual, double tolerance, String what) throws IOException {
        assertArrayEquals(expected.header().dimensions(), actual.header().dimensions(), what + ": size");
        double[] e = values(expected);
        double[] a = values(actual);
        int worst = -1;
        double worstDiff = 0;
        for (int i = 0; i < e.length; i++) {
            double d = Double.isNaN(e[i]) ? (Double.isNaN(a[i]) ? 0 : Double.POSITIVE_INFINITY) : Math.abs(e[i] - a[i]);
            if (!(d <= worstDiff)) {
                worstDiff = d;
                worst = i;
            }
        }
        if (worstDiff > tolerance) {
            long[] dims = expected.header().dimensions();
            long x = worst % dims[0];
            long y = (worst / dims[0]) % dims[1];
            long z = worst / (dims[0] * dims[1]);
            fail(what + ": largest difference " + worstDiff + " > " + tolerance + " at x=" + x + ", y=" + y + ", z=" + z
                    + " (expected " + e[worst] + ", got " + a[worst] + ")");
        }
    }

    /** Asserts bit-identical values and sizes. */
    public static void assertIdentical(Image expected, Image actual, String what) throws IOException {
        assertArrayEquals(expected.header().dimensions(), actual.header().dimensions(), what + ": size");
        double[] e = values(expected);
        double[] a = values(actual);
        for (int i = 0; i < e.length; i++) {
            if (Double.doubleToLongBits(e[i]) != Double.doubleToLongBits(a[i])) {
                fail(what + ": value " + i + " differs: " + e[i] + " vs " + a[i] + " (first difference of "
                        + Arrays.stream(e).count() + " values)");
            }
        }
    }
}
