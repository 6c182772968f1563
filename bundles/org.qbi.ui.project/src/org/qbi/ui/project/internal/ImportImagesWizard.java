package org.qbi.ui.project.internal;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.ui.IImportWizard;
import org.eclipse.ui.IWorkbench;

/**
 * File &gt; Import &gt; Images into QBI Project: choose files and folders, the project, copy or link, and
 * optionally the sample they belong to. The copy runs as a job with progress and Cancel.
 */
public final class ImportImagesWizard extends Wizard implements IImportWizard {

    private ImportImagesPage page;
    private IProject preselected;
    private ImportImagesJob job;

    public ImportImagesWizard() {
        setWindowTitle("Import Images into QBI Project");
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        Object first = selection == null ? null : selection.getFirstElement();
        if (first instanceof IAdaptable adaptable) {
            IResource resource = adaptable.getAdapter(IResource.class);
            preselected = resource == null ? null : resource.getProject();
        }
    }

    @Override
    public void addPages() {
        page = new ImportImagesPage(preselected);
        addPage(page);
    }

    /** The page, for tests that fill it in. */
    public ImportImagesPage page() {
        return page;
    }

    /** The job started by {@link #performFinish()}, or null before. */
    public ImportImagesJob job() {
        return job;
    }

    @Override
    public boolean performFinish() {
        job = new ImportImagesJob(page.request());
        job.schedule();
        return true;
    }
}
