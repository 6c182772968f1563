package org.qbi.workflow.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.qbi.core.cli.CommandFailure;
import org.qbi.core.cli.ConsoleProgress;
import org.qbi.core.cli.JsonOutput;
import org.qbi.core.cli.QbiCommand;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.workflow.LocalExecutor;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.PipelineFile;
import org.qbi.workflow.RunReport;
import org.qbi.workflow.RunSummary;
import org.qbi.workflow.SampleFilter;
import org.qbi.workflow.SampleOutcome;
import org.qbi.workflow.SparkRun;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qbi run PIPELINE}: a pipeline over the project's samples, resuming where an earlier run stopped. */
@Command(name = "run", description = { "Run a pipeline over a project's samples: several at once, skipping those "
        + "already up to date, one failing sample never stopping the others. Ends with a summary; exit code 1 when "
        + "a sample failed.",
        "PIPELINE is a pipeline file or the name of one in the project's pipelines/ folder." })
public final class RunCommand implements QbiCommand {

    @Parameters(index = "0", paramLabel = "PIPELINE", description = "pipeline file (.yaml) or its name in pipelines/")
    String pipelineName;

    @Option(names = "--project", paramLabel = "DIR", description = "the project (default: the current folder, or the "
            + "project holding PIPELINE)")
    Path projectDir;

    @Option(names = "--samples", paramLabel = "FILTER", description = "which samples: ids or globs separated by commas "
            + "(bone-*,ct-1), or group=NAME (default: the pipeline's 'samples:', else all)")
    String filter;

    @Option(names = "--out", paramLabel = "DIR", description = "where result folders go (default: results/NAME/)")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", description = "samples run at once (default: the number of cores)")
    Integer jobs;

    @Option(names = "--force", description = "run every sample, even those up to date")
    boolean force;

    @Option(names = "--json", description = "machine-readable progress on stderr and the summary as JSON on stdout")
    boolean json;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "local (default: this computer) or spark (one "
            + "Spark task per sample, in a process of its own; needs QBI_SPARK_JOB and SPARK_HOME or "
            + "QBI_SPARK_CLASSPATH, see docs/SCALING.md)")
    String engine = "local";

    @Option(names = "--master", paramLabel = "URL", description = "with --engine spark: local[*] (default), local[N], "
            + "spark://HOST:PORT, yarn or k8s://...")
    String master = "local[*]";

    @Option(names = "--jars", paramLabel = "JAR", split = ",", description = "with --engine spark: a lab's plugin "
            + "jars (operators, readers, measurements declared in their plugin.xml), given to every executor")
    List<Path> jars = new ArrayList<>();

    /** Where SPARK_HOME, QBI_SPARK_JOB and QBI_SPARK_CLASSPATH are read (tests give their own). */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws IOException {
        Path pipelinePath = locatePipeline();
        ProjectLayout project = project(pipelinePath);
        Pipeline pipeline;
        try {
            pipeline = PipelineFile.read(pipelinePath);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
        if (engine.equals("spark")) {
            return runOnSpark(pipelinePath, project);
        }
        if (!engine.equals("local")) {
            throw new CommandFailure("--engine is '" + engine + "'; expected local or spark");
        }
        String selection = filter != null ? filter : pipeline.samples();
        List<Sample> samples = SampleFilter.select(SampleCatalog.load(project.catalogFile()).samples(), selection);
        if (samples.isEmpty()) {
            throw new CommandFailure("No sample of " + project.catalogFile() + " matches '" + selection + "'");
        }
        LocalExecutor.Options options = LocalExecutor.Options.defaults().withForce(force).withResults(out);
        if (jobs != null) {
            if (jobs < 1) {
                throw new CommandFailure("--jobs must be at least 1");
            }
            options = options.withJobs(jobs);
        }
        ConsoleProgress progress = ConsoleProgress.onStderr(json);
        RunSummary summary;
        try (ConsoleProgress.InterruptHandling ctrlC = progress.cancelOnInterrupt()) {
            summary = LocalExecutor.installed().run(pipeline, project, samples, options, progress);
        }
        Path folder = out != null ? out : LocalExecutor.resultsFolder(project, pipeline);
        if (json) {
            JsonOutput.print(System.out, RunReport.document(summary, folder));
        } else {
            RunReport.print(summary, pipeline, folder, System.out);
        }
        if (summary.count(SampleOutcome.Status.CANCELLED) > 0) {
            throw new CommandFailure("cancelled: " + summary.describe() + "; run again to resume");
        }
        return summary.count(SampleOutcome.Status.FAILED) > 0 ? CommandFailure.FAILED : 0;
    }

    /** The same run on Apache Spark, in a process of its own (the workbench never loads Spark). */
    private int runOnSpark(Path pipelinePath, ProjectLayout project) throws IOException {
        if (jobs != null) {
            throw new CommandFailure("--jobs is not supported with --engine spark (Spark's executors decide how many "
                    + "samples run at once)");
        }
        try {
            // with --json the job prints the local engine's progress lines and summary itself
            List<String> command = SparkRun.builder(pipelinePath, project.root()).master(master)
                    .environment(environment).jars(jars).samples(filter).out(out).force(force).build().command(json);
            return SparkSubmission.run(command);
        } catch (SparkRun.SetupException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
    }

    private Path locatePipeline() {
        Path direct = Path.of(pipelineName);
        if (Files.isRegularFile(direct)) {
            return direct.toAbsolutePath();
        }
        Path base = projectDir != null ? projectDir : Path.of("");
        for (String candidate : List.of(pipelineName, pipelineName + ".yaml", pipelineName + ".yml")) {
            Path inProject = base.resolve("pipelines").resolve(candidate);
            if (Files.isRegularFile(inProject)) {
                return inProject.toAbsolutePath();
            }
        }
        throw new CommandFailure("No pipeline '" + pipelineName + "': neither a file nor a pipeline in "
                + base.toAbsolutePath().resolve("pipelines"));
    }

    private ProjectLayout project(Path pipelinePath) {
        List<Path> candidates = new ArrayList<>();
        if (projectDir != null) {
            candidates.add(projectDir);
        } else {
            candidates.add(Path.of("").toAbsolutePath());
            if (pipelinePath.getParent() != null && pipelinePath.getParent().getParent() != null) {
                candidates.add(pipelinePath.getParent().getParent());
            }
        }
        for (Path dir : candidates) {
            if (ProjectLayout.isProject(dir)) {
                return ProjectLayout.open(dir);
            }
        }
        throw new CommandFailure((projectDir != null ? projectDir + " is not a QBI project"
                : "No QBI project here or around " + pipelinePath) + " (a folder with samples.csv; --project DIR names it)");
    }
}
