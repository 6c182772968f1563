package org.qbi.io.nifti.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.Orientation;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.core.image.io.ByteStore;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.image.io.ImageReader;
import org.qbi.core.image.io.Probe;
import org.qbi.core.image.io.RawLayout;
import org.qbi.core.image.io.RawSource;

/**
 * Reads NIfTI-1 and NIfTI-2 images: single files (.nii, .nii.gz) and header/image pairs (.hdr with .img or
 * .img.gz), little- or big-endian. Written by hand (no maintained Java NIfTI library exists on Maven Central;
 * the header is a fixed struct, see {@link NiftiHeader}).
 * <p>
 * Axes: NIfTI's dim 1-3 are x, y, z, dim 4 is t, dim 5 becomes the channel axis c (vector and RGB-vector
 * intents keep their components there). Calibration: pixdim with xyzt_units (an unknown spatial unit is taken
 * as mm, as nibabel, FSL and ITK do; an unknown time unit leaves t uncalibrated), orientation and origin from
 * the sform or else the qform (see {@link NiftiGeometry}), scl_slope/scl_inter as the rescale (slope 0 or NaN:
 * none). Every header field and extension is metadata ({@code "nifti:<field>"}, group "NIfTI").
 * <p>
 * Uncompressed data is read chunk by chunk with positional reads ({@link RawSource}). A .nii.gz is decoded
 * once, on the first pixel read, into a temporary file of exactly the header's size (see
 * {@link ByteStore#decoded}), so random chunk access stays cheap and a gzip bomb costs no more than the header
 * says; a header claiming more than its gzip file could possibly hold (deflate expands at most 1032-fold) is
 * refused on open.
 */
public final class NiftiReader implements ImageReader {

    /** NIfTI stores x, y, z, t, then its fifth dimension (QBI's c). */
    static final RawLayout LAYOUT = RawLayout.of(Axis.X, Axis.Y, Axis.Z, Axis.T, Axis.C);

    /** Deflate's largest expansion (258 bytes from 2 bits, about 1032:1), plus room for headers. */
    private static final long MAX_DEFLATE_RATIO = 1032;
    /** Extensions read as metadata at most (large DICOM or CIFTI extensions are only listed beyond). */
    private static final int MAX_EXTENSION_BYTES = 1 << 20;
    private static final int MAX_EXTENSION_TEXT = 4096;

    @Override
    public boolean canRead(Probe probe) {
        if (probe.directory()) {
            return false;
        }
        byte[] head = probe.head();
        if (isGzip(head)) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(head))) {
                head = in.readNBytes(NiftiHeader.NIFTI2_SIZE);
            } catch (IOException e) {
                return false;
            }
        }
        return NiftiHeader.version(head) > 0;
    }

    @Override
    public ChunkSource open(Path path, String entry) throws IOException {
        boolean gzip = isGzip(path);
        NiftiHeader h = NiftiHeader.parse(path, prefix(path, gzip, NiftiHeader.NIFTI2_DATA_START));
        Path dataFile = path;
        boolean dataGzip = gzip;
        long offset = h.voxOffset;
        if (h.singleFile) {
            // As nibabel: a single file's data cannot start inside its header; 0 means "right after it".
            offset = Math.max(offset, h.version == 1 ? NiftiHeader.NIFTI1_DATA_START : NiftiHeader.NIFTI2_DATA_START);
        } else {
            dataFile = imageFile(path);
            dataGzip = isGzip(dataFile);
        }
        PixelType type = h.pixelType(path);
        if (type == PixelType.UINT32 && h.intentCode == NiftiCodes.INTENT_LABEL) {
            type = PixelType.LABEL32;
        }
        long bytes = byteCount(path, h, type);
        Metadata.Builder metadata = h.metadata;
        extensions(path, gzip, h, offset, metadata);
        ImageHeader header = header(h, type, metadata.build());
        ByteStore store;
        if (dataGzip) {
            long compressed = Files.size(dataFile);
            if ((offset + bytes) / MAX_DEFLATE_RATIO > compressed + 1024) {
                throw new FormatException(path, "its header describes " + (offset + bytes) + " bytes, more than "
                        + dataFile.getFileName() + " (" + compressed + " bytes of gzip) can hold: the header is wrong");
            }
            Path source = dataFile;
            store = ByteStore.decoded(path, offset, bytes, () -> gunzip(source));
        } else {
            store = ByteStore.file(path, dataFile, offset, bytes);
        }
        return new RawSource(path, header, store, h.order, LAYOUT);
    }

    private static ImageHeader header(NiftiHeader h, PixelType type, Metadata metadata) {
        Optional<double[][]> affine = NiftiGeometry.affine(h);
        Optional<Orientation> orientation = affine.flatMap(NiftiGeometry::orientation);
        double[] origin = affine.map(NiftiGeometry::originLps).orElse(new double[3]);
        String spaceUnit = NiftiCodes.SPACE_UNITS.getOrDefault(h.xyztUnits & 0x07, "mm");
        List<AxisCalibration> axes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            axes.add(AxisCalibration.of(Axis.values()[i], h.size(i + 1), spacing(h.pixdim[i + 1]), origin[i], spaceUnit));
        }
        axes.add(AxisCalibration.uncalibrated(Axis.C, h.size(5)));
        String timeUnit = NiftiCodes.TIME_UNITS.get(h.xyztUnits & 0x38);
        axes.add(timeUnit == null ? AxisCalibration.uncalibrated(Axis.T, h.size(4))
                : AxisCalibration.of(Axis.T, h.size(4), spacing(h.pixdim[4]),
                        Double.isFinite(h.toffset) ? h.toffset : 0, timeUnit));
        return new ImageHeader("NIfTI-" + h.version, type, axes, orientation, rescale(h), metadata);
    }

    /** |pixdim|, or 1 where the file has 0, a negative zero or no finite value. */
    private static double spacing(double pixdim) {
        double s = Math.abs(pixdim);
        return s > 0 && Double.isFinite(s) ? s : 1;
    }

    private static Rescale rescale(NiftiHeader h) {
        double slope = h.sclSlope;
        double inter = Double.isFinite(h.sclInter) ? h.sclInter : 0;
        if (!Double.isFinite(slope) || slope == 0 || (slope == 1 && inter == 0)) {
            return Rescale.IDENTITY;
        }
        return new Rescale(slope, inter, "");
    }

    private static long byteCount(Path path, NiftiHeader h, PixelType type) throws FormatException {
        try {
            long count = type.bytesPerPixel();
            for (int i = 1; i <= 5; i++) {
                count = Math.multiplyExact(count, h.size(i));
            }
            return count;
        } catch (ArithmeticException e) {
            throw new FormatException(path, "has dimensions " + java.util.Arrays.toString(h.dim)
                    + " whose byte count exceeds 2^63: the header is wrong");
        }
    }

    /** Records the header extensions (between the header and the data) as metadata. */
    private static void extensions(Path path, boolean gzip, NiftiHeader h, long dataOffset, Metadata.Builder metadata)
            throws IOException {
        long end = h.singleFile ? dataOffset : Long.MAX_VALUE;
        byte[] bytes = prefix(path, gzip, (int) Math.min(end, h.headerSize + 4L + MAX_EXTENSION_BYTES));
        if (bytes.length < h.headerSize + 4 || bytes[h.headerSize] == 0) {
            return;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(h.order);
        int at = h.headerSize + 4;
        int n = 0;
        while (at + 8 <= bytes.length) {
            int size = buffer.getInt(at);
            int code = buffer.getInt(at + 4);
            if (size < 16 || size % 16 != 0) {
                metadata.put("nifti:extension.problem", "Extension problem", HeaderFields.GROUP, "extension " + n
                        + " has size " + size + " (not a positive multiple of 16); the rest is ignored");
                return;
            }
            String value;
            if (at + (long) size > bytes.length) {
                value = (size - 8) + " bytes (beyond what is read as metadata)";
            } else if (NiftiCodes.textExtension(code)) {
                String text = new String(bytes, at + 8, size - 8, StandardCharsets.UTF_8).replace("\0", "").strip();
                if (code == NiftiWriter.COMMENT_EXTENSION && text.startsWith(NiftiWriter.PROVENANCE_PREFIX)) {
                    metadata.put(Metadata.PROVENANCE, "Provenance record", Metadata.PROVENANCE_GROUP,
                            text.substring(NiftiWriter.PROVENANCE_PREFIX.length()));
                }
                value = text.length() > MAX_EXTENSION_TEXT ? text.substring(0, MAX_EXTENSION_TEXT) + "..." : text;
            } else {
                value = (size - 8) + " bytes";
            }
            metadata.put("nifti:extension." + n, "Extension " + n + " (code " + code + ", "
                    + NiftiCodes.extension(code) + ")", HeaderFields.GROUP, value);
            at += size;
            n++;
        }
    }

    /** The first {@code n} bytes of the file, decoded if it is gzip (fewer when it is shorter). */
    private static byte[] prefix(Path path, boolean gzip, int n) throws IOException {
        try (InputStream in = gzip ? gunzip(path) : Files.newInputStream(path)) {
            return in.readNBytes(n);
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw new FormatException(path, "its gzip stream is truncated or corrupt (" + e.getMessage() + ")", e);
        }
    }

    private static InputStream gunzip(Path path) throws IOException {
        return new GZIPInputStream(Files.newInputStream(path), 1 << 16);
    }

    private static boolean isGzip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return isGzip(in.readNBytes(2));
        }
    }

    private static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    /** The .img (or .img.gz) beside a .hdr (or .hdr.gz), in the .hdr's letter case. */
    static Path imageFile(Path header) throws FormatException {
        String name = header.getFileName().toString();
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        int at = lower.endsWith(".hdr.gz") ? name.length() - 7 : lower.endsWith(".hdr") ? name.length() - 4 : -1;
        if (at < 0) {
            throw new FormatException(header, "has the magic of a two-file NIfTI (.hdr and .img) but is not a .hdr file");
        }
        String stem = name.substring(0, at);
        boolean upper = name.substring(at).startsWith(".HDR");
        for (String ext : upper ? List.of(".IMG", ".IMG.GZ", ".img", ".img.gz") : List.of(".img", ".img.gz")) {
            Path candidate = header.resolveSibling(stem + ext);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new FormatException(header, "is a NIfTI header whose image file " + stem + ".img (or .img.gz) is missing");
    }
}
