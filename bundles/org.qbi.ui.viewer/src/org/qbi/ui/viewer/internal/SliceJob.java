package org.qbi.ui.viewer.internal;

import java.io.IOException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.qbi.core.image.Image;
import org.qbi.core.progress.CancelledException;
import org.qbi.project.workspace.EclipseProgress;
import org.qbi.ui.viewer.internal.render.ImagePyramid;
import org.qbi.ui.viewer.internal.render.Picture;
import org.qbi.ui.viewer.internal.render.ViewRequest;

/**
 * Makes the picture the editor asks for, off the UI thread; scheduling it again while it runs makes it run once
 * more afterwards (the latest request wins). A plane whose chunks cost more than {@link Overviews#planeCost} to
 * read is first shown from the image's pyramid (when it has one and holds some of the plane), then read at full
 * resolution; that reading stops as soon as another picture is asked for.
 */
final class SliceJob extends Job {

    private final ImageEditor editor;

    SliceJob(ImageEditor editor) {
        super("Reading slice");
        this.editor = editor;
        setRule(editor.readRule());
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        Image current = editor.image();
        int gen = editor.generation();
        ViewRequest at = editor.requested();
        if (current == null) {
            return Status.OK_STATUS;
        }
        String file = editor.path().getFileName().toString();
        setName(switch (at.mode()) {
            case PLANE -> "Reading slice " + at.plane().normal().label() + " " + at.index();
            case PROJECTION -> at.kind().label() + " intensity projection along " + at.plane().normal().label();
            case MONTAGE -> "Montage";
        } + " of " + file);
        try {
            Picture.Display settings = editor.displaySettings(current.header());
            ImagePyramid pyramid = editor.pyramid();
            if (pyramid != null && at.mode() == ViewRequest.Mode.PLANE
                    && at.plane().readCost(current) > Overviews.planeCost()) {
                Picture overview = Picture.overview(current, pyramid, at, settings);
                if (overview != null) {
                    show(gen, overview, settings);
                    if (!Overviews.refine()) {
                        return Status.OK_STATUS;
                    }
                }
            }
            Picture picture = Picture.make(current, at, settings, EclipseProgress.of(monitor),
                    () -> monitor.isCanceled() || gen != editor.generation() || !at.equals(editor.requested()));
            show(gen, picture, settings);
        } catch (CancelledException e) {
            return Status.CANCEL_STATUS;
        } catch (IOException | RuntimeException e) {
            editor.jobs().asyncExec(() -> editor.sliceFailed(gen, at, e));
        }
        return Status.OK_STATUS;
    }

    private void show(int gen, Picture picture, Picture.Display settings) {
        ViewRequest at = picture.request();
        ImageEditor.Slice decoded = new ImageEditor.Slice(at.index(), at.c(), at.t(), picture.values(),
                picture.rendered(), settings.look(), picture, settings);
        editor.jobs().asyncExec(() -> editor.showSlice(gen, decoded));
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == editor;
    }
}
