package org.qbi.ui.viewer.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.qbi.ui.viewer.ImageRenderer;
import org.qbi.ui.viewer.ImageRendererSite;

/**
 * The renderers of one Image editor (contributed through org.qbi.viewers), each created the first time it is
 * chosen, one in front. A contribution that fails to create falls back to the slice viewer. UI thread only.
 */
final class RendererStack {

    /** A created renderer and its control. */
    private record Shown(ImageRenderer renderer, Control control) {
    }

    private final Composite area;
    private final Combo viewCombo;
    private final ImageRendererSite site;
    /** Makes the slice page when no renderer is installed at all. */
    private final Function<Composite, Control> slicePage;
    private final Map<String, Shown> renderers = new HashMap<>();
    private String front = RendererRegistry.SLICES;

    RendererStack(Composite area, Combo viewCombo, ImageRendererSite site, Function<Composite, Control> slicePage) {
        this.area = area;
        this.viewCombo = viewCombo;
        this.site = site;
        this.slicePage = slicePage;
    }

    /**
     * Brings the renderer {@code id} to the front, creating it the first time (falls back to the slice viewer).
     *
     * @return true when another renderer came to the front
     */
    boolean show(String id, boolean refresh) {
        List<RendererRegistry.Entry> installed = RendererRegistry.installed();
        StackLayout stack = (StackLayout) area.getLayout();
        if (installed.isEmpty()) {
            if (stack.topControl == null) {
                stack.topControl = slicePage.apply(area);
            }
            return false;
        }
        int index = 0;
        for (int i = 0; i < installed.size(); i++) {
            if (installed.get(i).id().equals(id)) {
                index = i;
            }
        }
        RendererRegistry.Entry chosen = installed.get(index);
        Shown shown = renderers.get(chosen.id());
        if (shown == null) {
            ImageRenderer renderer = chosen.create();
            if (renderer == null) {
                if (!RendererRegistry.SLICES.equals(chosen.id()) && renderers.containsKey(RendererRegistry.SLICES)) {
                    return show(RendererRegistry.SLICES, refresh);
                }
                renderer = new SlicesRenderer();
            }
            shown = new Shown(renderer, renderer.createControl(area, site));
            renderers.put(chosen.id(), shown);
        }
        boolean changed = !chosen.id().equals(front);
        front = chosen.id();
        stack.topControl = shown.control();
        viewCombo.select(index);
        area.layout(true, true);
        if (refresh) {
            shown.renderer().refresh();
        }
        return changed;
    }

    /** The id of the renderer in front. */
    String frontId() {
        return front;
    }

    /** The renderer {@code id} if it has been created. */
    ImageRenderer renderer(String id) {
        Shown shown = renderers.get(id);
        return shown == null ? null : shown.renderer();
    }

    /** Refreshes the renderer in front. */
    void refreshFront() {
        Shown shown = renderers.get(front);
        if (shown != null) {
            shown.renderer().refresh();
        }
    }

    void dispose() {
        for (Shown shown : renderers.values()) {
            shown.renderer().dispose();
        }
    }
}
