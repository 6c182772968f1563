package org.qbi.ui.viewer.testformat;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.image.Rescale;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.image.io.ImageReader;
import org.qbi.core.image.io.Probe;

/**
 * A synthetic image format for the viewer's tests and screenshots: a small text header, pixels computed from
 * a formula (so tests know every value without storing any). A folder holding .qbitest files is a multi-image
 * "series" whose entries are the file names.
 *
 * <pre>
 * QBITEST
 * type=uint16
 * size=64,48,5            (x, y, z[, c, t])
 * spacing=0.5,0.5,2
 * origin=0,0,0
 * unit=mm
 * rescale=2,-1000,HU
 * pattern=ramp            (ramp, rgb, phantom)
 * fail-plane=3            (optional: decoding z = 3 fails with a FormatException)
 * meta.KEY=GROUP|NAME|VALUE   (key "qbitest:KEY", or KEY itself when it has a colon: meta.dicom:0028,1050=...)
 * </pre>
 */
public final class TestFormatReader implements ImageReader {

    /** The magic at the start of a file. */
    public static final String MAGIC = "QBITEST";

    /** Sources open now (the viewer must close what it opens). */
    public static final AtomicInteger OPEN_SOURCES = new AtomicInteger();
    /** Names of the threads that opened files or decoded chunks (the viewer must not use the UI thread). */
    public static final Set<String> READING_THREADS = ConcurrentHashMap.newKeySet();

    @Override
    public boolean canRead(Probe probe) {
        if (probe.directory()) {
            return !files(probe.path()).isEmpty();
        }
        return probe.startsWith(MAGIC);
    }

    @Override
    public List<String> entries(Path path) throws IOException {
        return Files.isDirectory(path) ? files(path) : List.of();
    }

    private static List<String> files(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".qbitest")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public ChunkSource open(Path path, String entry) throws IOException {
        READING_THREADS.add(Thread.currentThread().getName());
        Path file = path;
        if (Files.isDirectory(path)) {
            List<String> names = files(path);
            if (names.isEmpty()) {
                throw new FormatException(path, "no .qbitest files in this folder");
            }
            String name = entry == null ? names.getFirst() : entry;
            if (!names.contains(name)) {
                throw new FormatException(path, "no entry '" + name + "' (entries: " + String.join(", ", names) + ")");
            }
            file = path.resolve(name);
        }
        Source source = new Source(file, parse(file));
        OPEN_SOURCES.incrementAndGet();
        return source;
    }

    /** The header fields of a file, validated. */
    record Spec(PixelType type, long[] size, double[] spacing, double[] origin, String unit, Rescale rescale,
            String pattern, long failPlane, Metadata metadata) {
    }

    static Spec parse(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.startsWith(MAGIC)) {
            throw new FormatException(file, "not a QBI test file (no " + MAGIC + " magic)");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Metadata.Builder metadata = Metadata.builder();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (key.startsWith("meta.")) {
                String[] parts = value.split("\\|", 3);
                if (parts.length != 3) {
                    throw new FormatException(file, "metadata line '" + line + "' needs GROUP|NAME|VALUE");
                }
                String name = key.substring(5);
                metadata.put(name.contains(":") ? name : "qbitest:" + name, parts[1], parts[0], typed(parts[2]));
            } else {
                fields.put(key, value);
            }
        }
        if (!fields.containsKey("size")) {
            throw new FormatException(file, "the header has no size line (file truncated?)");
        }
        long[] size = longs(file, "size", fields.get("size"), 5, 1);
        long pixels = 1;
        for (long s : size) {
            if (s < 1) {
                throw new FormatException(file, "size " + fields.get("size") + " has a size below 1");
            }
            pixels *= s;
            if (pixels > 1L << 31) {
                throw new FormatException(file, "size " + fields.get("size") + " is too large for a test image");
            }
        }
        PixelType type = PixelType.fromLabel(fields.getOrDefault("type", "uint16"));
        double[] spacing = doubles(file, "spacing", fields.getOrDefault("spacing", "1,1,1"), 1);
        double[] origin = doubles(file, "origin", fields.getOrDefault("origin", "0,0,0"), 0);
        Rescale rescale = Rescale.IDENTITY;
        if (fields.containsKey("rescale")) {
            String[] parts = fields.get("rescale").split(",");
            rescale = new Rescale(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                    parts.length > 2 ? parts[2] : "");
        }
        long failPlane = fields.containsKey("fail-plane") ? Long.parseLong(fields.get("fail-plane")) : -1;
        metadata.put("qbitest:pattern", "Pattern", "QBI test", fields.getOrDefault("pattern", "ramp"));
        return new Spec(type, size, spacing, origin, fields.getOrDefault("unit", "pixel"), rescale,
                fields.getOrDefault("pattern", "ramp"), failPlane, metadata.build());
    }

    private static Object typed(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e2) {
                return value;
            }
        }
    }

    private static long[] longs(Path file, String name, String text, int count, long fill) throws FormatException {
        String[] parts = text.split(",");
        long[] values = new long[count];
        java.util.Arrays.fill(values, fill);
        try {
            for (int i = 0; i < Math.min(count, parts.length); i++) {
                values[i] = Long.parseLong(parts[i].strip());
            }
        } catch (NumberFormatException e) {
            throw new FormatException(file, name + " '" + text + "' is not a list of integers");
        }
        return values;
    }

    private static double[] doubles(Path file, String name, String text, double fill) throws FormatException {
        String[] parts = text.split(",");
        double[] values = { fill, fill, fill, fill, fill };
        try {
            for (int i = 0; i < Math.min(5, parts.length); i++) {
                values[i] = Double.parseDouble(parts[i].strip());
            }
        } catch (NumberFormatException e) {
            throw new FormatException(file, name + " '" + text + "' is not a list of numbers");
        }
        return values;
    }

    private static final class Source implements ChunkSource {
        private final Path file;
        private final Spec spec;
        private final ImageHeader header;
        private final ChunkGrid grid;
        private boolean closed;

        Source(Path file, Spec spec) {
            this.file = file;
            this.spec = spec;
            List<AxisCalibration> axes = new ArrayList<>();
            for (Axis axis : Axis.values()) {
                int i = axis.ordinal();
                boolean spatial = i < 3;
                axes.add(spatial ? AxisCalibration.of(axis, spec.size()[i], spec.spacing()[i], spec.origin()[i], spec.unit())
                        : AxisCalibration.uncalibrated(axis, spec.size()[i]));
            }
            header = new ImageHeader("QBI test", spec.type(), axes, Optional.empty(), spec.rescale(), spec.metadata());
            grid = ChunkGrid.planes(header.dimensions());
        }

        @Override
        public ImageHeader header() {
            return header;
        }

        @Override
        public ChunkGrid grid() {
            return grid;
        }

        @Override
        public void readChunk(long[] index, MemorySegment target) throws IOException {
            READING_THREADS.add(Thread.currentThread().getName());
            long z = index[2];
            long c = index[3];
            long t = index[4];
            if (z == spec.failPlane()) {
                throw new FormatException(file, "plane z " + z + " is corrupt (test)");
            }
            int nx = (int) spec.size()[0];
            int ny = (int) spec.size()[1];
            PixelType type = spec.type();
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    long i = (long) y * nx + x;
                    switch (spec.pattern()) {
                        case "rgb" -> {
                            int[] rgb = TestVolumes.rgb(x, y, z, c, t);
                            for (int s = 0; s < type.samplesPerPixel(); s++) {
                                PixelValues.set(type, target, i * type.samplesPerPixel() + s, s < 3 ? rgb[s] : 255);
                            }
                        }
                        case "phantom" -> PixelValues.set(type, target, i,
                                TestVolumes.phantomStored(x, y, z, spec.size(), spec.spacing(), spec.rescale()));
                        default -> PixelValues.set(type, target, i, TestVolumes.ramp(x, y, z, c, t, nx));
                    }
                }
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                OPEN_SOURCES.decrementAndGet();
            }
        }
    }
}
