package org.qbi.io.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.qbi.core.cli.CommandFailure;
import org.qbi.core.cli.JsonOutput;
import org.qbi.core.cli.QbiCommand;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.Image;
import org.qbi.core.io.AtomicFiles;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qbi bench io}: reading throughput of the TIFF and raw readers against a plain FileChannel read of the
 * same files, measured in one run, alternating, from a warm page cache. Prints the ratio the performance goal is
 * stated in (at least 0.70).
 */
@Command(name = "bench", description = "Benchmarks, each against a baseline measured in the same run. "
        + "'qbi bench io': reading a 16-bit TIFF stack and a raw volume vs. a plain FileChannel read.")
public final class BenchCommand implements QbiCommand {

    @Parameters(paramLabel = "WHAT", description = "what to measure: io", defaultValue = "io")
    String what;

    @Option(names = "--dir", paramLabel = "DIR", description = "where the test files go (default: the temp folder)")
    Path dir;

    @Option(names = "--size", description = "edge length of the volume and slices of the stack (default 512)",
            defaultValue = "512")
    int size;

    @Option(names = "--repeat", description = "measured passes per reader (default 5; the median is reported)",
            defaultValue = "5")
    int repeat;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    /** One measured file. */
    record Result(String file, String format, long bytes, double baselineMBps, double qbiMBps, double ratio,
            List<Double> baselineRuns, List<Double> qbiRuns) {
    }

    @Override
    public Integer call() throws IOException {
        if (!what.equals("io")) {
            throw new CommandFailure("Unknown benchmark '" + what + "'; available: io");
        }
        if (size < 16 || repeat < 1) {
            throw new CommandFailure("--size must be at least 16 and --repeat at least 1");
        }
        Path work = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "qbi-bench-" + size);
        Files.createDirectories(work);
        ImageFormats formats = ImageFormats.installed();
        Path raw = rawVolume(work);
        Path tiff = tiffStack(work, raw, formats);
        List<Result> results = List.of(measure(formats, tiff, "TIFF stack, uncompressed"),
                measure(formats, raw, "raw volume"));
        if (json) {
            JsonOutput.print(System.out, Map.of("size", size, "repeat", repeat, "java", Runtime.version().toString(),
                    "results", results));
        } else {
            System.out.printf(Locale.ROOT, "%-26s %10s %14s %12s %7s%n", "file", "MB", "FileChannel", "QBI reader",
                    "ratio");
            for (Result r : results) {
                System.out.printf(Locale.ROOT, "%-26s %10.1f %10.0f MB/s %8.0f MB/s %7.2f%n", r.format(),
                        r.bytes() / 1e6, r.baselineMBps(), r.qbiMBps(), r.ratio());
            }
            System.out.println("median of " + repeat + " alternating passes from a warm page cache; files in " + work);
        }
        return 0;
    }

    /** A size^3 uint16 raw volume with its .raw.json header, written once. */
    private Path rawVolume(Path work) throws IOException {
        Path raw = work.resolve("volume-" + size + ".raw");
        Path header = work.resolve("volume-" + size + ".raw.json");
        long planeBytes = 2L * size * size;
        if (Files.exists(header) && Files.exists(raw) && Files.size(raw) == planeBytes * size) {
            return raw;
        }
        System.err.println("writing " + raw + " (" + planeBytes * size / 1_000_000 + " MB)");
        ByteBuffer plane = ByteBuffer.allocateDirect((int) planeBytes).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel out = FileChannel.open(raw, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int z = 0; z < size; z++) {
                plane.clear();
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        plane.putShort((short) (x * 7 + y * 13 + z * 31));
                    }
                }
                plane.flip();
                while (plane.hasRemaining()) {
                    out.write(plane);
                }
            }
        }
        AtomicFiles.writeString(header, JsonOutput.toJson(Map.of("shape", List.of(size, size, size), "dtype", "uint16",
                "byteOrder", "little", "offset", 0, "spacing", List.of(1.0, 1.0, 1.0), "unit", "um")));
        return raw;
    }

    /** The same volume as an uncompressed TIFF stack (one page per slice), written once by the TIFF writer. */
    private Path tiffStack(Path work, Path raw, ImageFormats formats) throws IOException {
        Path tiff = work.resolve("stack-" + size + ".tif");
        if (Files.exists(tiff)) {
            return tiff;
        }
        System.err.println("writing " + tiff);
        try (Image volume = formats.open(raw, null)) {
            formats.writerFor(tiff).write(volume, tiff, Map.of("compression", "none"), ProgressMonitor.NULL);
        }
        return tiff;
    }

    private Result measure(ImageFormats formats, Path file, String label) throws IOException {
        long bytes = Files.size(file);
        readWithFileChannel(file);
        long imageBytes = readWithQbi(formats, file);
        List<Double> baseline = new ArrayList<>();
        List<Double> qbi = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            long start = System.nanoTime();
            readWithFileChannel(file);
            baseline.add(bytes / 1e6 / ((System.nanoTime() - start) / 1e9));
            start = System.nanoTime();
            readWithQbi(formats, file);
            qbi.add(imageBytes / 1e6 / ((System.nanoTime() - start) / 1e9));
        }
        double b = median(baseline);
        double q = median(qbi);
        return new Result(file.toString(), label, bytes, b, q, q / b, baseline, qbi);
    }

    /** The baseline: every byte of the file through a FileChannel into a reused direct buffer. */
    private static void readWithFileChannel(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(8 << 20);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (in.read(buffer) >= 0) {
                buffer.clear();
            }
        }
    }

    /** Every chunk decoded by the format's reader into reused off-heap memory; returns the image bytes. */
    private static long readWithQbi(ImageFormats formats, Path file) throws IOException {
        try (ChunkSource source = formats.openSource(file, null); Arena arena = Arena.ofConfined()) {
            ChunkGrid grid = source.grid();
            int bpp = source.header().pixelType().bytesPerPixel();
            long[] chunk = grid.chunkSize();
            MemorySegment target = arena.allocate(Arrays.stream(chunk).reduce(1, Math::multiplyExact) * bpp, 8);
            long total = 0;
            for (long n = 0; n < grid.chunkCount(); n++) {
                long[] index = grid.index(n);
                long chunkBytes = grid.pixelCount(index) * bpp;
                source.readChunk(index, target.asSlice(0, chunkBytes));
                total += chunkBytes;
            }
            return total;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
