package org.qbi.ui.viewer;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

/**
 * A way of showing an open image inside the Image editor (slices, orthogonal views, a volume renderer),
 * contributed through the extension point {@code org.qbi.viewers} (schema {@code schema/viewers.exsd} of this
 * bundle) with a public no-argument constructor. The editor lists the installed renderers in its View box and
 * creates one instance per editor the first time the user picks it; the built-in slice viewer and orthogonal
 * views are contributed the same way.
 * <p>
 * All methods are called on the UI thread. A renderer never reads the image on the UI thread: it schedules a
 * job holding {@link ImageRendererSite#readRule()} and comes back with {@code Display.asyncExec}.
 *
 * @since 0.1
 */
public interface ImageRenderer {

    /**
     * Creates the controls that show the site's image, under {@code parent} (which has no layout data of its
     * own to respect: the returned control fills it). Called once, after the image's header has been read.
     */
    Control createControl(Composite parent, ImageRendererSite site);

    /**
     * The display settings (LUT, contrast, channels, overlay) or the shared cursor position changed, or the
     * renderer has just been brought to the front: show the image again.
     */
    void refresh();

    /** Releases what the renderer holds besides its controls (which the editor disposes). */
    default void dispose() {
    }
}
