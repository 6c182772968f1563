package org.qbi.ui.viewer;

import java.nio.file.Path;

import org.eclipse.ui.IWorkbenchPart;
import org.qbi.core.image.ImageHeader;

/**
 * What an Image editor shows, for views that work on the image the user looks at (the operator preview): the
 * file, which image of it, its header and the slice on screen. The editor fires {@link #PROP_IMAGE} and
 * {@link #PROP_SLICE} as workbench part properties when they change. UI thread only.
 *
 * @since 0.1
 * @noimplement the Image editor implements it
 */
public interface ShownImage {

    /** Property fired when the image has been opened or has failed to open ({@link #header()} changed). */
    int PROP_IMAGE = 0x301;

    /** Property fired when a new slice is on screen ({@link #position()} changed). */
    int PROP_SLICE = 0x302;

    /** The file or folder shown. */
    Path path();

    /** Which image of a file holding several (e.g. an HDF5 dataset), or null for its first or only one. */
    String entry();

    /** The image's header, or null while it is being read or when it could not be read. */
    ImageHeader header();

    /**
     * The z, c and t indices of the x-y plane through the cursor (the slice on screen in the axial view), or null
     * before the first slice is shown.
     */
    long[] position();

    /** {@code part} as a ShownImage when it is an Image editor, else null. */
    static ShownImage of(IWorkbenchPart part) {
        return part instanceof ShownImage shown ? shown : null;
    }
}
