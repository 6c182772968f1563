package org.qbi.io.metaimage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * Reads NRRD (teem's "nearly raw raster data", versions NRRD0001 to NRRD0005): a .nrrd with its data
 * attached after the header's blank line, or a .nhdr whose "data file" names the data (one file, a LIST, or
 * "pattern min max step"). Written by hand: the header is text lines, and no maintained Java NRRD library
 * exists on Maven Central.
 * <p>
 * Supported: every scalar type but 64-bit integers; encodings raw and gzip (bzip2 and ascii/hex are refused
 * by name); endian; byte skip (-1 for raw: the data ends the file; for gzip it counts decoded bytes, as teem)
 * and line skip. Axes, fastest first as NRRD lists them: a leading axis of kind RGB-color/RGBA-color
 * (3-color, 4-color) of uchar becomes RGB/RGBA pixels, a leading "complex" axis of 2 floats complex pixels;
 * other non-spatial axes (vector, list, covariant-vector, ...; or a "none" space direction) become the channel
 * axis, a "time" axis t, and domain/space axes x, y, z (a fourth domain axis is t). Calibration: space
 * directions (spacing = their length, orientation = their direction) with space origin, converted from the
 * declared space (RAS, LAS, LPS, scanner-xyz taken as LPS) to LPS; else spacings. Units from space units or
 * units; a spacing without a unit is taken as mm, as ITK does. Every field and key/value pair is metadata
 * ("nrrd:field", "nrrd:kv:key", group "NRRD").
 */
public final class NrrdReader implements ImageReader {

    private static final String GROUP = "NRRD";
    private static final Pattern VECTOR = Pattern.compile("\\(([^)]*)\\)|none");

    private static final Map<String, PixelType> TYPES = types();
    private static final Set<String> SPATIAL_KINDS = Set.of("domain", "space");
    /** Leading axes that can be a pixel's samples (HSV and XYZ colours stay on the channel axis). */
    private static final Set<String> PACKED_KINDS = Set.of("rgb-color", "rgba-color", "3-color", "4-color", "complex");

    private static Map<String, PixelType> types() {
        Map<String, PixelType> types = new LinkedHashMap<>();
        for (String name : List.of("signed char", "int8", "int8_t")) {
            types.put(name, PixelType.INT8);
        }
        for (String name : List.of("uchar", "unsigned char", "uint8", "uint8_t")) {
            types.put(name, PixelType.UINT8);
        }
        for (String name : List.of("short", "short int", "signed short", "signed short int", "int16", "int16_t")) {
            types.put(name, PixelType.INT16);
        }
        for (String name : List.of("ushort", "unsigned short", "unsigned short int", "uint16", "uint16_t")) {
            types.put(name, PixelType.UINT16);
        }
        for (String name : List.of("int", "signed int", "int32", "int32_t")) {
            types.put(name, PixelType.INT32);
        }
        for (String name : List.of("uint", "unsigned int", "uint32", "uint32_t")) {
            types.put(name, PixelType.UINT32);
        }
        types.put("float", PixelType.FLOAT32);
        types.put("double", PixelType.FLOAT64);
        return Map.copyOf(types);
    }

    @Override
    public boolean canRead(Probe probe) {
        return !probe.directory() && probe.startsWith("NRRD000");
    }

    @Override
    public ChunkSource open(Path path, String entry) throws IOException {
        TextHeader text = TextHeader.read(path);
        List<TextHeader.Line> lines = text.lines();
        if (lines.isEmpty() || !lines.get(0).text().startsWith("NRRD000")) {
            throw new FormatException(path, "does not start with the NRRD magic 'NRRD000x'");
        }
        Map<String, String> f = new LinkedHashMap<>();
        Metadata.Builder metadata = Metadata.builder();
        metadata.put("nrrd:magic", "Magic", GROUP, lines.get(0).text().strip());
        long dataStart = -1;
        List<String> listed = new ArrayList<>();
        boolean listing = false;
        for (TextHeader.Line line : lines.subList(1, lines.size())) {
            String l = line.text();
            if (listing) {
                if (!l.isBlank()) {
                    listed.add(l.strip());
                }
                continue;
            }
            if (l.isEmpty()) {
                dataStart = line.end();
                break;
            }
            if (l.startsWith("#")) {
                continue;
            }
            int kv = l.indexOf(":=");
            int colon = l.indexOf(": ");
            if (kv > 0 && (colon < 0 || kv < colon)) {
                String key = l.substring(0, kv);
                metadata.put("nrrd:kv:" + key, key, GROUP, l.substring(kv + 2));
                continue;
            }
            if (colon <= 0) {
                throw new FormatException(path, "header line '" + l + "' is neither 'field: value' nor 'key:=value'");
            }
            String field = l.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = l.substring(colon + 2).strip();
            field = field.equals("datafile") ? "data file" : field.equals("centerings") ? "centers" : field;
            f.put(field, value);
            metadata.put("nrrd:" + field, field, GROUP, value);
            if (field.equals("data file") && value.toUpperCase(Locale.ROOT).startsWith("LIST")) {
                listing = true;
            }
        }
        boolean detached = f.containsKey("data file");
        if (!detached && dataStart < 0) {
            throw new FormatException(path, text.complete() ? "has no blank line ending its header and no data file"
                    : "has no end of its header within " + TextHeader.MAX_BYTES + " bytes");
        }
        return open(path, f, metadata.build(), detached ? -1 : dataStart, listed);
    }

    private static ChunkSource open(Path path, Map<String, String> f, Metadata metadata, long dataStart,
            List<String> listed) throws IOException {
        String typeName = require(path, f, "type").toLowerCase(Locale.ROOT);
        PixelType type = TYPES.get(typeName);
        if (type == null) {
            throw new FormatException(path, "has type '" + f.get("type") + "'" + (typeName.contains("long")
                    || typeName.contains("64") ? ", 64-bit integers, which QBI has no pixel type for"
                            : ", which QBI does not read"));
        }
        int dimension = (int) whole(path, "dimension", require(path, f, "dimension"));
        if (dimension < 1 || dimension > 16) {
            throw new FormatException(path, "has dimension " + dimension);
        }
        long[] sizes = TextHeader.sizes(path, "sizes", require(path, f, "sizes"), dimension);
        String[] kinds = list(f, "kinds", dimension);
        List<double[]> directions = directions(path, f, dimension);

        // Which NRRD axis is which QBI axis.
        int first = 0;
        String kind0 = kinds[0].toLowerCase(Locale.ROOT);
        if (PACKED_KINDS.contains(kind0)) {
            if (type == PixelType.UINT8 && sizes[0] == 3 && !kind0.equals("complex")) {
                type = PixelType.RGB8;
                first = 1;
            } else if (type == PixelType.UINT8 && sizes[0] == 4 && !kind0.equals("complex")) {
                type = PixelType.RGBA8;
                first = 1;
            } else if (type == PixelType.FLOAT32 && sizes[0] == 2 && kind0.equals("complex")) {
                type = PixelType.COMPLEX_FLOAT32;
                first = 1;
            }
        }
        Axis[] axisOf = new Axis[dimension];
        int spatial = 0;
        List<Axis> order = new ArrayList<>();
        for (int i = first; i < dimension; i++) {
            String kind = kinds[i].toLowerCase(Locale.ROOT);
            // A domain axis (or one of no stated kind) is spatial unless its space direction is "none".
            boolean none = directions != null && directions.get(i) == null;
            boolean domain = kind.equals("space") || (SPATIAL_KINDS.contains(kind) || kind.equals("???")) && !none;
            Axis axis;
            if (kind.equals("time")) {
                axis = Axis.T;
            } else if (domain) {
                axis = spatial < 3 ? Axis.values()[spatial++] : Axis.T;
            } else {
                axis = Axis.C;
            }
            if (order.contains(axis)) {
                throw new FormatException(path, "has axes of kinds " + Arrays.toString(kinds) + "; QBI holds up to three"
                        + " spatial axes, one time axis and one channel axis");
            }
            axisOf[i] = axis;
            order.add(axis);
        }
        for (Axis axis : Axis.values()) {
            if (!order.contains(axis)) {
                order.add(axis);
            }
        }
        long[] all = new long[Axis.COUNT];
        Arrays.fill(all, 1);
        for (int i = first; i < dimension; i++) {
            all[axisOf[i].ordinal()] = sizes[i];
        }
        long bytes = Volumes.byteCount(path, all, type.bytesPerPixel());
        ImageHeader header = header(path, f, metadata, type, all, axisOf, directions);
        String endian = f.getOrDefault("endian", "little").toLowerCase(Locale.ROOT);
        ByteOrder byteOrder = endian.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteStore store = store(path, f, dataStart, listed, dimension, sizes, bytes);
        return new RawSource(path, header, store, byteOrder, new RawLayout(order, 0));
    }

    private static ImageHeader header(Path path, Map<String, String> f, Metadata metadata, PixelType type, long[] all,
            Axis[] axisOf, List<double[]> directions) throws FormatException {
        double[] spacing = { Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN };
        String[] units = new String[Axis.COUNT];
        String[] spacings = list(f, "spacings", axisOf.length);
        String[] axisUnits = list(f, "units", axisOf.length);
        for (int i = 0; i < axisOf.length; i++) {
            if (axisOf[i] == null) {
                continue;
            }
            int a = axisOf[i].ordinal();
            spacing[a] = number(spacings[i]);
            units[a] = axisUnits[i].equals("???") ? null : unquote(axisUnits[i]);
        }
        double[] flip = spaceToLps(f.get("space"));
        double[][] rows = new double[3][];
        if (directions != null) {
            for (int i = 0; i < axisOf.length; i++) {
                double[] v = directions.get(i);
                if (v != null && axisOf[i] != null && axisOf[i].ordinal() < 3) {
                    double[] lps = new double[3];
                    for (int j = 0; j < Math.min(3, v.length); j++) {
                        lps[j] = v[j] * flip[j];
                    }
                    rows[axisOf[i].ordinal()] = lps;
                    spacing[axisOf[i].ordinal()] = Math.sqrt(lps[0] * lps[0] + lps[1] * lps[1] + lps[2] * lps[2]);
                }
            }
        }
        double[] origin = new double[0];
        if (f.containsKey("space origin")) {
            List<double[]> vectors = vectors(path, "space origin", f.get("space origin"));
            if (vectors.size() != 1 || vectors.get(0) == null) {
                throw new FormatException(path, "has space origin '" + f.get("space origin") + "'; expected one vector");
            }
            double[] o = vectors.get(0);
            origin = new double[Math.min(3, o.length)];
            for (int j = 0; j < origin.length; j++) {
                origin[j] = o[j] * flip[j];
            }
        }
        String[] spaceUnits = list(f, "space units", 3);
        String spaceUnit = !spaceUnits[0].equals("???") ? unquote(spaceUnits[0]) : units[0];
        boolean calibrated = directions != null || !Double.isNaN(spacing[0]) || origin.length > 0;
        String unit = spaceUnit != null ? spaceUnit : calibrated ? "mm" : AxisCalibration.PIXEL_UNIT;
        List<AxisCalibration> axes = new ArrayList<>(Volumes.spatial(all, Arrays.copyOf(spacing, 3), origin, unit));
        axes.add(AxisCalibration.uncalibrated(Axis.C, all[Axis.C.ordinal()]));
        double t = spacing[Axis.T.ordinal()];
        axes.add(t > 0 && Double.isFinite(t) && units[Axis.T.ordinal()] != null
                ? AxisCalibration.of(Axis.T, all[Axis.T.ordinal()], t, 0, units[Axis.T.ordinal()])
                : AxisCalibration.uncalibrated(Axis.T, all[Axis.T.ordinal()]));
        Optional<Orientation> orientation = Optional.empty();
        if (rows[0] != null && (all[1] == 1 || rows[1] != null) && (all[2] == 1 || rows[2] != null)) {
            orientation = Volumes.orientation(java.util.stream.Stream.of(rows).filter(r -> r != null)
                    .toArray(double[][]::new));
        }
        return new ImageHeader("NRRD", type, axes, orientation, Rescale.IDENTITY, metadata);
    }

    /** Sign flips from the declared space to LPS: RAS flips x and y, LAS flips y; others are taken as LPS. */
    private static double[] spaceToLps(String space) {
        String s = space == null ? "" : space.toLowerCase(Locale.ROOT);
        if (s.startsWith("right-anterior-superior") || s.equals("ras") || s.equals("ras-time")) {
            return new double[] { -1, -1, 1 };
        }
        if (s.startsWith("left-anterior-superior") || s.equals("las") || s.equals("las-time")) {
            return new double[] { 1, -1, 1 };
        }
        return new double[] { 1, 1, 1 };
    }

    /** The space directions, one vector per axis (null for "none"), or null when the header has none. */
    private static List<double[]> directions(Path path, Map<String, String> f, int dimension) throws FormatException {
        String value = f.get("space directions");
        if (value == null) {
            return null;
        }
        List<double[]> vectors = vectors(path, "space directions", value);
        if (vectors.size() != dimension) {
            throw new FormatException(path, "has " + vectors.size() + " space directions for " + dimension + " axes");
        }
        return vectors;
    }

    private static List<double[]> vectors(Path path, String field, String value) throws FormatException {
        List<double[]> vectors = new ArrayList<>();
        Matcher m = VECTOR.matcher(value);
        while (m.find()) {
            if (m.group(1) == null) {
                vectors.add(null);
                continue;
            }
            String[] parts = m.group(1).split(",");
            double[] v = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                v[i] = number(parts[i]);
                if (Double.isNaN(v[i])) {
                    throw new FormatException(path, field + " '" + value + "' has a component that is not a number");
                }
            }
            vectors.add(v);
        }
        return vectors;
    }

    /** Where the values are, and how they are encoded. */
    private static ByteStore store(Path path, Map<String, String> f, long dataStart, List<String> listed, int dimension,
            long[] sizes, long bytes) throws IOException {
        String encoding = f.getOrDefault("encoding", "").toLowerCase(Locale.ROOT);
        boolean gzip = encoding.equals("gzip") || encoding.equals("gz");
        if (!gzip && !encoding.equals("raw")) {
            throw new FormatException(path, encoding.isEmpty() ? "has no encoding field"
                    : "has encoding '" + f.get("encoding") + "'; QBI reads raw and gzip NRRD data");
        }
        long lineSkip = f.containsKey("line skip") ? whole(path, "line skip", f.get("line skip")) : 0;
        long byteSkip = f.containsKey("byte skip") ? whole(path, "byte skip", f.get("byte skip")) : 0;
        if (lineSkip < 0 || byteSkip < -1 || (byteSkip == -1 && gzip)) {
            throw new FormatException(path, "has line skip " + lineSkip + " and byte skip " + byteSkip
                    + "; they are >= 0 (byte skip -1 only for raw data)");
        }
        List<Path> files;
        int fileDims = dimension;
        if (dataStart >= 0) {
            files = List.of(path);
        } else {
            String dataFile = f.get("data file");
            String[] tokens = dataFile.split("\\s+");
            if (tokens[0].equalsIgnoreCase("LIST")) {
                fileDims = tokens.length > 1 ? (int) whole(path, "data file", tokens[1]) : dimension - 1;
                files = listed.stream().map(name -> Volumes.resolve(path, name)).toList();
            } else if (tokens.length >= 4 && tokens[0].contains("%")) {
                files = Volumes.pattern(path, "data file", tokens);
                fileDims = tokens.length > 4 ? (int) whole(path, "data file", tokens[4]) : dimension - 1;
            } else {
                files = List.of(Volumes.resolve(path, dataFile));
            }
        }
        if (files.size() > 1 || fileDims != dimension) {
            long expected = 1;
            for (int i = Math.max(0, fileDims); i < dimension; i++) {
                expected *= sizes[i];
            }
            if (fileDims < 1 || fileDims > dimension || expected != files.size()) {
                throw new FormatException(path, "its data file field names " + files.size() + " files of " + fileDims
                        + " dimensions; the sizes need " + expected);
            }
            if (gzip || lineSkip > 0) {
                throw new FormatException(path, "has several gzip data files or a line skip with several files, which "
                        + "QBI does not read");
            }
        }
        Path file = files.get(0);
        if (!Files.isRegularFile(file)) {
            throw new FormatException(path, "its data file " + file + " does not exist");
        }
        long start = Math.max(0, dataStart) + lineSkipBytes(path, file, Math.max(0, dataStart), lineSkip);
        long bytesPerFile = bytes / files.size();
        if (gzip) {
            return ByteStore.decoded(path, byteSkip, bytes, () -> Volumes.inflating(file, start, -1));
        }
        if (byteSkip == -1) {
            long length = Files.size(file);
            if (length < bytesPerFile) {
                throw new FormatException(path, file.getFileName() + " has " + length + " bytes, fewer than the "
                        + bytesPerFile + " bytes of pixel data the header describes: the file is truncated");
            }
            return ByteStore.files(path, files, length - bytesPerFile, bytesPerFile);
        }
        return ByteStore.files(path, files, start + byteSkip, bytesPerFile);
    }

    /** Bytes taken by {@code lines} lines of {@code file} from {@code from}. */
    private static long lineSkipBytes(Path header, Path file, long from, long lines) throws IOException {
        if (lines == 0) {
            return 0;
        }
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            in.skipNBytes(from);
            long bytes = 0;
            for (long n = 0; n < lines;) {
                int b = in.read();
                if (b < 0) {
                    throw new FormatException(header, "has line skip " + lines + ", but " + file.getFileName()
                            + " has only " + n + " lines after the header");
                }
                bytes++;
                if (b == '\n') {
                    n++;
                }
            }
            return bytes;
        } catch (java.io.EOFException e) {
            throw new FormatException(header, "its data starts past the end of " + file.getFileName());
        }
    }

    /** A per-axis list field's values ("???" where absent). */
    private static String[] list(Map<String, String> f, String field, int count) {
        String[] values = new String[count];
        Arrays.fill(values, "???");
        String value = f.get(field);
        if (value != null) {
            List<String> tokens = new ArrayList<>();
            Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(value);
            while (m.find()) {
                tokens.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
            for (int i = 0; i < Math.min(count, tokens.size()); i++) {
                values[i] = tokens.get(i);
            }
        }
        return values;
    }

    private static String unquote(String value) {
        return value.replace("\"", "").strip();
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String require(Path path, Map<String, String> f, String field) throws FormatException {
        String value = f.get(field);
        if (value == null || value.isBlank()) {
            throw new FormatException(path, "has no '" + field + "' field in its header");
        }
        return value;
    }

    private static long whole(Path path, String field, String value) throws FormatException {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new FormatException(path, field + " '" + value + "' is not a whole number");
        }
    }
}
