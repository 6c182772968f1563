package org.qbi.ui.workflow.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.WorkbenchException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.qbi.examples.ExampleProject;
import org.qbi.ui.workbench.QbiPerspectives;

/**
 * Opens the example project's analysis: the Process perspective with the cell-counting pipeline in the Pipeline
 * view, run (samples up to date are skipped, so a second start costs nothing) so that its results show there.
 * The workbench calls this command, when a bundle contributes it, after opening the example project.
 */
public final class ShowExampleAnalysisHandler extends AbstractHandler {

    /** The command's id (plugin.xml; the workbench's example offer looks it up by this id). */
    public static final String COMMAND_ID = "org.qbi.ui.commands.showExampleAnalysis";

    /** The example pipeline shown. */
    static final String PIPELINE = "pipelines/nuclei.yaml";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        show(HandlerUtil.getActiveWorkbenchWindowChecked(event));
        return null;
    }

    /** Shows and runs the example pipeline in {@code window}; the job, or null when there is no example project. */
    static RunPipelineJob show(IWorkbenchWindow window) throws ExecutionException {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(ExampleProject.NAME);
        IFile pipeline = project.getFile(PIPELINE);
        if (!pipeline.exists()) {
            return null;
        }
        try {
            IWorkbenchPage page = window.getWorkbench().showPerspective(QbiPerspectives.PROCESS, window);
            return RunPipelineHandler.run(page, pipeline);
        } catch (WorkbenchException e) {
            throw new ExecutionException("Cannot show the example analysis: " + e.getMessage(), e);
        }
    }
}
