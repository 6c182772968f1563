package org.qbi.ui.viewer.internal;

import java.net.URI;
import java.nio.file.Path;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IPath;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPathEditorInput;
import org.eclipse.ui.IURIEditorInput;
import org.eclipse.ui.PartInitException;

/** What the Image editor opens: the local file or folder behind an editor input. */
final class EditorInputs {

    private EditorInputs() {
    }

    /** The local file or folder behind an editor input. */
    static Path pathOf(IEditorInput input) throws PartInitException {
        IFile file = input.getAdapter(IFile.class);
        if (file != null && file.getLocation() != null) {
            return file.getLocation().toPath();
        }
        if (input instanceof IURIEditorInput uriInput && uriInput.getURI() != null
                && "file".equals(uriInput.getURI().getScheme())) {
            URI uri = uriInput.getURI();
            return Path.of(uri);
        }
        if (input instanceof IPathEditorInput pathInput) {
            IPath location = pathInput.getPath();
            if (location != null) {
                return location.toPath();
            }
        }
        throw new PartInitException("The Image editor opens files and folders on this computer; '" + input.getName()
                + "' is not one");
    }
}
