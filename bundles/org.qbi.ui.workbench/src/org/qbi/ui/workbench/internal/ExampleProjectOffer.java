package org.qbi.ui.workbench.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IWorkspaceRoot;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialogWithToggle;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.navigator.CommonNavigator;
import org.eclipse.ui.IPageLayout;
import org.qbi.examples.ExampleProject;
import org.qbi.project.workspace.QbiProjects;
import org.qbi.ui.workbench.QbiUiPreferences;

/**
 * Offers the example project at start-up (until the user answers "don't ask again"), or opens it without
 * asking when the workbench was started with {@code --example}. The system property
 * {@code qbi.offerExample=false} silences the offer (automated tests).
 */
public final class ExampleProjectOffer {

    private ExampleProjectOffer() {
    }

    static void atStartup(boolean openWithoutAsking) {
        IProject existing = ResourcesPlugin.getWorkspace().getRoot().getProject(ExampleProject.NAME);
        if (existing.exists()) {
            if (openWithoutAsking) {
                reveal(existing);
            }
            return;
        }
        if (openWithoutAsking) {
            open();
            return;
        }
        IPreferenceStore store = QbiUiPreferences.store();
        if (!store.getBoolean(QbiUiPreferences.OFFER_EXAMPLE) || "false".equals(System.getProperty("qbi.offerExample"))) {
            return;
        }
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        MessageDialogWithToggle answer = MessageDialogWithToggle.openYesNoQuestion(window.getShell(),
                "Welcome to QBI Workbench",
                "Open the example project? It holds a few small real images (MRI, CT, microscopy, micro-CT) with "
                        + "their sources and licences, and a sample catalog.",
                "Don't ask again", false, null, null);
        if (answer.getToggleState()) {
            store.setValue(QbiUiPreferences.OFFER_EXAMPLE, false);
        }
        if (answer.getReturnCode() == IDialogConstants.YES_ID) {
            open();
        }
    }

    /** Copies the example project into the workspace folder (once), adds it to the workspace and reveals it. */
    public static void open() {
        WorkspaceJob job = new WorkspaceJob("Opening the example project") {
            @Override
            public IStatus runInWorkspace(IProgressMonitor monitor) throws CoreException {
                IWorkspaceRoot root = ResourcesPlugin.getWorkspace().getRoot();
                IProject project = root.getProject(ExampleProject.NAME);
                if (!project.exists()) {
                    try {
                        ExampleProject.materialize(Path.of(root.getLocationURI()).resolve(ExampleProject.NAME));
                    } catch (IOException | IllegalArgumentException e) {
                        return Status.error("Could not create the example project: " + e.getMessage(), e);
                    }
                    project = QbiProjects.create(ExampleProject.NAME, null, monitor);
                }
                IProject created = project;
                Display.getDefault().asyncExec(() -> reveal(created));
                return Status.OK_STATUS;
            }
        };
        job.setUser(true);
        job.schedule();
    }

    private static void reveal(IProject project) {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window == null ? null : window.getActivePage();
        if (page == null) {
            return;
        }
        try {
            IViewPart view = page.showView(IPageLayout.ID_PROJECT_EXPLORER);
            if (view instanceof CommonNavigator navigator) {
                navigator.selectReveal(new StructuredSelection(project));
                navigator.getCommonViewer().expandToLevel(project, 1);
            }
        } catch (PartInitException e) {
            org.eclipse.core.runtime.Platform.getLog(ExampleProjectOffer.class).error("Could not show the project", e);
        }
    }
}
