package org.qbi.io.metaimage.internal;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
 * Reads MetaImage (ITK's MetaIO format): a .mha with its data attached, or a .mhd header with its data in a
 * .raw/.zraw file, a LIST of files (one per slice) or a "pattern min max step" series. Written by hand: the
 * header is a few "Key = Value" lines, and no maintained Java MetaIO library exists on Maven Central.
 * <p>
 * Supported: NDims 1 to 4 (x, y, z, t), ElementType MET_CHAR to MET_DOUBLE (MET_LONG and MET_ULONG are
 * 32-bit, as in MetaIO), ElementNumberOfChannels (3 or 4 uchar channels are RGB/RGBA pixels, others go to
 * the channel axis), BinaryDataByteOrderMSB / ElementByteOrderMSB, CompressedData (zlib, or gzip by its
 * magic) with or without CompressedDataSize, HeaderSize (bytes to skip; -1: the data is at the end of the
 * file). Calibration: ElementSpacing (else ElementSize) in mm (MetaImage names no unit; ITK assumes mm),
 * Offset (alias Origin, Position) as the world position (LPS, as ITK) of the first pixel, TransformMatrix
 * (alias Rotation, Orientation) whose row i is the direction of image axis i, as ITK writes it. Every header
 * key is metadata ("metaimage:Key", group "MetaImage"). Not supported: ASCII data (BinaryData = False),
 * compressed LIST data, 64-bit integers.
 */
public final class MetaImageReader implements ImageReader {

    private static final String GROUP = "MetaImage";

    /** Keys a MetaImage header starts with: the probe recognises a file whose first line is one of them. */
    private static final Set<String> FIRST_KEYS = Set.of("objecttype", "objectsubtype", "ndims", "comment", "name",
            "id", "parentid", "acquisitiondate", "transformtype", "dimsize", "elementtype", "binarydata",
            "binarydatabyteordermsb", "elementbyteordermsb", "compresseddata", "headersize", "modality");

    private static final Map<String, PixelType> TYPES = Map.ofEntries(Map.entry("MET_CHAR", PixelType.INT8),
            Map.entry("MET_UCHAR", PixelType.UINT8), Map.entry("MET_SHORT", PixelType.INT16),
            Map.entry("MET_USHORT", PixelType.UINT16), Map.entry("MET_INT", PixelType.INT32),
            Map.entry("MET_UINT", PixelType.UINT32), Map.entry("MET_LONG", PixelType.INT32),
            Map.entry("MET_ULONG", PixelType.UINT32), Map.entry("MET_FLOAT", PixelType.FLOAT32),
            Map.entry("MET_DOUBLE", PixelType.FLOAT64));

    @Override
    public boolean canRead(Probe probe) {
        if (probe.directory() || probe.head().length == 0) {
            return false;
        }
        String text = new String(probe.head(), StandardCharsets.ISO_8859_1);
        String first = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        int equals = first.indexOf('=');
        return equals > 0 && FIRST_KEYS.contains(first.substring(0, equals).strip().toLowerCase(Locale.ROOT))
                && text.toLowerCase(Locale.ROOT).contains("ndims");
    }

    @Override
    public ChunkSource open(Path path, String entry) throws IOException {
        TextHeader text = TextHeader.read(path);
        Map<String, String> fields = new LinkedHashMap<>();
        Metadata.Builder metadata = Metadata.builder();
        long dataStart = -1;
        List<String> remaining = new ArrayList<>();
        for (TextHeader.Line line : text.lines()) {
            if (dataStart >= 0) {
                remaining.add(line.text());
                continue;
            }
            if (line.text().isBlank()) {
                continue;
            }
            int equals = line.text().indexOf('=');
            if (equals <= 0) {
                throw new FormatException(path, "header line '" + abbreviate(line.text())
                        + "' is not 'Key = Value' (is this a MetaImage file?)");
            }
            String key = line.text().substring(0, equals).strip();
            String value = line.text().substring(equals + 1).strip();
            fields.put(key.toLowerCase(Locale.ROOT), value);
            metadata.put("metaimage:" + key, key, GROUP, value);
            if (key.equalsIgnoreCase("ElementDataFile")) {
                dataStart = line.end();
            }
        }
        if (dataStart < 0) {
            throw new FormatException(path, text.complete() ? "has no ElementDataFile line: the header is incomplete"
                    : "has no ElementDataFile within its first " + TextHeader.MAX_BYTES + " bytes: not a MetaImage header");
        }
        return open(path, fields, metadata, dataStart, remaining);
    }

    private static ChunkSource open(Path path, Map<String, String> f, Metadata.Builder metadata, long dataStart,
            List<String> remaining) throws IOException {
        if (f.containsKey("objecttype") && !f.get("objecttype").equalsIgnoreCase("Image")) {
            throw new FormatException(path, "is a MetaIO " + f.get("objecttype") + ", not an Image");
        }
        int ndims = integer(path, f, "ndims", -1);
        if (ndims < 1 || ndims > 4) {
            throw new FormatException(path, "has NDims = " + f.get("ndims") + "; QBI reads 1 to 4 dimensions");
        }
        long[] sizes = TextHeader.sizes(path, "DimSize", require(path, f, "dimsize"), ndims);
        String elementType = require(path, f, "elementtype").toUpperCase(Locale.ROOT).replace("_ARRAY", "");
        PixelType type = TYPES.get(elementType);
        if (type == null) {
            throw new FormatException(path, "has ElementType " + f.get("elementtype") + (elementType.contains("LONG_LONG")
                    ? ", 64-bit integers, which QBI has no pixel type for" : ", which is not a MetaImage element type"));
        }
        int channels = integer(path, f, "elementnumberofchannels", 1);
        if (channels < 1 || channels > 4096) {
            throw new FormatException(path, "has ElementNumberOfChannels = " + channels);
        }
        boolean packed = type == PixelType.UINT8 && (channels == 3 || channels == 4);
        if (packed) {
            type = channels == 3 ? PixelType.RGB8 : PixelType.RGBA8;
        }
        long channelAxis = packed ? 1 : channels;
        if (bool(f, "binarydata", true) == false) {
            throw new FormatException(path, "holds ASCII data (BinaryData = False), which QBI does not read");
        }
        ByteOrder order = bool(f, "binarydatabyteordermsb", false) || bool(f, "elementbyteordermsb", false)
                ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;

        long[] all = new long[Axis.COUNT];
        java.util.Arrays.fill(all, 1);
        for (int i = 0; i < ndims; i++) {
            all[i == 3 ? Axis.T.ordinal() : i] = sizes[i];
        }
        all[Axis.C.ordinal()] = channelAxis;
        long bytes = Volumes.byteCount(path, all, type.bytesPerPixel());

        ImageHeader header = header(path, f, type, all, ndims, metadata.build());
        ByteStore store = store(path, f, dataStart, remaining, ndims, sizes, bytes);
        RawLayout layout = channelAxis > 1 ? RawLayout.of(Axis.C, Axis.X, Axis.Y, Axis.Z, Axis.T) : RawLayout.STANDARD;
        return new RawSource(path, header, store, order, layout);
    }

    private static ImageHeader header(Path path, Map<String, String> f, PixelType type, long[] all, int ndims,
            Metadata metadata) throws FormatException {
        String spacingField = f.containsKey("elementspacing") ? "elementspacing" : "elementsize";
        double[] spacing = f.containsKey(spacingField) ? TextHeader.numbers(path, spacingField, f.get(spacingField))
                : new double[0];
        String originField = firstOf(f, "offset", "origin", "position");
        double[] origin = originField == null ? new double[0] : TextHeader.numbers(path, originField, f.get(originField));
        String unit = spacing.length > 0 || origin.length > 0 ? "mm" : AxisCalibration.PIXEL_UNIT;
        List<AxisCalibration> axes = new ArrayList<>(Volumes.spatial(all, spacing, origin, unit));
        axes.add(AxisCalibration.uncalibrated(Axis.C, all[Axis.C.ordinal()]));
        axes.add(AxisCalibration.uncalibrated(Axis.T, all[Axis.T.ordinal()]));
        Optional<Orientation> orientation = Optional.empty();
        String matrixField = firstOf(f, "transformmatrix", "rotation", "orientation");
        if (matrixField != null) {
            double[] m = TextHeader.numbers(path, matrixField, f.get(matrixField));
            if (m.length != ndims * ndims) {
                throw new FormatException(path, matrixField + " has " + m.length + " values; NDims " + ndims + " needs "
                        + ndims * ndims);
            }
            double[][] rows = new double[Math.min(ndims, 3)][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = java.util.Arrays.copyOfRange(m, i * ndims, i * ndims + Math.min(ndims, 3));
            }
            orientation = Volumes.orientation(rows);
        }
        return new ImageHeader("MetaImage", type, axes, orientation, Rescale.IDENTITY, metadata);
    }

    /** Where the values are: attached, one file, a list or a pattern; compressed or not. */
    private static ByteStore store(Path path, Map<String, String> f, long dataStart, List<String> remaining, int ndims,
            long[] sizes, long bytes) throws IOException {
        String dataFile = f.get("elementdatafile");
        long headerSize = f.containsKey("headersize") ? whole(path, "HeaderSize", f.get("headersize")) : 0;
        if (headerSize < -1) {
            throw new FormatException(path, "has HeaderSize = " + headerSize + "; it is -1 or a number of bytes");
        }
        boolean compressed = bool(f, "compresseddata", false);
        String[] tokens = dataFile.split("\\s+");
        List<Path> files;
        int fileDims = ndims;
        if (dataFile.equalsIgnoreCase("LOCAL")) {
            files = List.of(path);
        } else if (tokens[0].equalsIgnoreCase("LIST")) {
            fileDims = tokens.length > 1 ? integer(path, "ElementDataFile", tokens[1]) : ndims - 1;
            files = new ArrayList<>();
            for (String name : remaining) {
                if (!name.isBlank()) {
                    files.add(Volumes.resolve(path, name));
                }
            }
        } else if (tokens.length >= 4 && tokens[0].contains("%")) {
            files = Volumes.pattern(path, "ElementDataFile", tokens);
            fileDims = tokens.length > 4 ? integer(path, "ElementDataFile", tokens[4]) : ndims - 1;
        } else {
            files = List.of(Volumes.resolve(path, dataFile));
        }
        if (files.size() > 1 || fileDims != ndims) {
            if (fileDims < 1 || fileDims > ndims) {
                throw new FormatException(path, "ElementDataFile '" + dataFile + "' gives " + fileDims
                        + " dimensions per file; NDims is " + ndims);
            }
            long perFile = 1;
            for (int i = fileDims; i < ndims; i++) {
                perFile *= sizes[i];
            }
            if (perFile != files.size()) {
                throw new FormatException(path, "ElementDataFile '" + dataFile + "' names " + files.size()
                        + " files; DimSize needs " + perFile);
            }
            if (compressed) {
                throw new FormatException(path, "has compressed data in several files, which QBI does not read");
            }
        }
        long bytesPerFile = bytes / files.size();
        if (compressed) {
            long compressedSize = f.containsKey("compresseddatasize")
                    ? whole(path, "CompressedDataSize", f.get("compresseddatasize")) : -1;
            Path file = files.get(0);
            long start = file.equals(path) ? dataStart : Math.max(0, headerSize);
            if (!Files.isRegularFile(file)) {
                throw new FormatException(path, "its data file " + file + " does not exist");
            }
            if (start > Files.size(file)) {
                throw new FormatException(path, "its compressed data would start at byte " + start + ", past the end of "
                        + file.getFileName() + " (" + Files.size(file) + " bytes)");
            }
            return ByteStore.decoded(path, 0, bytes, () -> Volumes.inflating(file, start, compressedSize));
        }
        long offset;
        if (headerSize == -1) {
            long length = Files.isRegularFile(files.get(0)) ? Files.size(files.get(0)) : 0;
            if (length < bytesPerFile) {
                throw new FormatException(path, files.get(0).getFileName() + " has " + length + " bytes, fewer than the "
                        + bytesPerFile + " bytes of pixel data the header describes: the file is truncated");
            }
            offset = length - bytesPerFile;
        } else if (files.size() == 1 && files.get(0).equals(path)) {
            offset = headerSize > 0 ? headerSize : dataStart;
        } else {
            offset = headerSize;
        }
        return ByteStore.files(path, files, offset, bytesPerFile);
    }

    private static String require(Path path, Map<String, String> f, String key) throws FormatException {
        String value = f.get(key);
        if (value == null || value.isBlank()) {
            throw new FormatException(path, "has no " + key + " in its header");
        }
        return value;
    }

    private static String firstOf(Map<String, String> f, String... keys) {
        for (String key : keys) {
            if (f.containsKey(key)) {
                return key;
            }
        }
        return null;
    }

    private static int integer(Path path, Map<String, String> f, String key, int absent) throws FormatException {
        return f.containsKey(key) ? integer(path, key, f.get(key)) : absent;
    }

    private static int integer(Path path, String key, String value) throws FormatException {
        long whole = whole(path, key, value);
        if (whole != (int) whole) {
            throw new FormatException(path, key + " '" + value + "' is out of range");
        }
        return (int) whole;
    }

    private static long whole(Path path, String key, String value) throws FormatException {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new FormatException(path, key + " '" + value + "' is not a whole number");
        }
    }

    private static boolean bool(Map<String, String> f, String key, boolean absent) {
        String value = f.get(key);
        return value == null ? absent : value.equalsIgnoreCase("true") || value.equals("1");
    }

    private static String abbreviate(String line) {
        return line.length() > 60 ? line.substring(0, 57) + "..." : line;
    }
}
