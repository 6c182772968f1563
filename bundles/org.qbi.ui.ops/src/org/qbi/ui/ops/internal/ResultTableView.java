package org.qbi.ui.ops.internal;

import java.nio.file.Path;
import java.util.Arrays;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.part.ViewPart;
import org.qbi.core.table.Column;
import org.qbi.ui.viewer.ShownImage;

/**
 * A table output of the last run: its file and its rows, columns headed by name and unit. A table of objects
 * (a numeric {@code label} column, as the measurements write) is linked to the active Image editor: selecting
 * rows highlights those labels in its label overlay and moves the slices to the first row's centroid
 * ({@code centroid_x}, {@code _y}, {@code _z}); clicking an object in the image selects its row.
 */
public final class ResultTableView extends ViewPart {

    /** Rows shown at most; the CSV file holds them all. */
    static final int MAX_ROWS = 10_000;

    private Label file;
    private Table table;
    private org.qbi.core.table.Table shownTable;
    private ActiveImage activeImage;

    @Override
    public void createPartControl(Composite parent) {
        Composite content = new Composite(parent, SWT.NONE);
        content.setLayout(new GridLayout(1, false));
        file = new Label(content, SWT.NONE);
        file.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        file.setText("Table outputs of operators appear here.");
        table = new Table(content, SWT.BORDER | SWT.FULL_SELECTION | SWT.VIRTUAL | SWT.MULTI);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table.addListener(SWT.Selection, e -> highlightSelected());
        activeImage = new ActiveImage(getSite().getPage(), () -> {
        }, () -> {
        }, this::selectPicked);
        activeImage.start();
    }

    /** Shows {@code result}, written to {@code csv}. */
    void show(Path csv, org.qbi.core.table.Table result) {
        shownTable = result;
        table.setRedraw(false);
        try {
            table.removeAll();
            for (TableColumn column : table.getColumns()) {
                column.dispose();
            }
            for (Column column : result.columns()) {
                TableColumn header = new TableColumn(table, column.isNumeric() ? SWT.RIGHT : SWT.LEFT);
                header.setText(column.name() + (column.unit() == null || column.unit().isEmpty() ? ""
                        : " (" + column.unit() + ")"));
            }
            int rows = Math.min(result.rowCount(), MAX_ROWS);
            for (int row = 0; row < rows; row++) {
                TableItem item = new TableItem(table, SWT.NONE);
                for (int c = 0; c < result.columns().size(); c++) {
                    Column column = result.columns().get(c);
                    item.setText(c, column.isNumeric() ? Double.toString(column.number(row)) : column.text(row));
                }
            }
            for (TableColumn column : table.getColumns()) {
                column.pack();
            }
        } finally {
            table.setRedraw(true);
        }
        file.setText(csv + ": " + result.rowCount() + " rows" + (result.rowCount() > MAX_ROWS ? " (the first "
                + MAX_ROWS + " shown)" : "") + (column("label") != null ? "; select rows to see the objects" : ""));
        setContentDescription(result.name());
    }

    /** The numeric column {@code name} of the table shown, or null. */
    private Column column(String name) {
        if (shownTable == null) {
            return null;
        }
        for (Column column : shownTable.columns()) {
            if (column.name().equals(name) && column.isNumeric()) {
                return column;
            }
        }
        return null;
    }

    /** The selected rows' labels highlighted in the active Image editor, its slices through the first centroid. */
    private void highlightSelected() {
        Column labels = column("label");
        ShownImage shown = activeImage.shown();
        if (labels == null || shown == null) {
            return;
        }
        int[] rows = table.getSelectionIndices();
        Arrays.sort(rows);
        long[] selected = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            selected[i] = Math.round(labels.number(rows[i]));
        }
        double[] centre = null;
        Column cx = column("centroid_x");
        Column cy = column("centroid_y");
        if (rows.length > 0 && cx != null && cy != null) {
            Column cz = column("centroid_z");
            centre = cz == null ? new double[] { cx.number(rows[0]), cy.number(rows[0]) }
                    : new double[] { cx.number(rows[0]), cy.number(rows[0]), cz.number(rows[0]) };
        }
        shown.highlightLabels(selected, centre);
    }

    /** The row of the object clicked in the active Image editor, selected and scrolled to. */
    private void selectPicked() {
        Column labels = column("label");
        ShownImage shown = activeImage.shown();
        if (labels == null || shown == null) {
            return;
        }
        long picked = shown.pickedLabel();
        for (int row = 0; row < Math.min(shownTable.rowCount(), MAX_ROWS); row++) {
            if (Math.round(labels.number(row)) == picked) {
                table.setSelection(row);
                table.showSelection();
                return;
            }
        }
        table.deselectAll();
    }

    Table table() {
        return table;
    }

    @Override
    public void setFocus() {
        table.setFocus();
    }

    @Override
    public void dispose() {
        if (activeImage != null) {
            activeImage.dispose();
        }
        super.dispose();
    }
}
