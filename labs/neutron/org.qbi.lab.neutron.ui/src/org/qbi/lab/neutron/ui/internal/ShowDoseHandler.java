package org.qbi.lab.neutron.ui.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.qbi.ui.viewer.ImageViewer;

/** Shows the Neutron Dose view; on a selected FITS file, opens it in the Image editor first. */
public final class ShowDoseHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage();
        try {
            if (HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection selection
                    && selection.getFirstElement() instanceof org.eclipse.core.runtime.IAdaptable adaptable) {
                IFile file = adaptable.getAdapter(IFile.class);
                if (file != null) {
                    ImageViewer.open(page, file);
                }
            }
            page.showView(DoseView.ID);
        } catch (PartInitException e) {
            throw new ExecutionException("The Neutron Dose view could not be opened: " + e.getMessage(), e);
        }
        return null;
    }
}
