package org.qbi.ui.viewer.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.qbi.core.image.ImageHeader;
import org.qbi.ui.viewer.internal.render.ImageTexts;

/**
 * The Image editor's widgets around the renderers: the viewer page (header line, the entry box for files with
 * several images, the View box, the renderers' area, the status line) and the error page shown instead when the
 * image cannot be read. UI thread only.
 */
final class EditorPages {

    private final Composite content;
    private final StackLayout stack = new StackLayout();
    private final Composite viewerPage;
    private final Composite errorPage;
    private final Text errorText;
    private final Label headerLine;
    private final Combo entryCombo;
    private final Combo viewCombo;
    private final Composite rendererArea;
    private final Label status;

    /**
     * @param entryChosen told the index of the entry the user chose
     * @param viewChosen  told the index of the renderer the user chose in the View box
     */
    EditorPages(Composite parent, Path path, List<String> viewNames, IntConsumer entryChosen, IntConsumer viewChosen) {
        content = new Composite(parent, SWT.NONE);
        content.setLayout(stack);
        viewerPage = new Composite(content, SWT.NONE);
        viewerPage.setLayout(tightColumn());

        Composite top = new Composite(viewerPage, SWT.NONE);
        GridLayout topLayout = new GridLayout(3, false);
        topLayout.marginHeight = 2;
        top.setLayout(topLayout);
        top.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        headerLine = new Label(top, SWT.NONE);
        headerLine.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        headerLine.setText(path.toString());
        entryCombo = new Combo(top, SWT.READ_ONLY | SWT.DROP_DOWN);
        GridData comboData = new GridData(SWT.RIGHT, SWT.CENTER, false, false);
        comboData.exclude = true;
        entryCombo.setLayoutData(comboData);
        entryCombo.setVisible(false);
        entryCombo.setToolTipText("Which image of this file to show");
        entryCombo.addListener(SWT.Selection, e -> {
            if (entryCombo.getSelectionIndex() >= 0) {
                entryChosen.accept(entryCombo.getSelectionIndex());
            }
        });
        viewCombo = new Combo(top, SWT.READ_ONLY | SWT.DROP_DOWN);
        viewCombo.setLayoutData(new GridData(SWT.RIGHT, SWT.CENTER, false, false));
        viewCombo.setToolTipText("How to show the image (viewers contributed through org.qbi.viewers)");
        viewNames.forEach(viewCombo::add);
        viewCombo.addListener(SWT.Selection, e -> {
            if (viewCombo.getSelectionIndex() >= 0) {
                viewChosen.accept(viewCombo.getSelectionIndex());
            }
        });

        rendererArea = new Composite(viewerPage, SWT.NONE);
        rendererArea.setLayout(new StackLayout());
        rendererArea.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        status = new Label(viewerPage, SWT.NONE);
        GridData statusData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        statusData.horizontalIndent = 5;
        status.setLayoutData(statusData);

        errorPage = new Composite(content, SWT.NONE);
        errorPage.setLayout(new GridLayout(2, false));
        Label icon = new Label(errorPage, SWT.NONE);
        icon.setImage(parent.getDisplay().getSystemImage(SWT.ICON_ERROR));
        icon.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        errorText = new Text(errorPage, SWT.READ_ONLY | SWT.MULTI | SWT.WRAP);
        errorText.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        stack.topControl = viewerPage;
    }

    /** One column without margins (pages stacked from top to bottom). */
    static GridLayout tightColumn() {
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 2;
        return layout;
    }

    /** Shows the viewer page for an image with this header and these entries (the box shows when several). */
    void showImage(ImageHeader header, Path path, List<String> entries, String entry) {
        stack.topControl = viewerPage;
        headerLine.setText(ImageTexts.headerLine(header));
        headerLine.setToolTipText(ImageTexts.headerLine(header) + "\n" + path);
        GridData comboData = (GridData) entryCombo.getLayoutData();
        comboData.exclude = entries.size() < 2;
        entryCombo.setVisible(entries.size() > 1);
        entryCombo.setItems(entries.toArray(String[]::new));
        if (entries.size() > 1) {
            entryCombo.select(Math.max(0, entry == null ? 0 : entries.indexOf(entry)));
        }
        content.layout(true, true);
    }

    /** Shows the error page with {@code text}. */
    void showError(String text) {
        errorText.setText(text);
        stack.topControl = errorPage;
        content.layout(true, true);
    }

    boolean showsError() {
        return stack.topControl == errorPage;
    }

    void layoutViewer() {
        viewerPage.layout(true, true);
    }

    Composite rendererArea() {
        return rendererArea;
    }

    Label status() {
        return status;
    }

    Label headerLine() {
        return headerLine;
    }

    Combo entryCombo() {
        return entryCombo;
    }

    Combo viewCombo() {
        return viewCombo;
    }

    Text errorText() {
        return errorText;
    }
}
