package org.qbi.ui.workbench.internal;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.qbi.core.io.ByteSize;
import org.qbi.core.platform.PlatformInfo;
import org.qbi.core.platform.PlatformInfo.Component;

/** About: the platform version, Java, memory limits and every installed org.qbi bundle with its version. */
final class AboutQbiDialog extends TitleAreaDialog {

    AboutQbiDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("About QBI Workbench");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("QBI Workbench " + PlatformInfo.platformVersion());
        setMessage("Quantitative imaging for CT, MR, micro-CT, neutron and X-ray imaging and microscopy.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite body = new Composite(area, SWT.NONE);
        body.setLayout(new GridLayout(1, false));
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        label(body, "Java: " + PlatformInfo.javaVersion());
        label(body, "Memory: " + ByteSize.format(PlatformInfo.maxHeapBytes()) + " heap, "
                + ByteSize.format(PlatformInfo.offHeapBudgetBytes()) + " off-heap budget");
        label(body, "Installed QBI bundles (built-in and lab plugins):");

        Composite tableArea = new Composite(body, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).hint(640, 260).applyTo(tableArea);
        TableColumnLayout columns = new TableColumnLayout();
        tableArea.setLayout(columns);
        TableViewer table = new TableViewer(tableArea, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        column(table, columns, "Bundle", 3, Component::symbolicName);
        column(table, columns, "Version", 3, Component::version);
        column(table, columns, "Name", 4, Component::name);
        column(table, columns, "State", 1, Component::state);
        table.setContentProvider(ArrayContentProvider.getInstance());
        table.setInput(PlatformInfo.components());
        return area;
    }

    private static void label(Composite parent, String text) {
        new Label(parent, SWT.NONE).setText(text);
    }

    private static void column(TableViewer table, TableColumnLayout layout, String title, int weight,
            java.util.function.Function<Component, String> value) {
        TableViewerColumn column = new TableViewerColumn(table, SWT.NONE);
        column.getColumn().setText(title);
        layout.setColumnData(column.getColumn(), new ColumnWeightData(weight));
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return value.apply((Component) element);
            }
        });
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }
}
