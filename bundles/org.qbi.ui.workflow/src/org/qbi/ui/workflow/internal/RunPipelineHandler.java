package org.qbi.ui.workflow.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.qbi.ui.workflow.PipelineViews;

/**
 * Run Pipeline on a pipeline file in the Project Explorer: shows it in the Pipeline view (a YAML error there, naming
 * the file and line) and runs it as a job whose report the view shows when it ends.
 */
public final class RunPipelineHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Object element = HandlerUtil.getCurrentStructuredSelection(event).getFirstElement();
        IFile file = Adapters.adapt(element, IFile.class);
        if (file == null) {
            return null;
        }
        try {
            run(HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage(), file);
        } catch (PartInitException e) {
            throw new ExecutionException("Cannot open the Pipeline view", e);
        }
        return null;
    }

    /** Shows {@code file} in the Pipeline view and runs it; null when it cannot run (the view says why). */
    static RunPipelineJob run(IWorkbenchPage page, IFile file) throws PartInitException {
        PipelineView view = (PipelineView) page.showView(PipelineViews.PIPELINE_VIEW_ID);
        view.show(file);
        return view.run();
    }
}
