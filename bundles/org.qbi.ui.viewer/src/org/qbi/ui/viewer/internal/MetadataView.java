package org.qbi.ui.viewer.internal;

import java.util.List;

import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.part.ViewPart;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.ui.viewer.ImageViewer;
import org.qbi.ui.viewer.internal.render.ImageTexts;
import org.qbi.ui.viewer.internal.render.ImageTexts.Fact;

/**
 * What the active image editor's file says: the header facts on top (format, pixel type, axes with spacing,
 * unit, origin and field of view, orientation, rescale) and every metadata entry below (key, name, group,
 * value), narrowed by a filter over all four. Follows the active Image editor.
 */
public final class MetadataView extends ViewPart {

    /** The view id from plugin.xml. */
    public static final String ID = ImageViewer.METADATA_VIEW_ID;

    private TableViewer facts;
    private Text filter;
    private Label count;
    private TableViewer entries;
    private ActiveImageEditor followed;

    @Override
    public void createPartControl(Composite parent) {
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        Composite factsArea = new Composite(sash, SWT.NONE);
        facts = table(factsArea, "Property", 1, 110, "Value", 4, 120);
        facts.setInput(List.of());

        Composite entriesArea = new Composite(sash, SWT.NONE);
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 0;
        layout.marginHeight = 2;
        entriesArea.setLayout(layout);
        filter = new Text(entriesArea, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filter.setMessage("Filter metadata (key, name, group or value)");
        filter.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        filter.addModifyListener(e -> showEntries());
        count = new Label(entriesArea, SWT.NONE);
        count.setLayoutData(new GridData(SWT.RIGHT, SWT.CENTER, false, false));
        Composite tableArea = new Composite(entriesArea, SWT.NONE);
        tableArea.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        entries = new TableViewer(tableArea, SWT.MULTI | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        ColumnViewerToolTipSupport.enableFor(entries);
        entries.getTable().setHeaderVisible(true);
        entries.getTable().setLinesVisible(true);
        entries.setContentProvider(ArrayContentProvider.getInstance());
        TableColumnLayout columns = new TableColumnLayout();
        tableArea.setLayout(columns);
        column(entries, columns, "Key", 2, 110, e -> ((Metadata.Entry) e).key());
        column(entries, columns, "Name", 2, 110, e -> ((Metadata.Entry) e).name());
        column(entries, columns, "Group", 1, 60, e -> ((Metadata.Entry) e).group());
        column(entries, columns, "Value", 4, 100, e -> ((Metadata.Entry) e).text());
        entries.setInput(List.of());
        sash.setWeights(new int[] { 1, 2 });
        // side by side in a wide, low place (the bottom of Explore), one above the other in a tall one
        sash.addListener(SWT.Resize, e -> {
            org.eclipse.swt.graphics.Point size = sash.getSize();
            int orientation = size.x > 2 * size.y ? SWT.HORIZONTAL : SWT.VERTICAL;
            if (sash.getOrientation() != orientation) {
                sash.setOrientation(orientation);
                sash.setWeights(orientation == SWT.HORIZONTAL ? new int[] { 2, 3 } : new int[] { 1, 2 });
            }
        });

        followed = new ActiveImageEditor(getSite().getPage(), new ActiveImageEditor.Listener() {
            @Override
            public void editorChanged(ImageEditor editor) {
                refresh();
            }

            @Override
            public void propertyChanged(int property) {
                if (property == ImageEditor.PROP_IMAGE) {
                    refresh();
                }
            }
        });
        followed.start();
    }

    private static TableViewer table(Composite area, String first, int firstWeight, int firstMinimum, String second,
            int secondWeight, int secondMinimum) {
        TableViewer viewer = new TableViewer(area, SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        ColumnViewerToolTipSupport.enableFor(viewer);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        TableColumnLayout columns = new TableColumnLayout();
        area.setLayout(columns);
        column(viewer, columns, first, firstWeight, firstMinimum, f -> ((Fact) f).property());
        column(viewer, columns, second, secondWeight, secondMinimum, f -> ((Fact) f).value());
        return viewer;
    }

    private static void column(TableViewer viewer, TableColumnLayout layout, String title, int weight, int minimum,
            java.util.function.Function<Object, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(element);
            }

            @Override
            public String getToolTipText(Object element) {
                String full = text.apply(element);
                return full.length() > 30 ? full : null;
            }
        });
        layout.setColumnData(column.getColumn(), new ColumnWeightData(weight, minimum, true));
    }

    /** Shows {@code editor}'s image (null: none). */
    void show(ImageEditor editor) {
        followed.show(editor);
    }

    private void refresh() {
        if (facts.getControl().isDisposed()) {
            return;
        }
        ImageEditor shown = shown();
        ImageHeader header = shown == null ? null : shown.header();
        if (shown == null) {
            setContentDescription("Open an image to see its metadata.");
        } else if (shown.error() != null) {
            setContentDescription(shown.path().getFileName() + " could not be read.");
        } else if (header == null) {
            setContentDescription("Reading " + shown.path().getFileName() + " \u2026");
        } else {
            setContentDescription(shown.path().toString());
        }
        facts.setInput(header == null ? List.of() : ImageTexts.facts(header));
        showEntries();
    }

    private void showEntries() {
        ImageEditor shown = shown();
        ImageHeader header = shown == null ? null : shown.header();
        Metadata metadata = header == null ? Metadata.EMPTY : header.metadata();
        List<Metadata.Entry> found = metadata.search(filter.getText());
        entries.setInput(found);
        count.setText(found.size() == metadata.size() ? metadata.size() + " entries"
                : found.size() + " of " + metadata.size() + " entries");
        count.getParent().layout();
    }

    /** The image editor shown (tests). */
    ImageEditor shown() {
        return followed == null ? null : followed.shown();
    }

    TableViewer factsViewer() {
        return facts;
    }

    TableViewer entriesViewer() {
        return entries;
    }

    Text filter() {
        return filter;
    }

    @Override
    public void dispose() {
        if (followed != null) {
            followed.dispose();
        }
        super.dispose();
    }

    @Override
    public void setFocus() {
        filter.setFocus();
    }
}
