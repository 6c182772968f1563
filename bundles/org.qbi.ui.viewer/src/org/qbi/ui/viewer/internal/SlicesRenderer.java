package org.qbi.ui.viewer.internal;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.qbi.ui.viewer.ImageRenderer;
import org.qbi.ui.viewer.ImageRendererSite;

/**
 * The built-in slice viewer (one plane, projection or montage with sliders, contrast and LUT menus), contributed
 * through {@code org.qbi.viewers} like any other renderer. Its state (sliders, contrast, menus) belongs to the
 * Image editor, which the Histogram, Metadata and Display controls views follow, so this contribution asks the
 * editor behind the site to build its slice page.
 */
public final class SlicesRenderer implements ImageRenderer {

    private ImageEditor editor;

    @Override
    public Control createControl(Composite parent, ImageRendererSite site) {
        if (!(site instanceof EditorSite editorSite)) {
            throw new IllegalArgumentException("The slice viewer runs inside the Image editor only");
        }
        editor = editorSite.editor();
        return editor.createSlicePage(parent);
    }

    @Override
    public void refresh() {
        if (editor != null) {
            editor.requestSlice();
        }
    }
}
