package org.qbi.ui.workflow.internal;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.handlers.HandlerUtil;
import org.qbi.ui.workflow.PipelineViews;
import org.qbi.workflow.SparkRun;

/**
 * Run on Spark...: the pipeline file selected in the Project Explorer (else the one the Pipeline view shows), on a
 * Spark master the user confirms (the preference's by default), as a {@link SparkRunJob}. A missing job jar or
 * Spark is an error dialog naming the preference to set, with a button that opens it.
 */
public final class RunOnSparkHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        IFile file = pipelineFile(event, window.getActivePage());
        if (file == null) {
            MessageDialog.openInformation(window.getShell(), "Run on Spark", "Select a pipeline file "
                    + "(pipelines/*.yaml) in the Project Explorer or show one in the Pipeline view first.");
            return null;
        }
        String master = askMaster(window.getShell());
        if (master != null) {
            try {
                start(window.getShell(), window.getActivePage(), file, master);
            } catch (PartInitException e) {
                throw new ExecutionException("Cannot open the Pipeline view", e);
            }
        }
        return null;
    }

    private static IFile pipelineFile(ExecutionEvent event, IWorkbenchPage page) {
        IFile selected = Adapters.adapt(HandlerUtil.getCurrentStructuredSelection(event).getFirstElement(),
                IFile.class);
        if (selected != null && PipelineView.isPipelineFile(selected)) {
            return selected;
        }
        return page.findView(PipelineViews.PIPELINE_VIEW_ID) instanceof PipelineView view ? view.file() : null;
    }

    /** The master to run on, starting from the preference; null when the user cancels. */
    static String askMaster(Shell shell) {
        InputDialog dialog = new InputDialog(shell, "Run on Spark", "Spark master: local[*] or local[N] on this "
                + "computer, spark://HOST:PORT, yarn or k8s://... (the default is set in Window > Preferences > "
                + "QBI Workbench > Spark)", SparkPreferences.store().getString(SparkPreferences.MASTER),
                text -> text.isBlank() ? "Enter a master URL, e.g. local[*]" : null);
        return dialog.open() == Window.OK ? dialog.getValue().strip() : null;
    }

    /**
     * Shows {@code file} in the Pipeline view and runs it on {@code master}; null when it cannot run (the view or a
     * dialog says why) or a run is going.
     */
    static SparkRunJob start(Shell shell, IWorkbenchPage page, IFile file, String master) throws PartInitException {
        PipelineView view = (PipelineView) page.showView(PipelineViews.PIPELINE_VIEW_ID);
        view.show(file);
        try {
            return view.runOnSpark(SparkPreferences.run(Path.of(file.getLocationURI()),
                    Path.of(file.getProject().getLocationURI()), master));
        } catch (SparkRun.SetupException e) {
            showSetupProblem(shell, e);
            return null;
        }
    }

    /** The problem, the preference that fixes it, and a button opening the preference page. */
    static void showSetupProblem(Shell shell, SparkRun.SetupException e) {
        String message = e.getMessage() + "\n\nSet \"" + SparkPreferences.label(e.setting())
                + "\" in Window > Preferences > QBI Workbench > Spark.";
        MessageDialog dialog = new MessageDialog(shell, "Cannot run on Spark", null, message, MessageDialog.ERROR,
                0, "Open Preferences", IDialogConstants.CLOSE_LABEL);
        if (dialog.open() == 0) {
            PreferencesUtil.createPreferenceDialogOn(shell, SparkPreferences.PAGE_ID, null, null).open();
        }
    }
}
