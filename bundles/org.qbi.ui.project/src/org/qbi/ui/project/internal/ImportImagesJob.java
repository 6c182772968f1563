package org.qbi.ui.project.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.qbi.core.progress.CancelledException;
import org.qbi.project.ImportMode;
import org.qbi.project.ProjectLayout;
import org.qbi.project.RawImporter;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.project.workspace.EclipseProgress;
import org.qbi.project.workspace.QbiProjects;

/**
 * Imports files into a project's raw/ folder off the UI thread, with a progress bar and Cancel in the
 * Progress view; optionally adds them to a sample of the catalog. Cancelled, it leaves raw/ as it was.
 */
public final class ImportImagesJob extends WorkspaceJob {

    /** Job family, for waiting on imports (tests, shutdown). */
    public static final Object FAMILY = ImportImagesJob.class;

    /** What to import and where. {@code sampleId} null means: do not touch the catalog. */
    public record Request(IProject project, List<Path> sources, String subfolder, ImportMode mode, String sampleId,
            String group) {
    }

    private final Request request;

    public ImportImagesJob(Request request) {
        super("Importing " + request.sources().size() + " item(s) into " + request.project().getName() + "/raw");
        this.request = request;
        setUser(true);
        setRule(request.project());
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    @Override
    public IStatus runInWorkspace(IProgressMonitor monitor) throws CoreException {
        ProjectLayout layout = QbiProjects.layout(request.project());
        try {
            List<String> imported = new RawImporter(layout).importInto(request.sources(), request.subfolder(),
                    request.mode(), EclipseProgress.of(monitor));
            if (request.sampleId() != null && !request.sampleId().isBlank()) {
                addToSample(layout, imported);
            }
            return Status.OK_STATUS;
        } catch (CancelledException e) {
            return Status.CANCEL_STATUS;
        } catch (IllegalArgumentException | IOException e) {
            return Status.error("Import into " + request.project().getName() + " failed: " + e.getMessage(), e);
        } finally {
            request.project().refreshLocal(IResource.DEPTH_INFINITE, null);
        }
    }

    private void addToSample(ProjectLayout layout, List<String> imported) throws IOException {
        SampleCatalog catalog = SampleCatalog.load(layout.catalogFile());
        Sample sample = catalog.find(request.sampleId().strip())
                .orElse(new Sample(request.sampleId().strip(), request.group(), "", List.of()));
        for (String path : imported) {
            sample = sample.withFile(path);
        }
        catalog.put(sample);
        catalog.save(layout.catalogFile());
    }
}
