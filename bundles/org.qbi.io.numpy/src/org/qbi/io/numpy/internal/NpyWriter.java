package org.qbi.io.numpy.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.io.ImageWriter;
import org.qbi.core.image.io.RawLayout;
import org.qbi.core.image.io.RawOutput;
import org.qbi.core.io.AtomicFiles;
import org.qbi.core.progress.ProgressMonitor;

/**
 * Writes .npy files (format 1.0, or 2.0 for a header over 64 KB), C order, little-endian: what
 * {@code numpy.load} reads as an array of shape (y, x), (z, y, x), (t, z, y, x) or (t, c, z, y, x), with a
 * trailing axis of 3 or 4 samples for RGB/RGBA (see {@link NpyHeader}); label images as uint32. Calibration,
 * orientation, rescale and metadata are not stored: .npy holds values only. Written by hand (see
 * {@link NpyReader}).
 */
public final class NpyWriter implements ImageWriter {

    private static final Map<PixelType, String> DESCR = Map.ofEntries(Map.entry(PixelType.UINT8, "|u1"),
            Map.entry(PixelType.INT8, "|i1"), Map.entry(PixelType.UINT16, "<u2"), Map.entry(PixelType.INT16, "<i2"),
            Map.entry(PixelType.UINT32, "<u4"), Map.entry(PixelType.LABEL32, "<u4"), Map.entry(PixelType.INT32, "<i4"),
            Map.entry(PixelType.FLOAT32, "<f4"), Map.entry(PixelType.FLOAT64, "<f8"),
            Map.entry(PixelType.COMPLEX_FLOAT32, "<c8"), Map.entry(PixelType.RGB8, "|u1"),
            Map.entry(PixelType.RGBA8, "|u1"));

    @Override
    public void write(Image image, Path target, ProgressMonitor monitor) throws IOException {
        byte[] header = header(image.header());
        AtomicFiles.write(target, out -> {
            out.write(header);
            RawOutput.write(image, RawLayout.STANDARD, out, monitor);
        });
    }

    /**
     * The shape NumPy will see, slowest first: the fewest dimensions that hold the image and read back as
     * the same axes. A uint8 image whose shape would read back as RGB (3 or 4 dimensions ending in 3 or 4) gets
     * leading axes of size 1 up to 5 dimensions, so that it reads back as the same grey image.
     */
    static List<Long> shape(ImageHeader image) {
        long[] d = image.dimensions();
        List<Long> shape = new ArrayList<>();
        long x = d[0];
        long y = d[1];
        long z = d[2];
        long c = d[3];
        long t = d[4];
        PixelType type = image.pixelType();
        boolean rgb = type == PixelType.RGB8 || type == PixelType.RGBA8;
        if (rgb && (c > 1 || t > 1)) {
            throw new IllegalArgumentException(".npy holds RGB images of up to 3 dimensions (z, y, x, samples); this "
                    + "one has " + c + " channels and " + t + " time points: save one channel and time point each");
        }
        if (c > 1) {
            shape.addAll(List.of(t, c, z, y, x));
        } else if (t > 1) {
            shape.addAll(List.of(t, z, y, x));
        } else if (z > 1) {
            shape.addAll(List.of(z, y, x));
        } else {
            shape.addAll(List.of(y, x));
        }
        if (rgb) {
            shape.add((long) type.samplesPerPixel());
        } else if (type == PixelType.UINT8 && (shape.size() == 3 || shape.size() == 4)
                && (shape.getLast() == 3 || shape.getLast() == 4)) {
            while (shape.size() < 5) {
                shape.addFirst(1L);
            }
        }
        return shape;
    }

    /** Magic, version, header length and the dict, padded with spaces to a multiple of 64 bytes. */
    static byte[] header(ImageHeader image) {
        String descr = DESCR.get(image.pixelType());
        List<Long> shape = shape(image);
        StringBuilder tuple = new StringBuilder("(");
        for (Long size : shape) {
            tuple.append(size).append(", ");
        }
        tuple.setLength(tuple.length() - 2);
        tuple.append(shape.size() == 1 ? ",)" : ")");
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple + ", }";
        int prefix = 10;
        int total = prefix + dict.length() + 1;
        boolean v2 = total > 65535;
        if (v2) {
            prefix = 12;
            total += 2;
        }
        int padded = (total + 63) / 64 * 64;
        String text = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeader.MAGIC).put((byte) (v2 ? 2 : 1)).put((byte) 0);
        if (v2) {
            b.putInt(text.length());
        } else {
            b.putShort((short) text.length());
        }
        b.put(text.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }
}
