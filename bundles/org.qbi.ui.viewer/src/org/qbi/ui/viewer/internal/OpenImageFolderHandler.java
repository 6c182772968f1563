package org.qbi.ui.viewer.internal;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.qbi.ui.viewer.ImageViewer;

/**
 * File &gt; Open Image Folder...: a folder on this computer (a DICOM series, a Zarr store) in the Image editor.
 * Files go through File &gt; Open File..., which picks the Image editor by their names.
 */
public final class OpenImageFolderHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        DirectoryDialog dialog = new DirectoryDialog(window.getShell());
        dialog.setText("Open Image Folder");
        dialog.setMessage("A folder that holds one image: a DICOM series, a Zarr store");
        String chosen = dialog.open();
        if (chosen != null) {
            try {
                ImageViewer.open(window.getActivePage(), Path.of(chosen));
            } catch (PartInitException e) {
                throw new ExecutionException("Cannot open " + chosen + " as an image", e);
            }
        }
        return null;
    }
}
