package org.qbi.ui.viewer;

import java.nio.file.Path;

import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.filesystem.IFileStore;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.ide.FileStoreEditorInput;
import org.eclipse.ui.part.FileEditorInput;

/**
 * Opens images in the workbench's Image editor, and the ids of the editor and of the Metadata view.
 *
 * @since 0.1
 */
public final class ImageViewer {

    /** The Image editor. */
    public static final String EDITOR_ID = "org.qbi.ui.editors.image";
    /** The Metadata view (header facts and metadata entries of the active Image editor). */
    public static final String METADATA_VIEW_ID = "org.qbi.ui.views.metadata";
    /** The Histogram view (counts of the active Image editor's slice or whole image, with the CDF). */
    public static final String HISTOGRAM_VIEW_ID = "org.qbi.ui.views.histogram";
    /** The Display controls view (LUT, window, channels of the active Image editor). */
    public static final String DISPLAY_CONTROLS_VIEW_ID = "org.qbi.ui.views.display";
    /** The Line profile view (values along the line ROI of the active Image editor). */
    public static final String LINE_PROFILE_VIEW_ID = "org.qbi.ui.views.lineProfile";
    /** The Curve view (the spectrum along c or the time curve along t under the mouse or over a ROI). */
    public static final String CURVE_VIEW_ID = "org.qbi.ui.views.curve";
    /** The extension point through which renderers of the Image editor are contributed ({@link ImageRenderer}). */
    public static final String VIEWERS_EXTENSION_POINT = "org.qbi.viewers";
    /** The command Open as Image (files and folders in the Project Explorer). */
    public static final String OPEN_AS_IMAGE_COMMAND = "org.qbi.ui.commands.openAsImage";
    /** The content type of the file names the Image editor opens by default; readers' plugins may add names to it. */
    public static final String CONTENT_TYPE = "org.qbi.ui.viewer.image";

    private ImageViewer() {
    }

    /** Opens a workspace file or folder in the Image editor (or brings its editor to the front). */
    public static IEditorPart open(IWorkbenchPage page, IResource resource) throws PartInitException {
        return page.openEditor(input(resource), EDITOR_ID);
    }

    /**
     * Opens a file or folder on this computer in the Image editor: as a workspace resource when it is one,
     * otherwise by its location.
     */
    public static IEditorPart open(IWorkbenchPage page, Path path) throws PartInitException {
        IPath location = IPath.fromPath(path.toAbsolutePath().normalize());
        IFile file = ResourcesPlugin.getWorkspace().getRoot().getFileForLocation(location);
        if (file != null && file.exists()) {
            return open(page, file);
        }
        return page.openEditor(new FileStoreEditorInput(EFS.getLocalFileSystem().getStore(location)), EDITOR_ID);
    }

    /** The editor input for a workspace file (its resource) or folder (its location). */
    static IEditorInput input(IResource resource) throws PartInitException {
        if (resource instanceof IFile file) {
            return new FileEditorInput(file);
        }
        try {
            IFileStore store = EFS.getStore(resource.getLocationURI());
            return new FileStoreEditorInput(store);
        } catch (CoreException e) {
            throw new PartInitException("Cannot open " + resource.getFullPath() + ": " + e.getMessage(), e);
        }
    }
}
