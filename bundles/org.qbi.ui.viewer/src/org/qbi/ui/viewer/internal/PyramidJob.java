package org.qbi.ui.viewer.internal;

import java.io.IOException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.qbi.core.image.Image;
import org.qbi.core.progress.CancelledException;
import org.qbi.ui.viewer.internal.render.ImagePyramid;

/**
 * Builds the pyramid of a large image once, in the background, with progress and Cancel: the editor shows
 * overviews from the part built and is told every half second (and at the end) so an overview on screen fills
 * in. It does not hold the editor's read rule (slices are read meanwhile); closing the image waits for it.
 */
final class PyramidJob extends Job {

    private static final long REFRESH_NANOS = 500_000_000L;

    private final ImageEditor editor;
    private final Image image;
    private final ImagePyramid pyramid;

    PyramidJob(ImageEditor editor, Image image, ImagePyramid pyramid) {
        super("Building the overview of " + editor.path().getFileName());
        this.editor = editor;
        this.image = image;
        this.pyramid = pyramid;
        setPriority(LONG);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        int work = 1000;
        monitor.beginTask(getName(), work);
        long[] last = { System.nanoTime() };
        int[] worked = { 0 };
        try {
            pyramid.build(monitor::isCanceled, fraction -> {
                int now = (int) (fraction * work);
                monitor.worked(now - worked[0]);
                worked[0] = now;
                if (System.nanoTime() - last[0] > REFRESH_NANOS) {
                    last[0] = System.nanoTime();
                    editor.jobs().asyncExec(editor::pyramidGrew);
                }
            });
            editor.jobs().asyncExec(editor::pyramidGrew);
        } catch (CancelledException e) {
            return Status.CANCEL_STATUS;
        } catch (IOException | RuntimeException e) {
            // the overview stays partial; full-resolution planes still show, and report the read error themselves
            return Status.info("The overview of " + editor.path() + " stopped: " + e.getMessage());
        } finally {
            monitor.done();
        }
        return Status.OK_STATUS;
    }

    /**
     * Starts building the pyramid of {@code image} when it holds more than {@link Overviews#imageBytes()} of
     * scalar values (allocates the levels: at most about {@link Overviews#budgetBytes()}); null otherwise.
     */
    static PyramidJob startFor(ImageEditor editor, Image image) {
        if (image.header().byteCount() <= Overviews.imageBytes() || !ImagePyramid.supports(image.header().pixelType())) {
            return null;
        }
        PyramidJob job = new PyramidJob(editor, image, ImagePyramid.of(image, false, Overviews.budgetBytes()));
        job.schedule();
        return job;
    }

    Image image() {
        return image;
    }

    ImagePyramid pyramid() {
        return pyramid;
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == editor;
    }
}
