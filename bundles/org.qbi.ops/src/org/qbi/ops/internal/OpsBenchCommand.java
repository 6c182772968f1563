package org.qbi.ops.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.IConfigurationElement;
import org.qbi.io.registry.ClasspathRegistry;
import org.qbi.core.cli.CommandFailure;
import org.qbi.core.cli.JsonOutput;
import org.qbi.core.cli.QbiCommand;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.ops.Outputs;
import org.qbi.ops.Port;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qbi bench ops}: every benchmark case the operator plugins declare (element {@code benchmark} of
 * {@code org.qbi.operators}), timed on the deterministic synthetic volume, against the same operation in
 * scipy/scikit-image run in the same sitting on the same data, and against the fastest peer's recorded time.
 */
@Command(name = "ops", description = "Operators against scipy/scikit-image (timed in the same run on the same data) "
        + "and against the fastest peer's recorded time; cases come from the operator plugins' declarations.")
public final class OpsBenchCommand implements QbiCommand {

    @Option(names = "--only", paramLabel = "ID", split = ",", description = "only these operator ids")
    List<String> only = new ArrayList<>();

    @Option(names = "--size", paramLabel = "N", description = "override every case's volume edge length")
    Integer size;

    @Option(names = "--repeat", defaultValue = "3", description = "timed runs per case after the warm-up (one run, up to ten for cases under 0.1 s); best is kept")
    int repeat;

    @Option(names = "--threads", paramLabel = "N", description = "threads for QBI (default: all cores)")
    Integer threads;

    @Option(names = "--no-python", description = "skip the scipy/scikit-image runs")
    boolean noPython;

    @Option(names = "--dir", paramLabel = "DIR", description = "where the volumes for Python go (default: temp folder)")
    Path dir;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    /** One declared case. */
    record Case(String operator, Map<String, String> parameters, String input, int size, String peer,
            double peerSeconds, double target, String python, String plugin) {
    }

    /** One measured case. */
    record Result(String operator, String parameters, String input, int size, int threads, double qbiSeconds,
            double qbiCpuSeconds,
            double pythonSeconds, double ratioToPython, String peer, double peerSeconds, double ratioToPeer,
            double target, String verdict) {
    }

    private final Map<String, ArrayImage> volumes = new HashMap<>();
    private final Map<String, Path> volumeFiles = new HashMap<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (repeat < 1) {
            throw new CommandFailure("--repeat must be at least 1");
        }
        Operators operators = Operators.installed();
        List<Case> cases = declaredCases();
        if (!only.isEmpty()) {
            cases = cases.stream().filter(c -> only.contains(c.operator())).toList();
        }
        if (cases.isEmpty()) {
            throw new CommandFailure("No benchmark case" + (only.isEmpty() ? " is declared by the installed plugins"
                    : " for " + String.join(", ", only)));
        }
        int qbiThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        OperatorContext context = OperatorContext.defaults().withParallelism(qbiThreads);
        Path work = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "qbi-bench-ops");
        Files.createDirectories(work);
        List<Result> results = new ArrayList<>();
        if (!json) {
            System.out.printf(Locale.ROOT, "%-22s %-26s %-8s %5s %9s %7s %9s %8s %9s %8s %7s  %s%n", "operator",
                    "parameters", "input", "size", "qbi s", "cpu s", "python s", "py/qbi", "peer s", "peer/qbi", "target", "verdict");
        }
        for (Case c : cases) {
            Result result;
            try {
                result = run(operators, c, context, qbiThreads, work);
            } catch (IllegalArgumentException e) {
                // a broken declaration is reported on its line; the other cases still run
                result = new Result(c.operator(), String.valueOf(c.parameters()), c.input(), c.size(), qbiThreads,
                        Double.NaN, Double.NaN, Double.NaN, Double.NaN, c.peer(), c.peerSeconds(), Double.NaN, c.target(),
                        "failed: " + e.getMessage() + " (declared by " + c.plugin() + ")");
            }
            results.add(result);
            if (!json) {
                System.out.printf(Locale.ROOT, "%-22s %-26s %-8s %5d %9.3f %7s %9s %8s %9s %8s %7s  %s%n",
                        result.operator(), abbreviate(result.parameters(), 26), result.input(), result.size(),
                        result.qbiSeconds(), format(result.qbiCpuSeconds(), "%.3f"),
                        format(result.pythonSeconds(), "%.3f"), format(result.ratioToPython(), "%.1fx"),
                        format(result.peerSeconds(), "%.3f"), format(result.ratioToPeer(), "%.2fx"),
                        format(result.target(), "%.1fx"), result.verdict());
            }
            volumes.entrySet().removeIf(e -> !e.getKey().endsWith(":" + c.size()));
        }
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("java", Runtime.version().toString());
            document.put("cores", Runtime.getRuntime().availableProcessors());
            document.put("results", results);
            JsonOutput.print(System.out, document);
        }
        return 0;
    }

    private static String abbreviate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "~";
    }

    private static String format(double value, String pattern) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, pattern, value);
    }

    static List<Case> declaredCases() {
        List<Case> cases = new ArrayList<>();
        for (IConfigurationElement element : ClasspathRegistry.current()
                .getConfigurationElementsFor("org.qbi.operators")) {
            if (!element.getName().equals("benchmark")) {
                continue;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            String text = element.getAttribute("parameters");
            if (text != null) {
                for (String pair : text.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        parameters.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                    }
                }
            }
            cases.add(new Case(element.getAttribute("operator"), parameters, element.getAttribute("input"),
                    parseInt(element.getAttribute("size"), 512), element.getAttribute("peer"),
                    parseDouble(element.getAttribute("peerSeconds")), parseDouble(element.getAttribute("target")),
                    element.getAttribute("python"), element.getContributor().getName()));
        }
        return cases;
    }

    private static int parseInt(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static double parseDouble(String text) {
        try {
            return text == null ? Double.NaN : Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private Result run(Operators operators, Case c, OperatorContext context, int qbiThreads, Path work)
            throws IOException, InterruptedException {
        int n = size != null ? size : c.size();
        String params = String.join(";", c.parameters().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .toList());
        Operators.Installed installed = operators.find(c.operator()).orElse(null);
        if (installed == null) {
            return new Result(c.operator(), params, c.input(), n, qbiThreads, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    c.peer(), c.peerSeconds(), Double.NaN, c.target(), "skipped: operator not installed");
        }
        ArrayImage input = volume(operators, c.input(), n, context);
        if (input == null) {
            return new Result(c.operator(), params, c.input(), n, qbiThreads, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    c.peer(), c.peerSeconds(), Double.NaN, c.target(),
                    "skipped: no labeling operator for the labels input");
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (Port port : installed.spec().inputs()) {
            if (port.kind().isImage() && !port.optional()) {
                inputs.put(port.name(), input);
            }
        }
        double best = Double.POSITIVE_INFINITY;
        double bestCpu = Double.NaN;
        // warm-up: one run, more for cases of a few milliseconds (up to 10 runs or 1 s) so the JIT has compiled
        // their loops before the timed runs, as the peers' harnesses warm up
        long warmUpStart = System.nanoTime();
        int warmUps = 0;
        do {
            release(operators.run(c.operator(), inputs, c.parameters(), context), input);
            warmUps++;
        } while (warmUps < 10 && System.nanoTime() - warmUpStart < 100_000_000L * warmUps
                && System.nanoTime() - warmUpStart < 1_000_000_000L);
        for (int i = 1; i <= repeat; i++) {
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            Outputs outputs = operators.run(c.operator(), inputs, c.parameters(), context);
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpuEnd = processCpuNanos();
            double cpu = cpuStart < 0 || cpuEnd < 0 ? Double.NaN : (cpuEnd - cpuStart) / 1e9;
            // a pipeline releases an intermediate once it is consumed: the next run reuses its memory
            release(outputs, input);
            if (seconds < best) {
                best = seconds;
                bestCpu = cpu;
            }
        }
        double python = Double.NaN;
        if (!noPython && c.python() != null && !c.python().isBlank()) {
            python = python(c, input, n, work);
        }
        double ratioPython = python / best;
        double ratioPeer = c.peerSeconds() / best;
        String verdict = Double.isNaN(c.peerSeconds()) ? ""
                : ratioPeer >= (Double.isNaN(c.target()) ? 1 : c.target()) ? "meets target" : "below target";
        return new Result(c.operator(), params, c.input(), n, qbiThreads, best, bestCpu, python, ratioPython, c.peer(),
                c.peerSeconds(), ratioPeer, c.target(), verdict);
    }

    /**
     * CPU time of the whole process, user and system (page faults are system time), from /proc/self/stat in clock
     * ticks (10 ms): on a shared machine the wall time depends on the others' load, the CPU time much less.
     * -1 where there is no /proc (the column then shows "-").
     */
    private static long processCpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state(0) ... utime(11) stime(12), in ticks of 1/100 s on Linux
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static void release(Outputs outputs, Image input) throws IOException {
        for (Object value : outputs.asMap().values()) {
            if (value instanceof ArrayImage image && image != input) {
                image.close();
            }
        }
    }

    private ArrayImage volume(Operators operators, String kind, int n, OperatorContext context) throws IOException {
        String key = kind + ":" + n;
        ArrayImage cached = volumes.get(key);
        if (cached != null) {
            return cached;
        }
        ArrayImage made = switch (kind) {
            case "float32" -> SyntheticVolume.float32(n);
            case "uint16" -> SyntheticVolume.uint16(volume(operators, "float32", n, context));
            case "mask" -> SyntheticVolume.mask(volume(operators, "float32", n, context));
            case "labels" -> {
                if (operators.find("segment.label").isEmpty()) {
                    yield null;
                }
                Image labels = operators.run("segment.label", Map.of("mask", volume(operators, "mask", n, context)),
                        Map.of("connectivity", "26"), context).image();
                yield labels instanceof ArrayImage a ? a : ArrayImage.copyOf(labels);
            }
            default -> throw new CommandFailure("Benchmark input '" + kind + "' is not one of float32, uint16, mask, labels");
        };
        if (made != null) {
            volumes.put(key, made);
        }
        return made;
    }

    private double python(Case c, ArrayImage input, int n, Path work) throws IOException, InterruptedException {
        String dtype = switch (input.header().pixelType()) {
            case FLOAT32 -> "float32";
            case UINT16 -> "uint16";
            case UINT8 -> "uint8";
            case LABEL32, UINT32 -> "uint32";
            default -> throw new CommandFailure("No NumPy dtype for " + input.header().pixelType());
        };
        String key = c.input() + ":" + n;
        Path file = volumeFiles.get(key);
        if (file == null) {
            file = work.resolve("volume-" + c.input() + "-" + n + ".raw");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                MemorySegment values = input.values();
                channel.write(values.asByteBuffer());
            }
            volumeFiles.put(key, file);
        }
        Path script = work.resolve("bench_case.py");
        Files.writeString(script, """
                import sys, time, warnings
                import numpy as np
                from scipy import ndimage as ndi
                import skimage, skimage.filters, skimage.morphology, skimage.measure, skimage.segmentation
                import skimage.metrics, skimage.exposure, skimage.restoration, skimage.transform
                warnings.simplefilter("ignore")
                path, dtype, n, repeat, expr = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
                v = np.fromfile(path, dtype=dtype).reshape(n, n, n)
                if dtype == "uint8":
                    v = v.astype(bool)
                best = float("inf")
                for i in range(repeat):
                    t = time.perf_counter()
                    eval(expr)
                    best = min(best, time.perf_counter() - t)
                    if best > 20:
                        break
                print(best)
                """, StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", script.toString(), file.toString(), dtype,
                Integer.toString(n), Integer.toString(repeat), c.python());
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            System.err.println("python baseline of " + c.operator() + " failed: " + output);
            return Double.NaN;
        }
        try {
            return Double.parseDouble(output.lines().reduce((a, b) -> b).orElse(""));
        } catch (NumberFormatException e) {
            System.err.println("python baseline of " + c.operator() + " printed no time: " + output);
            return Double.NaN;
        }
    }
}
