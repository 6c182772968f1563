package org.qbi.lab.neutron.ops.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.ops.block.Samples;

/**
 * Whole x-y planes as float arrays of physical values (the image's rescale applied), and writing them back: the
 * neutron operators work projection by projection (a projection is one plane), so a plane is the unit of
 * parallel work.
 */
public final class Planes {

    private Planes() {
    }

    /** Number of planes: z times channels times time points. */
    public static int count(ImageHeader header) {
        long[] d = header.dimensions();
        return Math.toIntExact(d[2] * d[3] * d[4]);
    }

    /** Pixels of one plane (refused above 2^31: a projection of that size is not a neutron detector's). */
    public static int size(ImageHeader header) {
        long[] d = header.dimensions();
        long n = d[0] * d[1];
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("A plane of " + d[0] + " x " + d[1] + " pixels is too large for the "
                    + "neutron operators (at most 2^31 pixels per projection)");
        }
        return (int) n;
    }

    /** The z, c, t of plane {@code index} (z fastest). */
    public static long[] position(ImageHeader header, int index) {
        long[] d = header.dimensions();
        return new long[] { index % d[2], (index / d[2]) % d[3], index / (d[2] * d[3]) };
    }

    /** Plane {@code index} as physical values. */
    public static float[] read(Image image, int index) throws IOException {
        ImageHeader header = image.header();
        if (header.pixelType().samplesPerPixel() != 1) {
            throw new IllegalArgumentException("The neutron operators take single-value images; got "
                    + header.pixelType().label() + " pixels");
        }
        long[] p = position(header, index);
        float[] values = new float[size(header)];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment plane = image.readPlane(p[0], p[1], p[2], arena);
            Samples.toFloats(header.pixelType(), plane, 0, values, 0, values.length);
        }
        Rescale rescale = header.rescale();
        if (!rescale.isIdentity()) {
            float slope = (float) rescale.slope();
            float intercept = (float) rescale.intercept();
            for (int i = 0; i < values.length; i++) {
                values[i] = values[i] * slope + intercept;
            }
        }
        return values;
    }

    /** Writes {@code values} as plane {@code index} of {@code target} (converted to its pixel type). */
    public static void write(ArrayImage target, int index, float[] values) {
        Samples.fromFloats(target.header().pixelType(), values, 0, target.values(), (long) index * values.length,
                values.length);
    }

    /** A float32 header like {@code input}'s, without rescale (the results are physical values). */
    public static ImageHeader float32(ImageHeader input) {
        return input.withPixelType(PixelType.FLOAT32).withRescale(Rescale.IDENTITY);
    }
}
