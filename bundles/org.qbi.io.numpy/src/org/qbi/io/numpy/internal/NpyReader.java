package org.qbi.io.numpy.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.Rescale;
import org.qbi.core.image.io.ByteStore;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.image.io.ImageReader;
import org.qbi.core.image.io.Probe;
import org.qbi.core.image.io.RawSource;

/**
 * Reads NumPy arrays: .npy files (read in place by positional reads) and the arrays of .npz archives (zip of
 * .npy, stored or deflated; {@link #entries} lists the arrays by name, the default is the first). An array in
 * an archive is decoded once, on the first pixel read, into a temporary file of exactly its header's size
 * ({@link ByteStore#decoded}), whether the entry is deflated or stored: simpler than locating a stored entry's
 * bytes inside the zip, at the cost of one copy. NumPy files carry no calibration: axes are in pixels. See
 * {@link NpyHeader} for how NumPy's axes become x, y, z, c, t.
 */
public final class NpyReader implements ImageReader {

    private static final String GROUP = "NumPy";
    /** Deflate expands at most about 1032-fold. */
    private static final long MAX_DEFLATE_RATIO = 1032;

    @Override
    public boolean canRead(Probe probe) {
        return !probe.directory() && (NpyHeader.isNpy(probe.head()) || isNpz(probe.head()));
    }

    /** A zip whose first entry is a .npy (what numpy.savez and savez_compressed write). */
    static boolean isNpz(byte[] head) {
        if (head.length < 30 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        int nameLength = Short.toUnsignedInt(b.getShort(26));
        if (head.length < 30 + nameLength) {
            return false;
        }
        return new String(head, 30, nameLength, java.nio.charset.StandardCharsets.UTF_8).endsWith(".npy");
    }

    @Override
    public List<String> entries(Path path) throws IOException {
        if (!isZip(path)) {
            return List.of();
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            return arrays(zip).stream().map(e -> name(e)).toList();
        } catch (ZipException e) {
            throw new FormatException(path, "is not a readable zip archive (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public ChunkSource open(Path path, String entry) throws IOException {
        if (isZip(path)) {
            return openEntry(path, entry);
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = readHeader(in);
        }
        NpyHeader npy = NpyHeader.parse(path, "", head);
        long bytes = npy.byteCount(path, "");
        ByteStore store = ByteStore.file(path, path, npy.dataOffset, bytes);
        return new RawSource(path, header(npy, null), store, npy.order, npy.layout);
    }

    private ChunkSource openEntry(Path path, String entry) throws IOException {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            List<ZipEntry> arrays = arrays(zip);
            if (arrays.isEmpty()) {
                throw new FormatException(path, "is a zip archive without .npy arrays");
            }
            ZipEntry chosen = entry == null ? arrays.get(0)
                    : arrays.stream().filter(e -> name(e).equals(entry)).findFirst().orElseThrow(
                            () -> new FormatException(path, "has no array '" + entry + "'; it has "
                                    + String.join(", ", arrays.stream().map(NpyReader::name).toList())));
            String subject = "array '" + name(chosen) + "' ";
            byte[] head;
            try (InputStream in = zip.getInputStream(chosen)) {
                head = readHeader(in);
            }
            NpyHeader npy = NpyHeader.parse(path, subject, head);
            long bytes = npy.byteCount(path, subject);
            long needed = npy.dataOffset + bytes;
            if (chosen.getSize() >= 0 && chosen.getSize() < needed) {
                throw new FormatException(path, subject + "holds " + chosen.getSize() + " bytes, but its header"
                        + " describes " + needed + ": the array is truncated");
            }
            if (chosen.getCompressedSize() >= 0 && needed / MAX_DEFLATE_RATIO > chosen.getCompressedSize() + 1024) {
                throw new FormatException(path, subject + "describes " + needed + " bytes, more than its "
                        + chosen.getCompressedSize() + " compressed bytes can hold: the header is wrong");
            }
            String entryName = chosen.getName();
            ByteStore store = ByteStore.decoded(path, npy.dataOffset, bytes, () -> entryStream(path, entryName));
            return new RawSource(path, header(npy, name(chosen)), store, npy.order, npy.layout);
        } catch (ZipException e) {
            throw new FormatException(path, "is not a readable zip archive (" + e.getMessage() + ")", e);
        }
    }

    /** The header's bytes: the first 12, then as many more as they say (or fewer where the stream ends). */
    private static byte[] readHeader(InputStream in) throws IOException {
        byte[] first = in.readNBytes(12);
        byte[] rest = in.readNBytes((int) (NpyHeader.headerBytes(first) - first.length));
        byte[] head = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, head, first.length, rest.length);
        return head;
    }

    /** The decoded bytes of one entry; closing the stream closes the archive. */
    private static InputStream entryStream(Path path, String name) throws IOException {
        ZipFile zip = new ZipFile(path.toFile());
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            zip.close();
            throw new FormatException(path, "no longer has the entry " + name);
        }
        return new FilterInputStream(zip.getInputStream(entry)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zip.close();
                }
            }
        };
    }

    private static ImageHeader header(NpyHeader npy, String entry) {
        List<AxisCalibration> axes = new ArrayList<>();
        for (Axis axis : Axis.values()) {
            axes.add(AxisCalibration.uncalibrated(axis, npy.sizes[axis.ordinal()]));
        }
        Metadata.Builder metadata = Metadata.builder();
        if (entry != null) {
            metadata.put("numpy:entry", "Array", GROUP, entry);
        }
        metadata.put("numpy:version", "Format version", GROUP, npy.major + ".0");
        metadata.put("numpy:descr", "dtype", GROUP, npy.descr);
        metadata.put("numpy:fortran_order", "Fortran order", GROUP, npy.fortranOrder);
        List<Long> shape = new ArrayList<>();
        for (long size : npy.shape) {
            shape.add(size);
        }
        metadata.put("numpy:shape", "Shape", GROUP, shape);
        return new ImageHeader(entry == null ? "NumPy" : "NumPy archive", npy.type, axes, java.util.Optional.empty(),
                Rescale.IDENTITY, metadata.build());
    }

    private static List<ZipEntry> arrays(ZipFile zip) {
        List<ZipEntry> arrays = new ArrayList<>();
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry e = all.nextElement();
            if (!e.isDirectory() && e.getName().endsWith(".npy")) {
                arrays.add(e);
            }
        }
        return arrays;
    }

    private static String name(ZipEntry entry) {
        return entry.getName().substring(0, entry.getName().length() - ".npy".length());
    }

    private static boolean isZip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        }
    }
}
