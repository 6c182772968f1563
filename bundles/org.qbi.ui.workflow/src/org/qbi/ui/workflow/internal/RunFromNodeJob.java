package org.qbi.ui.workflow.internal;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
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
import org.qbi.workflow.InteractiveRun;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.SampleFilter;

/**
 * Re-runs a pipeline from one node on the first sample it selects, off the UI thread with Cancel: the node and its
 * downstream are computed, the steps before it come from the Pipeline view's cache ({@link InteractiveRun}). The
 * report (what was computed, what reused) goes to {@code done}, also when the run failed.
 */
final class RunFromNodeJob extends Job {

    /** Job family, for waiting on runs (tests, shutdown). */
    static final Object FAMILY = RunFromNodeJob.class;

    private final IFile file;
    private final Pipeline pipeline;
    private final String step;
    private final InteractiveRun interactive;
    private final Consumer<RunFromNodeJob> done;
    private volatile InteractiveRun.Report result;
    private volatile String reportText = "";

    RunFromNodeJob(IFile file, Pipeline pipeline, String step, InteractiveRun interactive,
            Consumer<RunFromNodeJob> done) {
        super("Running pipeline " + pipeline.name() + " from " + step);
        this.file = file;
        this.pipeline = pipeline;
        this.step = step;
        this.interactive = interactive;
        this.done = done;
        setUser(true);
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    /** What the run computed and reused, or null when it did not finish. */
    InteractiveRun.Report result() {
        return result;
    }

    String reportText() {
        return reportText;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        ProjectLayout layout = QbiProjects.layout(file.getProject());
        try {
            List<Sample> all = SampleCatalog.load(layout.catalogFile()).samples();
            List<Sample> samples = SampleFilter.select(all, pipeline.samples());
            if (samples.isEmpty()) {
                reportText = "No sample of " + layout.catalogFile() + " matches '" + pipeline.samples() + "'";
                return Status.OK_STATUS;
            }
            result = interactive.run(pipeline, layout, samples.getFirst(), step, EclipseProgress.of(monitor));
            reportText = result.describe();
            return Status.OK_STATUS;
        } catch (CancelledException e) {
            reportText = "Cancelled; the sample's earlier results are untouched";
            return Status.CANCEL_STATUS;
        } catch (IOException | RuntimeException e) {
            reportText = pipeline.name() + " from " + step + " failed: "
                    + (e.getMessage() == null ? e.toString() : e.getMessage());
            return Status.error(reportText, e);
        } finally {
            try {
                file.getProject().getFolder("results").refreshLocal(IResource.DEPTH_INFINITE, null);
            } catch (CoreException e) {
                // the files are on disk; the next refresh shows them
            }
            done.accept(this);
        }
    }
}
