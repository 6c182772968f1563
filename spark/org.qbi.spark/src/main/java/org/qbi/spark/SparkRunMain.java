package org.qbi.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.qbi.core.cli.ConsoleProgress;
import org.qbi.core.cli.JsonOutput;
import org.qbi.core.progress.ProgressMonitor;
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

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The job jar's main class: {@code spark-submit --class org.qbi.spark.SparkRunMain qbi-spark-job.jar PIPELINE
 * --project DIR}, or a plain {@code java} with Spark's jars on the class path for local[*]. What {@code qbi run
 * --engine spark} starts.
 */
@Command(name = "qbi-spark", mixinStandardHelpOptions = true, description = { "Run a QBI pipeline over a project's "
        + "samples on Apache Spark, one task per sample; the results go into the project's results store and "
        + "results/NAME/ as with qbi run." })
public final class SparkRunMain implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PIPELINE", description = "pipeline file (.yaml)")
    Path pipelineFile;

    @Option(names = "--project", paramLabel = "DIR", description = "the project (default: the folder holding "
            + "pipelines/PIPELINE)")
    Path projectDir;

    @Option(names = "--samples", paramLabel = "FILTER", description = "which samples (as qbi run)")
    String filter;

    @Option(names = "--out", paramLabel = "DIR", description = "where result folders go (default: results/NAME/)")
    Path out;

    @Option(names = "--force", description = "run every sample, even those up to date")
    boolean force;

    @Option(names = "--json", description = "progress as JSON lines on stderr and the summary as JSON on stdout, "
            + "as qbi run --json prints them (Spark's log stays on stderr)")
    boolean json;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[*], local[N], spark://HOST:PORT, "
            + "yarn, k8s://... (default: spark-submit's --master, else local[*])")
    String master;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkRunMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(pipelineFile)) {
            System.err.println("qbi-spark: no pipeline file " + pipelineFile.toAbsolutePath());
            return 2;
        }
        Path pipelinePath = pipelineFile.toAbsolutePath();
        Path root = projectDir != null ? projectDir.toAbsolutePath() : pipelinePath.getParent().getParent();
        if (root == null || !ProjectLayout.isProject(root)) {
            System.err.println("qbi-spark: " + root + " is not a QBI project (a folder with samples.csv; --project DIR "
                    + "names it)");
            return 2;
        }
        ProjectLayout project = ProjectLayout.open(root);
        Pipeline pipeline = PipelineFile.read(pipelinePath);
        String selection = filter != null ? filter : pipeline.samples();
        List<Sample> samples = SampleFilter.select(SampleCatalog.load(project.catalogFile()).samples(), selection);
        if (samples.isEmpty()) {
            System.err.println("qbi-spark: no sample of " + project.catalogFile() + " matches '" + selection + "'");
            return 2;
        }
        boolean submitted = System.getProperty("spark.master") != null;
        String chosen = master != null ? master : submitted ? null : "local[*]";
        LocalExecutor.Options options = LocalExecutor.Options.defaults().withForce(force).withResults(out);
        RunSummary summary;
        // stdout carries the report (or the JSON summary) only: Spark logs on stderr
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try (SparkSession spark = SparkEngine.session(chosen)) {
            spark.sparkContext().setLogLevel("WARN");
            SparkEngine engine = new SparkEngine(spark).logging(line -> System.err.println("qbi-spark: " + line));
            System.err.println("qbi-spark: " + engine.engine());
            // progress only for --json: a terminal gets the report at the end
            summary = engine.run(pipeline, pipelinePath.toString(), project, samples, options,
                    json ? new ConsoleProgress(System.err, true) : ProgressMonitor.NULL);
        } finally {
            System.setOut(stdout);
        }
        Path folder = out != null ? out : LocalExecutor.resultsFolder(project, pipeline);
        if (json) {
            JsonOutput.print(System.out, RunReport.document(summary, folder));
        } else {
            RunReport.print(summary, pipeline, folder, System.out);
        }
        System.out.flush();
        return summary.count(SampleOutcome.Status.FAILED) > 0 ? 1 : 0;
    }
}
