package org.qbi.examples.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.qbi.core.cli.CommandFailure;
import org.qbi.project.ProjectLayout;

/**
 * {@code qbi bench pipeline --commands}: the wall time of the whole commands a user types for the batch, start-up
 * and imports included, each recomputing every sample: the scipy/scikit-image script as a Python process, {@code qbi
 * run} in a process of its own, and {@code qbi run} through a daemon of its own (the first command starts it, the
 * next ones find it warm). The product's {@code qbi} script is found in the installation this command runs from.
 */
final class CommandTimes {

    static final String PYTHON = "python3 nuclei_pipeline.py (one process)";

    private final Path work;
    private final ProjectLayout project;
    private final List<Path> images;
    private final Path qbi;

    CommandTimes(Path work, ProjectLayout project, ProjectLayout example, List<Path> images) throws IOException {
        this.work = work;
        this.project = project;
        this.images = images;
        String install = System.getProperty("osgi.install.area", "");
        this.qbi = install.startsWith("file:") ? Path.of(java.net.URI.create(install.replace(" ", "%20"))).resolve("qbi")
                : null;
        if (qbi == null || !Files.isExecutable(qbi)) {
            throw new CommandFailure("--commands needs the installed product's qbi script; this runtime has none "
                    + "(osgi.install.area " + install + ")");
        }
        Files.copy(example.pipelines().resolve("nuclei.yaml"), project.pipelines().resolve("nuclei.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Command -> wall seconds, in the order they ran. */
    Map<String, Double> measure() throws IOException, InterruptedException {
        Map<String, Double> times = new LinkedHashMap<>();
        List<String> python = new ArrayList<>(List.of("/usr/bin/python3", PipelineBenchCommand.pythonScript(work).toString(),
                work.resolve("python-commands").toString()));
        images.forEach(p -> python.add(p.toString()));
        times.put(PYTHON, time(python, Map.of()));
        times.put("qbi run, in a process of its own (QBI_DAEMON=0)", time(qbiRun("own"), Map.of("QBI_DAEMON", "0")));
        // a daemon of this benchmark's own (its own variable in the environment), ending a minute after the last run
        Map<String, String> daemon = Map.of("QBI_DAEMON", "1", "QBI_DAEMON_IDLE_MINUTES", "1",
                "QBI_BENCH_DAEMON", Long.toString(System.nanoTime()));
        times.put("qbi run, daemon's first command (starts it)", time(qbiRun("daemon-1"), daemon));
        times.put("qbi run, daemon's second command", time(qbiRun("daemon-2"), daemon));
        times.put("qbi run, daemon's third command", time(qbiRun("daemon-3"), daemon));
        return times;
    }

    private List<String> qbiRun(String name) {
        return List.of(qbi.toString(), "run", "nuclei", "--project", ".", "--force", "--out",
                work.resolve("commands-" + name).toString());
    }

    private double time(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.root().toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (code != 0) {
            throw new CommandFailure("'" + String.join(" ", command) + "' failed (exit " + code + "): " + output.strip());
        }
        return seconds;
    }
}
