package org.qbi.ops.morphology.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.image.Rescale;

/** Whole volumes (one channel, one time point) in Java arrays, for the operators that need all of one at once. */
public final class Volumes {

    private Volumes() {
    }

    /**
     * The number of voxels of one volume of {@code header}, checked to fit a Java array.
     *
     * @throws IllegalArgumentException naming the operation when it does not
     */
    public static int voxels(ImageHeader header, String operation) {
        long[] d = header.dimensions();
        long n = d[0] * d[1] * d[2];
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(operation + " works on volumes of up to 2^31 voxels per channel and "
                    + "time point; this one has " + n + " (" + header.describe() + "): crop or downsample it first");
        }
        return (int) n;
    }

    /** Volume (c, t) as 0/1 bytes: 1 where the value is not 0. */
    public static byte[] mask(Image image, long c, long t) throws IOException {
        ImageHeader header = image.header();
        long[] d = header.dimensions();
        PixelType type = header.pixelType();
        int plane = (int) (d[0] * d[1]);
        byte[] out = new byte[voxels(header, "This operation")];
        try (Arena arena = Arena.ofConfined()) {
            for (int z = 0; z < d[2]; z++) {
                MemorySegment values = image.readPlane(z, c, t, arena);
                int base = z * plane;
                if (type == PixelType.UINT8 || type == PixelType.INT8) {
                    MemorySegment.copy(values, ValueLayout.JAVA_BYTE, 0, out, base, plane);
                    for (int i = base; i < base + plane; i++) {
                        int v = out[i];
                        out[i] = (byte) ((v | -v) >>> 31);
                    }
                } else {
                    for (int i = 0; i < plane; i++) {
                        out[base + i] = (byte) (PixelValues.get(type, values, i) != 0 ? 1 : 0);
                    }
                }
            }
        }
        return out;
    }

    /** The header of a uint8 0/1 mask the size and calibration of {@code header}. */
    public static ImageHeader maskHeader(ImageHeader header) {
        return header.withPixelType(PixelType.UINT8).withRescale(Rescale.IDENTITY);
    }

    /** Writes a uint8 volume as (c, t) of {@code target}. */
    public static void write(ArrayImage target, long c, long t, byte[] values) {
        long[] d = target.header().dimensions();
        long offset = values.length * (c + d[3] * t);
        MemorySegment.copy(values, 0, target.values(), ValueLayout.JAVA_BYTE, offset, values.length);
    }
}
