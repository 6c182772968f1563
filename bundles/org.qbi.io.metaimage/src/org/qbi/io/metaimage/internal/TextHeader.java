package org.qbi.io.metaimage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.qbi.core.image.io.FormatException;

/**
 * The text lines at the start of a file whose header is text and whose data may follow it (MetaImage .mha,
 * NRRD): each line with the byte offset where the next one starts, so that a reader knows where attached
 * data begins. Reads at most {@link #MAX_BYTES}, so a binary file opened by mistake costs little.
 */
final class TextHeader {

    /** No real header is this long; a file without its end within this many bytes is refused. */
    static final int MAX_BYTES = 1 << 20;

    /** One line (without its line break) and the offset of the byte after its line break. */
    record Line(String text, long end) {
    }

    private final List<Line> lines;
    private final boolean complete;

    private TextHeader(List<Line> lines, boolean complete) {
        this.lines = lines;
        this.complete = complete;
    }

    /** The lines of the first {@link #MAX_BYTES} of {@code file} (ISO-8859-1; \n or \r\n line breaks). */
    static TextHeader read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES);
        }
        List<Line> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                lines.add(new Line(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1), i + 1));
                start = i + 1;
            }
        }
        boolean complete = bytes.length < MAX_BYTES;
        if (start < bytes.length && complete) {
            lines.add(new Line(new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1).strip(),
                    bytes.length));
        }
        return new TextHeader(lines, complete);
    }

    List<Line> lines() {
        return lines;
    }

    /** True when the whole file was read (it is shorter than {@link #MAX_BYTES}). */
    boolean complete() {
        return complete;
    }

    /** Whitespace-separated numbers. */
    static double[] numbers(Path file, String field, String value) throws FormatException {
        String[] tokens = value.strip().split("\\s+");
        double[] numbers = new double[tokens.length];
        try {
            for (int i = 0; i < tokens.length; i++) {
                numbers[i] = Double.parseDouble(tokens[i]);
            }
        } catch (NumberFormatException e) {
            throw new FormatException(file, field + " '" + value + "' is not a list of numbers");
        }
        return numbers;
    }

    /** Whitespace-separated sizes, each at least 1. */
    static long[] sizes(Path file, String field, String value, int count) throws FormatException {
        String[] tokens = value.strip().split("\\s+");
        if (tokens.length != count) {
            throw new FormatException(file, field + " '" + value + "' has " + tokens.length + " values; expected "
                    + count);
        }
        long[] sizes = new long[count];
        for (int i = 0; i < count; i++) {
            try {
                sizes[i] = Long.parseLong(tokens[i]);
            } catch (NumberFormatException e) {
                throw new FormatException(file, field + " '" + value + "' is not a list of whole numbers");
            }
            if (sizes[i] < 1) {
                throw new FormatException(file, field + " '" + value + "' has a " + (sizes[i] < 0 ? "negative" : "zero")
                        + " size; sizes are at least 1");
            }
        }
        return sizes;
    }
}
