package org.qbi.io.numpy.internal;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.core.image.io.ByteStore;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.image.io.ImageReader;
import org.qbi.core.image.io.Probe;
import org.qbi.core.image.io.RawLayout;
import org.qbi.core.image.io.RawSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads headerless raw volumes described by a small JSON sidecar, {@code <name>.raw.json} beside
 * {@code <name>.raw} (QBI's own "small header": what a user writes, or the workbench's raw import form will
 * write, for a scanner's or a simulation's raw dump). Opening either file works. The sidecar:
 *
 * <pre>
 * {
 *   "shape": [512, 512, 300],     x, y, z (then c, t), x fastest in the file; required
 *   "dtype": "uint16",            uint8 int8 uint16 int16 uint32 int32 float32 float64 complex64 rgb8 rgba8; required
 *   "byteOrder": "little",        or "big"; default little
 *   "offset": 0,                  bytes to skip at the start of the data file; default 0
 *   "spacing": [0.5, 0.5, 1.0],   per axis x, y, z; needs "unit"; default uncalibrated
 *   "unit": "mm",                 the unit of spacing and origin
 *   "origin": [0, 0, 0],          world position of the first pixel's centre; default 0
 *   "file": "scan.raw"            the data file, relative to the sidecar; default the sidecar's name without .json
 * }
 * </pre>
 *
 * Other keys are kept as metadata ("raw:key", group "Raw"). Values are read in place by positional reads.
 */
public final class RawVolumeReader implements ImageReader {

    static final String SIDECAR = ".raw.json";
    private static final String GROUP = "Raw";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean canRead(Probe probe) {
        if (probe.directory()) {
            return false;
        }
        if (probe.fileName().endsWith(SIDECAR)) {
            String head = new String(probe.head(), StandardCharsets.UTF_8);
            return head.stripLeading().startsWith("{") && head.contains("\"shape\"") && head.contains("\"dtype\"");
        }
        return probe.fileName().endsWith(".raw") && Files.isRegularFile(sidecarOf(probe.path()));
    }

    private static Path sidecarOf(Path raw) {
        return raw.resolveSibling(raw.getFileName() + ".json");
    }

    @Override
    public ChunkSource open(Path path, String entry) throws IOException {
        Path sidecar = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? path : sidecarOf(path);
        if (!Files.isRegularFile(sidecar)) {
            throw new FormatException(path, "has no sidecar " + sidecar.getFileName() + " describing its shape and dtype");
        }
        if (Files.size(sidecar) > 1 << 20) {
            throw new FormatException(sidecar, "is larger than 1 MB: not a raw volume's sidecar");
        }
        JsonNode json;
        try {
            json = JSON.readTree(sidecar.toFile());
        } catch (JsonProcessingException e) {
            throw new FormatException(sidecar, "is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (json == null || !json.isObject()) {
            throw new FormatException(sidecar, "is not a JSON object with \"shape\" and \"dtype\"");
        }
        long[] sizes = shape(sidecar, json.get("shape"));
        PixelType type;
        try {
            type = PixelType.fromLabel(text(sidecar, json, "dtype", null));
        } catch (IllegalArgumentException e) {
            throw new FormatException(sidecar, "\"dtype\": " + e.getMessage());
        }
        String byteOrder = text(sidecar, json, "byteOrder", "little").toLowerCase(Locale.ROOT);
        if (!byteOrder.equals("little") && !byteOrder.equals("big")) {
            throw new FormatException(sidecar, "\"byteOrder\" is '" + byteOrder + "'; use \"little\" or \"big\"");
        }
        long offset = json.has("offset") ? json.get("offset").asLong(-1) : 0;
        if (offset < 0 || json.has("offset") && !json.get("offset").canConvertToExactIntegral()) {
            throw new FormatException(sidecar, "\"offset\" is " + json.get("offset") + "; it is a number of bytes >= 0");
        }
        double[] spacing = numbers(sidecar, json, "spacing");
        double[] origin = numbers(sidecar, json, "origin");
        String unit = json.has("unit") ? text(sidecar, json, "unit", null) : null;
        if ((spacing.length > 0 || origin.length > 0) && unit == null) {
            throw new FormatException(sidecar, "gives \"spacing\" or \"origin\" without \"unit\"; add e.g. \"unit\": \"mm\"");
        }
        Path data = sidecar.resolveSibling(json.has("file") ? text(sidecar, json, "file", null)
                : sidecar.getFileName().toString().substring(0, sidecar.getFileName().toString().length() - 5));
        long bytes;
        try {
            bytes = type.bytesPerPixel();
            for (long size : sizes) {
                bytes = Math.multiplyExact(bytes, size);
            }
        } catch (ArithmeticException e) {
            throw new FormatException(sidecar, "\"shape\" " + json.get("shape") + " has more bytes than 2^63");
        }
        List<AxisCalibration> axes = new ArrayList<>();
        for (Axis axis : Axis.values()) {
            int i = axis.ordinal();
            if (i < 3 && (i < spacing.length || i < origin.length)) {
                double s = i < spacing.length ? spacing[i] : 1;
                if (!(s > 0) || Double.isInfinite(s)) {
                    throw new FormatException(sidecar, "\"spacing\" of " + axis.label() + " is " + s + "; it must be > 0");
                }
                axes.add(AxisCalibration.of(axis, sizes[i], s, i < origin.length ? origin[i] : 0, unit));
            } else {
                axes.add(AxisCalibration.uncalibrated(axis, sizes[i]));
            }
        }
        Metadata.Builder metadata = Metadata.builder();
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            JsonNode value = field.getValue();
            metadata.put("raw:" + field.getKey(), field.getKey(), GROUP, value.isTextual() ? value.asText()
                    : value.isIntegralNumber() ? (Object) value.asLong()
                            : value.isNumber() ? (Object) value.asDouble() : value.toString());
        }
        ImageHeader header = new ImageHeader("Raw", type, axes, Optional.empty(), Rescale.IDENTITY, metadata.build());
        ByteStore store = ByteStore.file(sidecar, data, offset, bytes);
        return new RawSource(sidecar, header, store, byteOrder.equals("big") ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN, RawLayout.STANDARD);
    }

    private static long[] shape(Path sidecar, JsonNode shape) throws FormatException {
        if (shape == null || !shape.isArray() || shape.isEmpty() || shape.size() > 5) {
            throw new FormatException(sidecar, "needs \"shape\": [x, y, z] (1 to 5 sizes, x first), got " + shape);
        }
        long[] sizes = { 1, 1, 1, 1, 1 };
        for (int i = 0; i < shape.size(); i++) {
            JsonNode size = shape.get(i);
            if (!size.canConvertToExactIntegral() || size.asLong() < 1) {
                throw new FormatException(sidecar, "\"shape\" " + shape + " has " + size + "; sizes are whole numbers >= 1");
            }
            sizes[i] = size.asLong();
        }
        return sizes;
    }

    private static String text(Path sidecar, JsonNode json, String key, String absent) throws FormatException {
        JsonNode value = json.get(key);
        if (value == null) {
            if (absent == null) {
                throw new FormatException(sidecar, "has no \"" + key + "\"");
            }
            return absent;
        }
        if (!value.isTextual()) {
            throw new FormatException(sidecar, "\"" + key + "\" is " + value + "; expected a string");
        }
        return value.asText();
    }

    private static double[] numbers(Path sidecar, JsonNode json, String key) throws FormatException {
        JsonNode value = json.get(key);
        if (value == null) {
            return new double[0];
        }
        if (!value.isArray() || value.size() > 3) {
            throw new FormatException(sidecar, "\"" + key + "\" is " + value + "; expected [x, y, z] numbers");
        }
        double[] numbers = new double[value.size()];
        for (int i = 0; i < numbers.length; i++) {
            if (!value.get(i).isNumber()) {
                throw new FormatException(sidecar, "\"" + key + "\" is " + value + "; expected numbers");
            }
            numbers[i] = value.get(i).asDouble();
        }
        return numbers;
    }
}
