package org.qbi.ops.morphology.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.morphology.StructuringElement;

/** Erosion, dilation and what is composed of them (opening, closing, top-hats), each into a new output image. */
public final class Morphology {

    private Morphology() {
    }

    public static ArrayImage erode(Image input, StructuringElement element, OperatorContext context) throws IOException {
        ArrayImage out = context.allocate(input.header());
        RankFilter.run(input, out, element, true, context, "Erosion");
        return out;
    }

    public static ArrayImage dilate(Image input, StructuringElement element, OperatorContext context)
            throws IOException {
        ArrayImage out = context.allocate(input.header());
        RankFilter.run(input, out, element, false, context, "Dilation");
        return out;
    }

    /** Dilation of the erosion. */
    public static ArrayImage open(Image input, StructuringElement element, OperatorContext context) throws IOException {
        ArrayImage eroded = erode(input, element, context);
        ArrayImage out = context.allocate(input.header());
        RankFilter.run(eroded, out, element, false, context, "Opening: dilation");
        return out;
    }

    /** Erosion of the dilation. */
    public static ArrayImage close(Image input, StructuringElement element, OperatorContext context) throws IOException {
        ArrayImage dilated = dilate(input, element, context);
        ArrayImage out = context.allocate(input.header());
        RankFilter.run(dilated, out, element, true, context, "Closing: erosion");
        return out;
    }

    /** input - opening (white) or closing - input (black), written over the opening or closing. */
    public static ArrayImage topHat(Image input, StructuringElement element, boolean white, OperatorContext context)
            throws IOException {
        ArrayImage composed = white ? open(input, element, context) : close(input, element, context);
        subtract(input, composed, white, context);
        return composed;
    }

    /**
     * Replaces {@code other} by input - other ({@code inputFirst}) or other - input, in the pixel type: integers
     * clamped to the type's range (numpy would wrap around for signed types), floats as float arithmetic does.
     */
    static void subtract(Image input, ArrayImage other, boolean inputFirst, OperatorContext context) throws IOException {
        long[] dims = input.header().dimensions();
        PixelType type = input.header().pixelType();
        long planes = dims[2] * dims[3] * dims[4];
        long planeSize = dims[0] * dims[1];
        double low = type.minValue();
        double high = type.maxValue();
        boolean integer = type.isInteger();
        context.forEach(Math.toIntExact(planes), p -> {
            long z = p % dims[2];
            long c = (p / dims[2]) % dims[3];
            long t = p / (dims[2] * dims[3]);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment plane = input.readPlane(z, c, t, arena);
                MemorySegment values = other.values();
                long base = p * planeSize;
                for (long i = 0; i < planeSize; i++) {
                    double a = PixelValues.get(type, plane, i);
                    double b = PixelValues.get(type, values, base + i);
                    double d = inputFirst ? a - b : b - a;
                    if (integer) {
                        d = Math.max(low, Math.min(high, d));
                    } else if (type == PixelType.FLOAT32) {
                        d = (float) d;
                    }
                    PixelValues.set(type, values, base + i, d);
                }
            }
        });
    }
}
