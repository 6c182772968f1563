package org.example.lab;

import java.io.IOException;
import java.io.Reader;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.image.io.ImageReader;
import org.qbi.core.image.io.Probe;

/**
 * Reads a 2D image stored as a matrix of numbers in a CSV file ({@code *.matrix.csv}), as thermal cameras,
 * AFM and spectrometer software export them: one image row per line, values separated by commas, semicolons or
 * tabs. Lines starting with {@code #} are {@code key: value} metadata; {@code # pixel size: 0.5 um} sets the
 * spacing of both axes. Parsing is Apache Commons CSV's; the values become a float32 image.
 * <p>
 * The example reader of docs/EXTENDING.md: a reader is one thread-safe class that recognises its files and opens
 * them as a {@link ChunkSource}. CSV needs the whole file parsed to know the image's size, so {@link #open}
 * parses it once (refusing files above {@link #MAX_BYTES} rather than running out of memory) and serves the
 * values as one chunk.
 */
public final class MatrixCsvReader implements ImageReader {

    /** Largest file read (text costs about 8 bytes per value: 128 MB of text is about 16 million values). */
    public static final long MAX_BYTES = 128L << 20;

    private static final Pattern PIXEL_SIZE = Pattern.compile("\\s*([0-9.eE+-]+)\\s*(\\S*)\\s*");

    @Override
    public boolean canRead(Probe probe) {
        if (probe.directory() || !probe.hasExtension(".matrix.csv")) {
            return false;
        }
        // No magic bytes in CSV: the head must look like numbers, separators or comment lines.
        String head = new String(probe.head(), StandardCharsets.ISO_8859_1);
        for (String line : head.split("\n")) {
            if (!line.startsWith("#") && !line.matches("[\\s0-9eE.,;+\\-NnAaIiFfTtYy]*")) {
                return false;
            }
        }
        return true;
    }

    @Override
    public ChunkSource open(Path path, String entry) throws IOException {
        if (Files.size(path) > MAX_BYTES) {
            throw new FormatException(path, "is " + Files.size(path) + " bytes; matrix CSV files above " + MAX_BYTES
                    + " bytes are not read (store large images as TIFF, NIfTI or Zarr)");
        }
        Metadata.Builder metadata = Metadata.builder();
        List<float[]> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
                CSVParser parser = format(path).parse(in)) {
            for (CSVRecord record : parser) {
                rows.add(parseRow(path, record, parser.getCurrentLineNumber(), rows.isEmpty() ? -1 : rows.getFirst().length));
            }
        }
        if (rows.isEmpty()) {
            throw new FormatException(path, "holds no rows of numbers");
        }
        readComments(path, metadata);
        int width = rows.getFirst().length;
        int height = rows.size();
        Optional<double[]> pixelSize = metadata.build().text("pixel size").flatMap(MatrixCsvReader::pixelSize);
        String unit = metadata.build().text("pixel size").map(MatrixCsvReader::unitOf).orElse("");
        List<AxisCalibration> axes = new ArrayList<>();
        for (Axis axis : Axis.values()) {
            long size = axis == Axis.X ? width : axis == Axis.Y ? height : 1;
            axes.add(pixelSize.isPresent() && (axis == Axis.X || axis == Axis.Y)
                    ? AxisCalibration.of(axis, size, pixelSize.get()[0], 0, unit)
                    : AxisCalibration.uncalibrated(axis, size));
        }
        ImageHeader header = new ImageHeader("Matrix CSV", PixelType.FLOAT32, axes, Optional.empty(),
                Rescale.IDENTITY, metadata.build());
        return new Values(header, rows);
    }

    private static CSVFormat format(Path path) throws IOException {
        char delimiter = ',';
        try (var lines = Files.lines(path, StandardCharsets.UTF_8)) {
            String first = lines.filter(l -> !l.startsWith("#") && !l.isBlank()).findFirst().orElse("");
            if (first.indexOf(';') >= 0) {
                delimiter = ';';
            } else if (first.indexOf('\t') >= 0) {
                delimiter = '\t';
            }
        }
        return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setCommentMarker('#')
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
    }

    private static float[] parseRow(Path path, CSVRecord record, long line, int width) throws FormatException {
        int n = record.size();
        // A trailing separator makes an empty last field: not a value.
        if (n > 1 && record.get(n - 1).isEmpty()) {
            n--;
        }
        if (width >= 0 && n != width) {
            throw new FormatException(path, "line " + line + " has " + n
                    + " values where the first row has " + width);
        }
        float[] row = new float[n];
        for (int i = 0; i < n; i++) {
            try {
                row[i] = Float.parseFloat(record.get(i));
            } catch (NumberFormatException e) {
                throw new FormatException(path, "line " + line + ", column "
                        + (i + 1) + ": '" + record.get(i) + "' is not a number");
            }
        }
        return row;
    }

    private static void readComments(Path path, Metadata.Builder metadata) throws IOException {
        try (var lines = Files.lines(path, StandardCharsets.UTF_8)) {
            lines.filter(l -> l.startsWith("#") && l.indexOf(':') > 0).forEach(l -> {
                String key = l.substring(1, l.indexOf(':')).trim().toLowerCase();
                metadata.put(key, key, "Matrix CSV", l.substring(l.indexOf(':') + 1).trim());
            });
        }
    }

    private static Optional<double[]> pixelSize(String text) {
        Matcher m = PIXEL_SIZE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            double size = Double.parseDouble(m.group(1));
            return size > 0 && Double.isFinite(size) ? Optional.of(new double[] { size }) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String unitOf(String text) {
        Matcher m = PIXEL_SIZE.matcher(text);
        return m.matches() ? m.group(2) : "";
    }

    /** The parsed values, served as one chunk. */
    private record Values(ImageHeader header, List<float[]> rows) implements ChunkSource {

        @Override
        public ChunkGrid grid() {
            return new ChunkGrid(header.dimensions(), header.dimensions());
        }

        @Override
        public void readChunk(long[] index, MemorySegment target) {
            long offset = 0;
            for (float[] row : rows) {
                MemorySegment.copy(row, 0, target, ValueLayout.JAVA_FLOAT_UNALIGNED, offset, row.length);
                offset += (long) row.length * Float.BYTES;
            }
        }
    }
}
