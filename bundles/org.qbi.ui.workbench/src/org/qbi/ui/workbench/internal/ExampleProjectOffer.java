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
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
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

    /**
     * The command that shows the example's analysis (contributed by org.qbi.ui.workflow: the cell-counting pipeline
     * run in the Process perspective); looked up by id, since the workbench does not depend on the bundles above it.
     */
    static final String SHOW_EXAMPLE_ANALYSIS = "org.qbi.ui.commands.showExampleAnalysis";

    private ExampleProjectOffer() {
    }

    static void atStartup(boolean openWithoutAsking) {
        IProject existing = ResourcesPlugin.getWorkspace().getRoot().getProject(ExampleProject.NAME);
        if (existing.exists()) {
            if (openWithoutAsking) {
                reveal(existing, true);
            }
            return;
        }
        if (openWithoutAsking) {
            open(true);
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
            open(true);
        }
    }

    /** Copies the example project into the workspace folder (once), adds it to the workspace and reveals it. */
    public static void open() {
        open(false);
    }

    /**
     * Like {@link #open()}; with {@code showAnalysis}, then also shows the example's analysis (its pipeline and
     * results) when an installed bundle contributes the command {@link #SHOW_EXAMPLE_ANALYSIS}.
     */
    static void open(boolean showAnalysis) {
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
                Display.getDefault().asyncExec(() -> reveal(created, showAnalysis));
                return Status.OK_STATUS;
            }
        };
        job.setUser(true);
        job.schedule();
    }

    private static void showAnalysis(IWorkbenchWindow window) {
        ICommandService commands = window.getService(ICommandService.class);
        if (commands == null || !commands.getCommand(SHOW_EXAMPLE_ANALYSIS).isDefined()) {
            return;
        }
        try {
            window.getService(IHandlerService.class).executeCommand(SHOW_EXAMPLE_ANALYSIS, null);
        } catch (org.eclipse.core.commands.common.CommandException e) {
            org.eclipse.core.runtime.Platform.getLog(ExampleProjectOffer.class).error("Could not show the example's "
                    + "analysis", e);
        }
    }

    private static void reveal(IProject project, boolean showAnalysis) {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window == null ? null : window.getActivePage();
        if (page == null) {
            return;
        }
        if (showAnalysis) {
            showAnalysis(window);
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
