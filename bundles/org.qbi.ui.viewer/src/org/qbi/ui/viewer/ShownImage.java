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

    /**
     * Property fired when the user clicked an object of the label overlay ({@link #pickedLabel()} changed).
     *
     * @since 0.2
     */
    int PROP_PICKED_LABEL = 0x306;

    /**
     * Highlights objects of the label overlay (filled in the highlight colour) and, when {@code centre} is given,
     * moves the slices through the voxel nearest to it. Does nothing without a label overlay but remember the
     * labels for the next one.
     *
     * @param labels the labels to highlight (empty: none)
     * @param centre world position x, y (and z) in the image's unit, as the centroid columns of the measurements
     *               give it (origin + index * spacing); null: the slice stays
     * @since 0.2
     */
    default void highlightLabels(long[] labels, double[] centre) {
    }

    /**
     * The labels highlighted now, sorted (empty: none).
     *
     * @since 0.2
     */
    default long[] highlightedLabels() {
        return new long[0];
    }

    /**
     * Reads a mask or label image of the same x, y, z size in the background and draws it over the image (as the
     * editor's Overlay menu does); problems appear in the editor's status line.
     *
     * @since 0.2
     */
    default void showOverlay(Path labels) {
    }

    /**
     * The label of the overlay object the user clicked last (0: none yet).
     *
     * @since 0.2
     */
    default long pickedLabel() {
        return 0;
    }

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
