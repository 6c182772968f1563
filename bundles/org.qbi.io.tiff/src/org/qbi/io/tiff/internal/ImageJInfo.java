package org.qbi.io.tiff.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.qbi.core.image.Metadata;
import org.qbi.io.tiff.internal.TiffFile.Field;
import org.qbi.io.tiff.internal.TiffFile.Ifd;

/**
 * ImageJ's metadata in a TIFF: the "ImageJ=..." ImageDescription (images, channels, slices, frames, unit, spacing,
 * finterval, origins) and the binary IJMetadata field (info text, slice labels, display ranges, properties),
 * decoded as ImageJ's TiffDecoder writes them.
 */
final class ImageJInfo {

    /** The description's key=value pairs, in order. */
    final Map<String, String> values;
    /** The IJMetadata entries already typed for the metadata dictionary. */
    final Map<String, Object> extra;

    private ImageJInfo(Map<String, String> values, Map<String, Object> extra) {
        this.values = values;
        this.extra = extra;
    }

    /** The ImageJ metadata of {@code ifd}, or null when its description is not ImageJ's. */
    static ImageJInfo of(Ifd ifd) {
        String description = ifd.text(TiffTags.IMAGE_DESCRIPTION);
        if (description == null || !description.startsWith("ImageJ=")) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : description.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return new ImageJInfo(values, binary(ifd));
    }

    /** A positive integer value (images, channels, slices, frames), or {@code fallback}. */
    long count(String key, long fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v);
            return n >= 1 ? n : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** A finite number, or NaN. */
    double number(String key) {
        String v = values.get(key);
        if (v == null) {
            return Double.NaN;
        }
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    String text(String key) {
        String v = values.get(key);
        return v == null ? null : Units.unescape(v);
    }

    /** Adds "imagej:KEY" entries (group "ImageJ") to {@code metadata}. */
    void addTo(Metadata.Builder metadata) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            metadata.put("imagej:" + e.getKey(), e.getKey(), "ImageJ", typed(Units.unescape(e.getValue())));
        }
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            metadata.put("imagej:" + e.getKey(), e.getKey(), "ImageJ", e.getValue());
        }
    }

    private static Object typed(String value) {
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.valueOf(value);
        }
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException notLong) {
            try {
                double d = Double.parseDouble(value);
                if (Double.isFinite(d) && !value.toLowerCase(Locale.ROOT).matches(".*[a-z].*")) {
                    return d;
                }
            } catch (NumberFormatException notNumber) {
                // text
            }
        }
        return value;
    }

    /**
     * Decodes IJMetadata: a header ("IJIJ" big-endian or "JIJI" little-endian, then (type, count) pairs) followed by
     * the entries whose lengths IJMetadataByteCounts gives. Strings are UTF-16. Unknown or broken parts are left out.
     */
    private static Map<String, Object> binary(Ifd ifd) {
        Map<String, Object> out = new LinkedHashMap<>();
        Field data = ifd.field(TiffTags.IJ_METADATA);
        Field counts = ifd.field(TiffTags.IJ_METADATA_BYTE_COUNTS);
        if (data == null || counts == null || counts.count() < 1) {
            return out;
        }
        try {
            byte[] bytes = data.value();
            long[] lengths = counts.longs();
            if (lengths[0] < 4 || lengths[0] > bytes.length) {
                return out;
            }
            ByteOrder order;
            if (bytes[0] == 'I' && bytes[1] == 'J' && bytes[2] == 'I' && bytes[3] == 'J') {
                order = ByteOrder.BIG_ENDIAN;
            } else if (bytes[0] == 'J' && bytes[1] == 'I' && bytes[2] == 'J' && bytes[3] == 'I') {
                order = ByteOrder.LITTLE_ENDIAN;
            } else {
                return out;
            }
            ByteBuffer header = ByteBuffer.wrap(bytes, 0, (int) lengths[0]).order(order);
            header.position(4);
            int entry = 1;
            long position = lengths[0];
            List<String> labels = new ArrayList<>();
            List<String> properties = new ArrayList<>();
            int luts = 0;
            int rois = 0;
            while (header.remaining() >= 8) {
                int type = header.getInt();
                int count = header.getInt();
                for (int i = 0; i < count && entry < lengths.length; i++, entry++) {
                    long length = lengths[entry];
                    if (length < 0 || position + length > bytes.length) {
                        return out;
                    }
                    int from = (int) position;
                    position += length;
                    switch (type) {
                        case 0x696e666f -> out.put("Info", utf16(bytes, from, (int) length, order)); // "info"
                        case 0x6c61626c -> labels.add(utf16(bytes, from, (int) length, order)); // "labl"
                        case 0x72616e67 -> out.put("Ranges", doubles(bytes, from, (int) length, order)); // "rang"
                        case 0x6c757473 -> luts++; // "luts"
                        case 0x726f6920, 0x6f766572 -> rois++; // "roi ", "over"
                        case 0x70726f70 -> properties.add(utf16(bytes, from, (int) length, order)); // "prop"
                        default -> {
                        }
                    }
                }
            }
            if (!labels.isEmpty()) {
                out.put("Labels", List.copyOf(labels));
            }
            if (luts > 0) {
                out.put("LUTs", luts + " colour table" + (luts == 1 ? "" : "s"));
            }
            if (rois > 0) {
                out.put("ROIs", rois + " ROI" + (rois == 1 ? "" : "s") + " or overlay element" + (rois == 1 ? "" : "s"));
            }
            for (int i = 0; i + 1 < properties.size(); i += 2) {
                out.put("prop:" + properties.get(i), properties.get(i + 1));
            }
        } catch (RuntimeException broken) {
            // metadata beyond the description is optional: what could be decoded stays
        }
        return out;
    }

    private static String utf16(byte[] bytes, int from, int length, ByteOrder order) {
        return new String(bytes, from, length & ~1,
                order == ByteOrder.BIG_ENDIAN ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE);
    }

    private static List<Double> doubles(byte[] bytes, int from, int length, ByteOrder order) {
        ByteBuffer b = ByteBuffer.wrap(bytes, from, length).order(order);
        List<Double> values = new ArrayList<>();
        while (b.remaining() >= 8) {
            values.add(b.getDouble());
        }
        return values;
    }
}
