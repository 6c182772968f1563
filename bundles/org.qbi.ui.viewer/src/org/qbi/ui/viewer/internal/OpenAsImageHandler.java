package org.qbi.ui.viewer.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.qbi.ui.viewer.ImageViewer;

/**
 * Open as Image: the selected files and folders (a DICOM series folder, a .zarr store) in the Image editor,
 * whatever their names say.
 */
public final class OpenAsImageHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IStructuredSelection selection = HandlerUtil.getCurrentStructuredSelection(event);
        IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage();
        for (Object element : selection) {
            IResource resource = Adapters.adapt(element, IResource.class);
            if (resource == null || resource.getLocation() == null
                    || (resource.getType() != IResource.FILE && resource.getType() != IResource.FOLDER)) {
                continue;
            }
            try {
                ImageViewer.open(page, resource);
            } catch (PartInitException e) {
                throw new ExecutionException("Cannot open " + resource.getFullPath() + " as an image", e);
            }
        }
        return null;
    }
}
