package org.qbi.ui.project.internal;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;

import org.eclipse.core.resources.IProject;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.actions.WorkspaceModifyOperation;
import org.eclipse.ui.dialogs.WizardNewProjectCreationPage;
import org.eclipse.ui.wizards.newresource.BasicNewResourceWizard;
import org.qbi.project.workspace.QbiProjects;

/** File &gt; New &gt; QBI Project: a name and a location, then the project with its layout. */
public final class NewQbiProjectWizard extends Wizard implements INewWizard {

    private WizardNewProjectCreationPage page;
    private IWorkbench workbench;
    private IProject created;
    private String initialName;

    public NewQbiProjectWizard() {
        setWindowTitle("New QBI Project");
        setNeedsProgressMonitor(true);
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        this.workbench = workbench;
    }

    @Override
    public void addPages() {
        page = new WizardNewProjectCreationPage("qbiProject");
        if (initialName != null) {
            page.setInitialProjectName(initialName);
        }
        page.setTitle("QBI Project");
        page.setDescription("A project for one study. It gets raw/ (acquired data, never modified), pipelines/, "
                + "results/, reports/ and a sample catalog, samples.csv.");
        addPage(page);
    }

    /** Proposes a project name (before the wizard's pages are created). */
    public void setInitialProjectName(String name) {
        initialName = name;
    }

    /** The project made by {@link #performFinish()}, or null before. */
    public IProject createdProject() {
        return created;
    }

    @Override
    public boolean performFinish() {
        String name = page.getProjectName();
        URI location = page.useDefaults() ? null : page.getLocationURI();
        WorkspaceModifyOperation create = new WorkspaceModifyOperation() {
            @Override
            protected void execute(org.eclipse.core.runtime.IProgressMonitor monitor)
                    throws org.eclipse.core.runtime.CoreException {
                created = QbiProjects.create(name, location, monitor);
            }
        };
        try {
            getContainer().run(true, true, create);
        } catch (InterruptedException cancelled) {
            return false;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            ErrorDialog.openError(getShell(), "New QBI Project", "Could not create project " + name,
                    cause instanceof org.eclipse.core.runtime.CoreException ce ? ce.getStatus()
                            : org.eclipse.core.runtime.Status.error(String.valueOf(cause.getMessage()), cause));
            return false;
        }
        if (workbench != null && workbench.getActiveWorkbenchWindow() != null) {
            BasicNewResourceWizard.selectAndReveal(created, workbench.getActiveWorkbenchWindow());
        }
        return true;
    }
}
