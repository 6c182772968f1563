package org.qbi.ui.workflow.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.qbi.core.progress.CancelledException;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.project.workspace.EclipseProgress;
import org.qbi.project.workspace.QbiProjects;
import org.qbi.workflow.LocalExecutor;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.PipelineFile;
import org.qbi.workflow.RunReport;
import org.qbi.workflow.RunSummary;
import org.qbi.workflow.SampleFilter;

/**
 * One run of a pipeline file over the samples it selects, as {@code qbi run} does it, off the UI thread with a
 * progress bar (one unit per sample) and Cancel: samples up to date are skipped, cancelling keeps the finished
 * samples. Afterwards the project's results/ folder is refreshed and the report (the terminal's summary) is handed
 * to {@code done}, also when the run failed or was cancelled. {@link SparkRunJob} runs the samples on Spark
 * instead, with everything around the run the same.
 */
class RunPipelineJob extends Job {

    /** Job family, for waiting on runs (tests, shutdown). */
    static final Object FAMILY = RunPipelineJob.class;

    private final IFile file;
    private final Pipeline pipeline;
    private final Consumer<RunPipelineJob> done;
    private volatile RunSummary summary;
    private volatile String report = "";

    RunPipelineJob(IFile file, Pipeline pipeline, Consumer<RunPipelineJob> done) {
        this("Running pipeline " + pipeline.name(), file, pipeline, done);
    }

    RunPipelineJob(String name, IFile file, Pipeline pipeline, Consumer<RunPipelineJob> done) {
        super(name);
        this.file = file;
        this.pipeline = pipeline;
        this.done = done;
        setUser(true);
    }

    /**
     * Reads a pipeline file.
     *
     * @throws IllegalArgumentException naming the file and, for YAML syntax, the line
     */
    static Pipeline load(IFile file) {
        Path path = file.getLocation().toFile().toPath();
        try {
            return PipelineFile.read(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    IFile file() {
        return file;
    }

    /** The run's outcome, or null when it did not start (no sample, unreadable catalog). */
    RunSummary summary() {
        return summary;
    }

    /** The text shown after the run: counts, failures with reasons, the first rows of each table. */
    String report() {
        return report;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        ProjectLayout layout = QbiProjects.layout(file.getProject());
        try {
            List<Sample> all = SampleCatalog.load(layout.catalogFile()).samples();
            List<Sample> samples = SampleFilter.select(all, pipeline.samples());
            if (samples.isEmpty()) {
                report = "No sample of " + layout.catalogFile() + " matches '" + pipeline.samples() + "' ("
                        + all.size() + " sample(s) in the catalog)";
                return Status.OK_STATUS; // the report says why; nothing went wrong that a dialog should shout
            }
            summary = execute(layout, samples, monitor);
            report = reportText(summary, LocalExecutor.resultsFolder(layout, pipeline));
            return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
        } catch (CancelledException e) {
            report = e.getMessage() + ": the samples finished so far keep their results; run again to resume";
            return Status.CANCEL_STATUS;
        } catch (IOException | RuntimeException e) {
            report = pipeline.name() + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage());
            return Status.error(report, e);
        } finally {
            refreshResults();
            done.accept(this);
        }
    }

    /**
     * Runs {@code samples} (those the pipeline selects, at least one) and returns their outcomes; this computer's
     * executor here.
     *
     * @throws CancelledException when cancelled before any outcome could be reported
     */
    RunSummary execute(ProjectLayout layout, List<Sample> samples, IProgressMonitor monitor) throws IOException {
        return LocalExecutor.installed().run(pipeline, layout, samples, LocalExecutor.Options.defaults(),
                EclipseProgress.of(monitor));
    }

    Pipeline pipeline() {
        return pipeline;
    }

    private String reportText(RunSummary result, Path folder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            RunReport.print(result, pipeline, folder, out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void refreshResults() {
        try {
            // a fresh monitor: the job's own may be cancelled, and what was written must show all the same
            file.getProject().getFolder("results").refreshLocal(IResource.DEPTH_INFINITE, null);
        } catch (CoreException e) {
            // the files are on disk and the report says where; the next refresh of the project shows them
            ILog.of(RunPipelineJob.class).warn("Cannot refresh " + file.getProject().getName() + "/results after "
                    + "running " + pipeline.name(), e);
        }
    }
}
