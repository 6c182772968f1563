package org.qbi.ui.ops.internal;

import java.nio.file.Path;

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

/** A table output of the last run: its file and its rows, columns headed by name and unit. */
public final class ResultTableView extends ViewPart {

    /** Rows shown at most; the CSV file holds them all. */
    static final int MAX_ROWS = 10_000;

    private Label file;
    private Table table;

    @Override
    public void createPartControl(Composite parent) {
        Composite content = new Composite(parent, SWT.NONE);
        content.setLayout(new GridLayout(1, false));
        file = new Label(content, SWT.NONE);
        file.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        file.setText("Table outputs of operators appear here.");
        table = new Table(content, SWT.BORDER | SWT.FULL_SELECTION | SWT.VIRTUAL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
    }

    /** Shows {@code result}, written to {@code csv}. */
    void show(Path csv, org.qbi.core.table.Table result) {
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
                + MAX_ROWS + " shown)" : ""));
        setContentDescription(result.name());
    }

    Table table() {
        return table;
    }

    @Override
    public void setFocus() {
        table.setFocus();
    }
}
