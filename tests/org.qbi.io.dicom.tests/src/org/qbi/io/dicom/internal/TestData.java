package org.qbi.io.dicom.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** This fragment's own data (data/, made by data/make_data.py) and helpers. */
final class TestData {

    private static JsonNode truth;

    private TestData() {
    }

    /** The fragment's data folder, found from the working directory upwards. */
    static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("data/make_data.py"))) {
                return p.resolve("data");
            }
            Path nested = p.resolve("tests/org.qbi.io.dicom.tests/data");
            if (Files.exists(nested.resolve("make_data.py"))) {
                return nested;
            }
        }
        throw new AssertionError("cannot find tests/org.qbi.io.dicom.tests/data from " + Path.of("").toAbsolutePath());
    }

    static Path file(String relative) {
        Path file = dir().resolve(relative);
        assertTrue(Files.exists(file), "test data " + file + " is missing (run data/make_data.py)");
        return file;
    }

    static synchronized JsonNode truth(String key) throws IOException {
        if (truth == null) {
            truth = new ObjectMapper().readTree(dir().resolve("truth.json").toFile());
        }
        JsonNode entry = truth.get(key);
        if (entry == null) {
            throw new AssertionError("data/truth.json has no entry " + key);
        }
        return entry;
    }

    static Image open(Path path) throws IOException {
        return ImageFormats.installed().open(path, null);
    }

    static String fingerprint(Image image) throws IOException {
        return Fingerprint.of(image, ProgressMonitor.NULL);
    }

    /** A reference array: its values as doubles in file order, and its shape. */
    record Reference(long[] shape, double[] values) {
    }

    /** Reads a gzip'd .npy (little-endian u1, i2, u2 arrays, C order). */
    static Reference reference(String relative) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file(relative)))) {
            DataInputStream data = new DataInputStream(in);
            byte[] magic = data.readNBytes(8);
            assertEquals("\u0093NUMPY", new String(magic, 0, 6, StandardCharsets.ISO_8859_1), "npy magic");
            int headerLength = Short.toUnsignedInt(Short.reverseBytes(data.readShort()));
            String header = new String(data.readNBytes(headerLength), StandardCharsets.ISO_8859_1);
            Matcher descr = Pattern.compile("'descr':\\s*'([<|>]?)(\\w\\d)'").matcher(header);
            Matcher shape = Pattern.compile("'shape':\\s*\\(([^)]*)\\)").matcher(header);
            assertTrue(descr.find() && shape.find(), "npy header " + header);
            String[] parts = shape.group(1).split(",");
            long count = 1;
            java.util.List<Long> dims = new java.util.ArrayList<>();
            for (String part : parts) {
                if (!part.isBlank()) {
                    dims.add(Long.parseLong(part.strip()));
                    count *= dims.getLast();
                }
            }
            String type = descr.group(2);
            int size = Integer.parseInt(type.substring(1));
            byte[] bytes = data.readNBytes((int) (count * size));
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            double[] values = new double[(int) count];
            for (int i = 0; i < count; i++) {
                values[i] = switch (type) {
                    case "u1" -> buffer.get() & 0xFF;
                    case "i1" -> buffer.get();
                    case "u2" -> buffer.getShort() & 0xFFFF;
                    case "i2" -> buffer.getShort();
                    default -> throw new AssertionError("npy type " + type);
                };
            }
            return new Reference(dims.stream().mapToLong(Long::longValue).toArray(), values);
        }
    }
}
