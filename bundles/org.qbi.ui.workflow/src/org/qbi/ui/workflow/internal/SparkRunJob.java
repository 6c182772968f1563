package org.qbi.ui.workflow.internal;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IProgressMonitor;
import org.qbi.core.progress.CancelledException;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.workspace.EclipseProgress;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.RunSummary;
import org.qbi.workflow.SparkRun;

/**
 * Run on Spark: the pipeline run as {@code qbi run --engine spark} runs it (the job jar in a process of its own,
 * {@link SparkRun}), followed in the Progress view one sample at a time, "SAMPLE: status" as the sub-task; Cancel
 * ends the job's process tree. Everything around the run (the report in the Pipeline view, the refresh of results/)
 * is {@link RunPipelineJob}'s.
 */
final class SparkRunJob extends RunPipelineJob {

    /** Lines of Spark's log an error shows. */
    private static final int LOG_LINES_SHOWN = 15;

    private final SparkRun spark;
    private volatile SparkRun.Result result;
    private volatile long samplesTotal = -1;
    private volatile long samplesReported;

    SparkRunJob(IFile file, Pipeline pipeline, SparkRun spark, Consumer<RunPipelineJob> done) {
        super("Running pipeline " + pipeline.name() + " on Spark " + spark.master(), file, pipeline, done);
        this.spark = spark;
    }

    /** How the Spark job ended; null before. */
    SparkRun.Result result() {
        return result;
    }

    /** Samples the job has reported finished so far (the Progress view's count). */
    long samplesReported() {
        return samplesReported;
    }

    /** Samples of the run, once it started; -1 before. */
    long samplesTotal() {
        return samplesTotal;
    }

    @Override
    RunSummary execute(ProjectLayout layout, List<Sample> samples, IProgressMonitor monitor) throws IOException {
        ProgressMonitor progress = EclipseProgress.of(monitor);
        SparkRun.Result ended = spark.run(new ProgressMonitor() {
            @Override
            public void begin(String task, long totalWork) {
                samplesTotal = totalWork;
                progress.begin(task, totalWork);
            }

            @Override
            public void worked(long work) {
                samplesReported += work;
                progress.worked(work);
            }

            @Override
            public void subTask(String name) {
                progress.subTask(name);
            }

            @Override
            public boolean isCanceled() {
                return progress.isCanceled();
            }

            @Override
            public void done() {
                progress.done();
            }
        });
        result = ended;
        if (ended.cancelled()) {
            throw new CancelledException("the Spark job of " + pipeline().name() + " after " + samplesReported
                    + " of " + samplesTotal + " sample(s)");
        }
        if (ended.summary() == null) {
            throw new IOException("The Spark job ended with exit code " + ended.exitCode() + " before reporting a "
                    + "run. Its last lines:\n" + ended.logTail(LOG_LINES_SHOWN));
        }
        return ended.summary();
    }
}
