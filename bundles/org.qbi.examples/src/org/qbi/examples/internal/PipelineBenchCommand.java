package org.qbi.examples.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.framework.FrameworkUtil;
import org.qbi.core.cli.CommandFailure;
import org.qbi.core.cli.JsonOutput;
import org.qbi.core.cli.QbiCommand;
import org.qbi.core.io.FileTrees;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.examples.ExampleProject;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.workflow.LocalExecutor;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.PipelineFile;
import org.qbi.workflow.RunSummary;
import org.qbi.workflow.SampleOutcome;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qbi bench pipeline}: batch throughput of the example nuclei pipeline over many samples (copies of the
 * example's two microscopy images), against the same steps written with scipy/scikit-image and run one sample
 * after the other as the course does (bench/nuclei_pipeline.py), on the same files in the same sitting.
 */
@Command(name = "pipeline", description = "Batch throughput of the example nuclei pipeline over N samples against "
        + "the same steps in scipy/scikit-image, single-threaded, timed in the same run (target: 3x).")
public final class PipelineBenchCommand implements QbiCommand {

    @Option(names = "--samples", defaultValue = "100", description = "number of samples (default 100)")
    int samples;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "where the bench project goes and stays (default: a temporary folder, deleted at the end)")
    Path dir;

    @Option(names = "--no-store", description = "leave the results store out (its fixed cost: starting DuckDB)")
    boolean noStore;

    @Option(names = "--no-python", description = "skip the scipy/scikit-image baseline")
    boolean noPython;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Option(names = "--commands", description = "also time the whole commands a user types, start-up included: "
            + "'python3 nuclei_pipeline.py', 'qbi run' in a process of its own, and 'qbi run' through the daemon "
            + "(its first command, which starts it, and the next two)")
    boolean commands;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (samples < 2) {
            throw new CommandFailure("--samples must be at least 2");
        }
        if (dir != null) {
            return run(dir);
        }
        // a temporary project (about 35 MB per 100 samples) goes when the benchmark ends
        Path work = Files.createTempDirectory("qbi-bench-pipeline-");
        try {
            return run(work);
        } finally {
            FileTrees.deleteTree(work);
        }
    }

    private int run(Path work) throws IOException, InterruptedException {
        ProjectLayout example = ExampleProject.materialize(work.resolve("example"));
        List<Path> images = List.of(example.resolve("raw/microscopy/blobs.tif"),
                example.resolve("raw/microscopy/nuclei-A03.tif"));
        ProjectLayout project = new ProjectLayout(work.resolve("bench")).create();
        SampleCatalog catalog = new SampleCatalog();
        List<Path> copies = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            String id = String.format(Locale.ROOT, "s%04d", i + 1);
            Path copy = project.raw().resolve(id + ".tif");
            Files.copy(images.get(i % 2), copy, StandardCopyOption.REPLACE_EXISTING);
            copies.add(copy);
            catalog.put(new Sample(id, "microscopy", "", List.of(project.relativize(copy))));
        }
        catalog.save(project.catalogFile());
        Pipeline pipeline = PipelineFile.read(example.pipelines().resolve("nuclei.yaml"));
        LocalExecutor executor = LocalExecutor.installed();
        // warm-up on a few samples, into another folder, so the timed run is not the JIT's first
        executor.run(pipeline, project, catalog.samples().subList(0, 2), LocalExecutor.Options.defaults()
                .withResults(work.resolve("warm-up")).withStore(false), ProgressMonitor.NULL);
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        RunSummary summary = executor.run(pipeline, project, catalog.samples(), LocalExecutor.Options.defaults()
                .withStore(!noStore), ProgressMonitor.NULL);
        double qbi = (System.nanoTime() - start) / 1e9;
        double qbiCpu = (processCpuNanos() - cpuStart) / 1e9;
        if (summary.count(SampleOutcome.Status.DONE) != samples) {
            throw new CommandFailure("the benchmark run did not finish every sample: " + summary.describe());
        }
        double python = noPython ? Double.NaN : python(work, copies);
        Map<String, Double> whole = commands ? new CommandTimes(work, project, example, copies).measure() : Map.of();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("samples", samples);
        result.put("cores", Runtime.getRuntime().availableProcessors());
        result.put("qbi_seconds", qbi);
        result.put("qbi_samples_per_minute", 60 * samples / qbi);
        result.put("qbi_cpu_seconds", qbiCpu);
        result.put("python_seconds", python);
        result.put("python_samples_per_minute", 60 * samples / python);
        result.put("ratio", python / qbi);
        whole.forEach((command, seconds) -> result.put("command_seconds " + command, seconds));
        if (json) {
            JsonOutput.print(System.out, result);
        } else {
            System.out.printf(Locale.ROOT, "nuclei pipeline over %d samples (%d cores)%n", samples,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "  QBI (%s) %8.2f s  %8.1f samples/min  (CPU %.2f s)%n",
                    noStore ? "provenance, no results store" : "provenance, results store", qbi, 60 * samples / qbi,
                    qbiCpu);
            if (!noPython) {
                System.out.printf(Locale.ROOT, "  scipy/scikit-image, one after the other     %8.2f s  %8.1f samples/min%n",
                        python, 60 * samples / python);
                System.out.printf(Locale.ROOT, "  ratio %.2fx (target 3x)%n", python / qbi);
            }
            String earlier = System.getProperty("qbi.daemon.earlierCommands");
            if (earlier != null) {
                System.out.printf(Locale.ROOT, "  (run by the qbi daemon after %s earlier command%s: its compiled "
                        + "code was %s)%n", earlier, earlier.equals("1") ? "" : "s", earlier.equals("0") ? "cold" : "warm");
            }
            if (!whole.isEmpty()) {
                System.out.printf(Locale.ROOT, "whole commands over %d samples, start-up included (wall s):%n", samples);
                Double baseline = whole.get(CommandTimes.PYTHON);
                whole.forEach((command, seconds) -> System.out.printf(Locale.ROOT, "  %-52s %7.2f s%s%n", command,
                        seconds, baseline == null || command.equals(CommandTimes.PYTHON) ? ""
                                : String.format(Locale.ROOT, "  %.2fx", baseline / seconds)));
            }
        }
        return 0;
    }

    /**
     * CPU time of the whole process (all threads, JIT and GC included): on a machine shared with other work the
     * wall time varies with their load, the CPU time much less.
     */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    /** The scipy/scikit-image script, copied into {@code work}. */
    static Path pythonScript(Path work) throws IOException {
        Path script = work.resolve("nuclei_pipeline.py");
        URL url = FrameworkUtil.getBundle(PipelineBenchCommand.class).getEntry("bench/nuclei_pipeline.py");
        try (InputStream in = url.openStream()) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    private static double python(Path work, List<Path> images) throws IOException, InterruptedException {
        Path script = pythonScript(work);
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString(),
                work.resolve("python-results").toString()));
        images.forEach(p -> command.add(p.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new CommandFailure("the scipy/scikit-image baseline failed: " + output);
        }
        String last = output.lines().reduce((a, b) -> b).orElse("");
        return Double.parseDouble(last.split(" ")[0]);
    }
}
