package org.qbi.ui.viewer.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.runtime.Status;
import org.qbi.core.image.Image;
import org.qbi.io.ImageFormats;
import org.qbi.ui.viewer.internal.render.Picture;

/**
 * The mask or label image an Image editor draws over its image: the open overlay and its file, opacity and
 * style, the labels highlighted (selected in a measurements table, or clicked) and the label clicked last. The
 * overlay is opened in one of the editor's jobs and closed by one; the fields read by picture jobs are volatile.
 */
final class OverlayLayer {

    private final ImageEditor editor;
    private volatile Image overlay;
    private Path path;
    private volatile double opacity = 0.5;
    private volatile boolean outlines;
    /** Sorted. */
    private volatile long[] highlighted = new long[0];
    private long picked;

    OverlayLayer(ImageEditor editor) {
        this.editor = editor;
    }

    /**
     * Opens a mask or label image (same x, y, z size as {@code current}) in a job and draws it over the image;
     * problems appear in the status line.
     */
    void open(Path file, Image current) {
        int gen = editor.generation();
        EditorJobs jobs = editor.jobs();
        jobs.schedule("Opening overlay " + file.getFileName(), monitor -> {
            try {
                Image opened = ImageFormats.installed().open(file, null);
                try {
                    Picture.checkOverlay(current.header(), opened.header());
                } catch (IllegalArgumentException e) {
                    EditorJobs.closeQuietly(opened);
                    throw e;
                }
                if (!jobs.asyncExec(() -> opened(gen, file, opened))) {
                    EditorJobs.closeQuietly(opened);
                }
            } catch (IOException | RuntimeException e) {
                editor.statusLater("Cannot use " + file.getFileName() + " as an overlay: "
                        + (e instanceof IllegalArgumentException ? e.getMessage() : StatusTexts.describe(e, file)));
            }
            return Status.OK_STATUS;
        });
    }

    private void opened(int gen, Path file, Image opened) {
        if (editor.isDisposed() || gen != editor.generation()) {
            editor.jobs().closeLater(opened);
            return;
        }
        Image old = overlay;
        overlay = opened;
        path = file;
        if (old != null) {
            editor.jobs().closeLater(old);
        }
        editor.requestSlice();
    }

    /** Removes the overlay (closed in a job) and redraws. */
    void remove() {
        Image old = overlay;
        overlay = null;
        path = null;
        if (old != null) {
            editor.jobs().closeLater(old);
            editor.requestSlice();
        }
    }

    /** Overlay opacity (0..1) and outlines or filled; redraws. */
    void setStyle(double newOpacity, boolean newOutlines) {
        opacity = Math.max(0, Math.min(1, newOpacity));
        outlines = newOutlines;
        editor.requestSlice();
    }

    void highlight(long[] labels) {
        long[] sorted = labels.clone();
        java.util.Arrays.sort(sorted);
        highlighted = sorted;
    }

    /** Picks the label at pixel i of a picture's overlay plane; returns it (0: background, nothing picked). */
    long pick(Picture picture, int i) {
        double value = picture.labels().get(i);
        long label = Double.isFinite(value) ? Math.round(value) : 0;
        if (label != 0) {
            picked = label;
            highlight(new long[] { label });
        }
        return label;
    }

    /** The display settings {@code base} with this overlay (any thread). */
    Picture.Display over(Picture.Display base) {
        return new Picture.Display(base.contrast(), base.fixed(), base.look(), base.channels(), overlay, opacity,
                outlines, highlighted);
    }

    Image image() {
        return overlay;
    }

    Path path() {
        return path;
    }

    double opacity() {
        return opacity;
    }

    boolean outlines() {
        return outlines;
    }

    long[] highlighted() {
        return highlighted.clone();
    }

    long picked() {
        return picked;
    }
}
