package org.qbi.ui.viewer.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

/**
 * The slice viewer's page of an Image editor (built by the built-in slice renderer): the canvas with its
 * annotations (scale bar, orientation letters), ROI tool and label picking, the colour bar beside it and the
 * sliders below (the editor adds the context menu, which reaches the page through the editor). UI thread only.
 */
final class SlicePage {

    private final Composite page;
    private final ImageCanvas canvas;
    private final Annotations annotations;
    private final RoiTool rois;
    private final ColourBar colourBar;
    private final SliderRow sliders;

    SlicePage(ImageEditor editor, Composite parent) {
        page = new Composite(parent, SWT.NONE);
        page.setLayout(EditorPages.tightColumn());
        Composite middle = new Composite(page, SWT.NONE);
        GridLayout middleLayout = new GridLayout(2, false);
        middleLayout.marginWidth = 0;
        middleLayout.marginHeight = 0;
        middleLayout.horizontalSpacing = 0;
        middle.setLayout(middleLayout);
        middle.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        // the sliders exist before the canvas can step them
        SliderRow[] row = { null };
        canvas = new ImageCanvas(middle, editor::hover, () -> row[0].step(-1), () -> row[0].step(1));
        canvas.control().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        annotations = new Annotations(() -> {
            ImageEditor.Slice shown = editor.slice();
            return shown == null || editor.header() == null || shown.picture().montage() != null ? null
                    : new Annotations.Shown(editor.header(), shown.picture().request().plane());
        });
        canvas.addDecoration(annotations);
        rois = new RoiTool(editor, canvas);
        LabelPicker.attach(canvas, editor::pickAt);
        colourBar = new ColourBar(middle);
        sliders = new SliderRow(page, editor::sliderMoved);
        row[0] = sliders;
    }

    Control control() {
        return page;
    }

    ImageCanvas canvas() {
        return canvas;
    }

    Annotations annotations() {
        return annotations;
    }

    RoiTool rois() {
        return rois;
    }

    ColourBar colourBar() {
        return colourBar;
    }

    SliderRow sliders() {
        return sliders;
    }
}
