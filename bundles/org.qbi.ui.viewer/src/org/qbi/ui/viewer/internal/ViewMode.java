package org.qbi.ui.viewer.internal;

import org.qbi.core.image.Axis;
import org.qbi.ui.viewer.internal.render.Projection;
import org.qbi.ui.viewer.internal.render.SlicePlane;
import org.qbi.ui.viewer.internal.render.ViewRequest;

/**
 * What the slice viewer shows: a plane (axial, coronal, sagittal), a projection along an axis or a montage, and
 * whether channels are shown together. Setting it rebuilds the editor's sliders and redraws. Set on the UI
 * thread; each field is replaced whole, so the jobs making pictures read consistent values per field.
 */
final class ViewMode {

    private final ImageEditor editor;
    private volatile SlicePlane plane = SlicePlane.AXIAL;
    private volatile ViewRequest.Mode mode = ViewRequest.Mode.PLANE;
    private volatile Projection.Kind projection = Projection.Kind.MAX;
    private volatile boolean composite;

    ViewMode(ImageEditor editor) {
        this.editor = editor;
    }

    /** Shows plane {@code p} (axial, coronal, sagittal), at the shared cursor's position. */
    void setPlane(SlicePlane p) {
        plane = p;
        mode = ViewRequest.Mode.PLANE;
        editor.viewChanged();
    }

    /** Shows the {@code kind} intensity projection along {@code axis} (computed in a job with progress). */
    void setProjection(Projection.Kind kind, Axis axis) {
        projection = kind;
        plane = SlicePlane.across(axis);
        mode = ViewRequest.Mode.PROJECTION;
        if (editor.status() != null && editor.header() != null) {
            editor.status().setText("Computing the " + kind.label().toLowerCase(java.util.Locale.ROOT)
                    + " intensity projection along " + axis.label() + " \u2026 (progress below)");
        }
        editor.viewChanged();
    }

    /** Shows a montage of the x-y slices. */
    void setMontage() {
        plane = SlicePlane.AXIAL;
        mode = ViewRequest.Mode.MONTAGE;
        editor.viewChanged();
    }

    /** Shows all channels together, each in its colour with its own window (images with channels). */
    void setComposite(boolean on) {
        composite = on;
        editor.viewChanged();
    }

    /** The picture of this view at index {@code at[0]} across the plane, channel {@code at[1]}, time {@code at[2]}. */
    ViewRequest request(long[] at) {
        return new ViewRequest(mode, plane, at[0], at[1], at[2], projection, composite);
    }

    SlicePlane plane() {
        return plane;
    }

    ViewRequest.Mode mode() {
        return mode;
    }

    Projection.Kind projection() {
        return projection;
    }

    boolean composite() {
        return composite;
    }
}
