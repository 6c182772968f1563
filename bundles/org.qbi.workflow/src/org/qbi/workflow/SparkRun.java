package org.qbi.workflow;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.qbi.core.progress.ProgressMonitor;
import org.qbi.project.ProjectLayout;
import org.qbi.project.SampleCatalog;
import org.qbi.workflow.internal.SparkSubmission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A pipeline run on Apache Spark in a process of its own, as {@code qbi run --engine spark} starts it (the job jar,
 * module spark/org.qbi.spark; Spark never loads into the caller), followed through the job's JSON progress: the
 * workbench's "Run on Spark" and the CLI build the same command here.
 * <p>
 * {@link #run} starts the job with {@code --json}, reads its progress lines from stderr (one JSON object per line,
 * {@code {"task":..., "done":N, "total":M, "current":"SAMPLE: status"}}, the format of {@code qbi run --json} with
 * the local executor; Spark's own log lines in between are kept as the log), reports them to a
 * {@link ProgressMonitor} one unit per sample, and reads the summary ({@link RunReport#document}) from stdout.
 * Cancelling the monitor ends the whole process tree (spark-submit and the JVM it starts): the samples finished
 * so far keep their result folders, and the next run skips them as up to date.
 *
 * @since 0.1
 */
public final class SparkRun {

    /** What must be set for a run on Spark; each names its environment variable, the CLI's way to set it. */
    public enum Setting {
        /** The job jar the build makes (spark/org.qbi.spark/target/org.qbi.spark-VERSION-job.jar). */
        JOB_JAR("QBI_SPARK_JOB"),
        /** A Spark installation (bin/spark-submit): needed for any master but local ones. */
        SPARK_HOME("SPARK_HOME"),
        /** Spark's jars for local masters without SPARK_HOME (the build writes spark.classpath). */
        SPARK_CLASSPATH("QBI_SPARK_CLASSPATH"),
        /** A lab's plugin jars given to every executor. */
        JARS("--jars"),
        /** The Spark master URL. */
        MASTER("--master");

        private final String variable;

        Setting(String variable) {
            this.variable = variable;
        }

        /** The environment variable (or CLI option) that sets it. */
        public String variable() {
            return variable;
        }
    }

    /** Spark cannot be started as configured; the message says what is missing, {@link #setting()} which setting. */
    public static final class SetupException extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final Setting setting;

        public SetupException(Setting setting, String message) {
            super(message);
            this.setting = setting;
        }

        /** The setting to fix. */
        public Setting setting() {
            return setting;
        }
    }

    /**
     * How a run ended.
     *
     * @param exitCode  the job's exit code (0: every sample done or skipped; 1: a sample failed; else the job
     *                  failed, see {@code log})
     * @param summary   the samples' outcomes as the job reported them; null when it ended before reporting (Spark
     *                  did not start, the run was cancelled)
     * @param cancelled true when the monitor was cancelled and the process tree ended
     * @param log       the last lines the job wrote on stderr (Spark's log), for messages
     */
    public record Result(int exitCode, RunSummary summary, boolean cancelled, List<String> log) {

        /** The last lines of the log, for an error message. */
        public String logTail(int lines) {
            return String.join("\n", log.subList(Math.max(0, log.size() - lines), log.size()));
        }
    }

    /** Lines of stderr kept for {@link Result#log()}. */
    static final int LOG_LINES = 200;
    /** How long the process tree gets to end after a polite request before it is killed. */
    private static final long GRACE_MILLIS = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path pipeline;
    private final Path project;
    private final String master;
    private final Map<String, String> environment;
    private final List<Path> jars;
    private final String samples;
    private final Path out;
    private final boolean force;

    private SparkRun(Builder b) {
        this.pipeline = b.pipeline.toAbsolutePath();
        this.project = b.project.toAbsolutePath();
        this.master = b.master;
        this.environment = Map.copyOf(b.environment);
        this.jars = List.copyOf(b.jars);
        this.samples = b.samples;
        this.out = b.out;
        this.force = b.force;
    }

    /** A run of the pipeline file {@code pipeline} over the QBI project in folder {@code project}. */
    public static Builder builder(Path pipeline, Path project) {
        return new Builder(pipeline, project);
    }

    /** Settings of a run; unset ones are those of {@code qbi run --engine spark}. */
    public static final class Builder {
        private final Path pipeline;
        private final Path project;
        private String master = "local[*]";
        private Map<String, String> environment = System.getenv();
        private List<Path> jars = List.of();
        private String samples;
        private Path out;
        private boolean force;

        private Builder(Path pipeline, Path project) {
            this.pipeline = pipeline;
            this.project = project;
        }

        /** The Spark master: local[*] (default), local[N], spark://HOST:PORT, yarn, k8s://... */
        public Builder master(String value) {
            if (value == null || value.isBlank()) {
                throw new SetupException(Setting.MASTER, "The Spark master URL is empty; expected local[*], local[N], "
                        + "spark://HOST:PORT, yarn or k8s://...");
            }
            this.master = value.strip();
            return this;
        }

        /**
         * Where SPARK_HOME, QBI_SPARK_JOB and QBI_SPARK_CLASSPATH are read (default: this process's environment;
         * the workbench passes its preferences in these names).
         */
        public Builder environment(Map<String, String> value) {
            this.environment = value;
            return this;
        }

        /** A lab's plugin jars, given to every executor. */
        public Builder jars(List<Path> value) {
            this.jars = value;
            return this;
        }

        /** Which samples (as {@code qbi run --samples}); null for the pipeline's own selection. */
        public Builder samples(String filter) {
            this.samples = filter;
            return this;
        }

        /** Where result folders go; null for the project's results/NAME/. */
        public Builder out(Path folder) {
            this.out = folder;
            return this;
        }

        /** Run every sample, even those up to date. */
        public Builder force(boolean value) {
            this.force = value;
            return this;
        }

        public SparkRun build() {
            return new SparkRun(this);
        }
    }

    /**
     * The command that runs the job, with {@code --json} when {@code json}.
     *
     * @throws SetupException naming the setting to fix when the job jar, Spark or a lab jar cannot be found
     */
    public List<String> command(boolean json) {
        List<String> arguments = new ArrayList<>();
        if (samples != null) {
            arguments.addAll(List.of("--samples", samples));
        }
        if (out != null) {
            arguments.addAll(List.of("--out", out.toAbsolutePath().toString()));
        }
        if (force) {
            arguments.add("--force");
        }
        if (json) {
            arguments.add("--json");
        }
        return SparkSubmission.command(environment, pipeline, project, master, jars, arguments);
    }

    /** The master the run goes to. */
    public String master() {
        return master;
    }

    /** The samples the run covers (as the job will select them), for the progress bar's total before Spark reports. */
    public int sampleCount() throws IOException {
        ProjectLayout layout = ProjectLayout.open(project);
        Pipeline read = PipelineFile.read(pipeline);
        return SampleFilter.select(SampleCatalog.load(layout.catalogFile()).samples(),
                samples != null ? samples : read.samples()).size();
    }

    /**
     * Runs the job and follows it: one unit of {@code monitor} per sample as Spark finishes it, the sample and its
     * status as the sub-task; cancelling ends the process tree. Blocks until the job ends.
     *
     * @throws SetupException when the job jar or Spark cannot be found (nothing started)
     * @throws IOException    when the process cannot be started
     */
    public Result run(ProgressMonitor monitor) throws IOException {
        List<String> command = command(true);
        String name = pipeline.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        int count = sampleCount();
        String task = "Running " + name + " on " + count + " sample(s) on Spark " + master;
        return follow(new ProcessBuilder(command), task, count, monitor);
    }

    /**
     * Starts {@code process} and follows its JSON progress on stderr and its summary on stdout (the part of
     * {@link #run} tests drive with a process of their own).
     */
    static Result follow(ProcessBuilder process, String task, long total, ProgressMonitor monitor) throws IOException {
        Instant started = Instant.now();
        monitor.begin(task, total);
        monitor.subTask("starting Spark");
        Process job = process.redirectErrorStream(false).start();
        job.getOutputStream().close();
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        Deque<String> log = new ArrayDeque<>();
        Thread errReader = Thread.ofPlatform().daemon().name("spark-job-stderr").start(
                () -> readProgress(job.getErrorStream(), events, log));
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(job.getInputStream()),
                command -> Thread.ofPlatform().daemon().name("spark-job-stdout").start(command));
        long done = 0;
        boolean cancelled = false;
        try {
            while (true) {
                boolean ended = job.waitFor(100, TimeUnit.MILLISECONDS);
                done = report(events, monitor, done);
                if (ended) {
                    break;
                }
                if (monitor.isCanceled()) {
                    cancelled = true;
                    destroyTree(job);
                    break;
                }
            }
            if (!cancelled) {
                // the last lines; after a cancel they are not news (a dying job ends its count as if complete)
                errReader.join(GRACE_MILLIS);
                done = report(events, monitor, done);
            }
        } catch (InterruptedException e) {
            destroyTree(job);
            Thread.currentThread().interrupt();
            cancelled = true;
        } finally {
            monitor.done();
        }
        int exit = job.isAlive() ? -1 : job.exitValue();
        List<String> logLines;
        synchronized (log) {
            logLines = List.copyOf(log);
        }
        RunSummary summary = null;
        String text = stdout.getNow(null);
        if (text == null && !cancelled) {
            text = stdout.join();
        }
        if (text != null && !text.isBlank()) {
            try {
                summary = summary(JSON.readTree(text), started, Instant.now());
            } catch (IOException | RuntimeException e) {
                List<String> withOutput = new ArrayList<>(logLines);
                withOutput.add("(the job's output is no run summary: " + e.getMessage() + ")");
                withOutput.addAll(text.lines().limit(20).toList());
                logLines = withOutput;
            }
        }
        return new Result(exit, summary, cancelled, logLines);
    }

    /** Applies the progress events that arrived; returns the samples done so far. */
    private static long report(BlockingQueue<JsonNode> events, ProgressMonitor monitor, long done) {
        for (JsonNode event = events.poll(); event != null; event = events.poll()) {
            if (event.hasNonNull("current")) {
                monitor.subTask(event.get("current").asText());
            }
            long now = event.path("done").asLong(done);
            if (now > done) {
                monitor.worked(now - done);
                done = now;
            }
        }
        return done;
    }

    /** Progress lines become events; anything else is Spark's log. */
    private static void readProgress(InputStream err, BlockingQueue<JsonNode> events, Deque<String> log) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode event = progressEvent(line);
                if (event != null) {
                    events.add(event);
                    continue;
                }
                synchronized (log) {
                    log.addLast(line);
                    if (log.size() > LOG_LINES) {
                        log.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the process ended or was destroyed: its exit code tells the rest
        }
    }

    /** The progress event on {@code line}, or null when it is a log line. */
    static JsonNode progressEvent(String line) {
        if (!line.startsWith("{\"task\":")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(line);
            return node.has("done") && node.has("total") ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Ends {@code job} and every process it started (spark-submit starts a JVM; children are listed first, as
     * they leave the tree once their parent is gone): politely, then by force after a grace period.
     */
    static void destroyTree(Process job) {
        List<ProcessHandle> tree = new ArrayList<>(job.descendants().toList());
        tree.add(job.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.currentTimeMillis() + GRACE_MILLIS;
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    /** The job's summary document read back into a {@link RunSummary} (result folders as the executor makes them). */
    static RunSummary summary(JsonNode document, Instant started, Instant finished) {
        Path folder = Path.of(document.path("results").asText());
        List<SampleOutcome> outcomes = new ArrayList<>();
        for (JsonNode sample : document.path("samples")) {
            Map<String, String> variant = new LinkedHashMap<>();
            sample.path("variant").properties().forEach(e -> variant.put(e.getKey(), e.getValue().asText()));
            SampleOutcome.Status status = SampleOutcome.Status.valueOf(sample.path("status").asText()
                    .toUpperCase(Locale.ROOT));
            String id = sample.path("sample").asText();
            Path dir = status == SampleOutcome.Status.DONE || status == SampleOutcome.Status.SKIPPED
                    ? LocalExecutor.resultFolder(folder, id, variant)
                    : null;
            outcomes.add(new SampleOutcome(id, variant, status, sample.path("reason").asText(""), dir,
                    sample.path("seconds").asDouble()));
        }
        if (!document.hasNonNull("run") || !document.hasNonNull("pipeline")) {
            throw new IllegalArgumentException("no 'run' or 'pipeline' in the summary");
        }
        return new RunSummary(document.get("run").asText(), document.get("pipeline").asText(),
                document.path("pipeline_sha256").asText(), outcomes, started, finished);
    }
}
