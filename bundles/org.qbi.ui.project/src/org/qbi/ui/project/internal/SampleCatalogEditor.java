package org.qbi.ui.project.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.dialogs.IInputValidator;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerEditor;
import org.eclipse.jface.viewers.ColumnViewerEditorActivationStrategy;
import org.eclipse.jface.viewers.EditingSupport;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TableViewerEditor;
import org.eclipse.jface.viewers.TextCellEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.project.workspace.QbiProjects;

/**
 * Edits a project's samples.csv as a table: one row per sample, a column per field (id, group, notes,
 * files, then the lab's own columns). Edits are checked as they are made (an invalid id is refused with the
 * reason shown above the table); Save replaces the file atomically.
 */
public final class SampleCatalogEditor extends EditorPart {

    /** The editor id from plugin.xml. */
    public static final String ID = "org.qbi.ui.editors.samples";

    private IFile file;
    private SampleCatalog catalog;
    private boolean dirty;
    private TableViewer table;
    private Label summary;
    private Label problem;
    private Composite body;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof IFileEditorInput fileInput)) {
            throw new PartInitException("The sample catalog editor opens samples.csv files of a project, got " + input);
        }
        setSite(site);
        setInput(input);
        file = fileInput.getFile();
        try {
            catalog = SampleCatalog.load(Path.of(file.getLocationURI()));
        } catch (IOException | IllegalArgumentException e) {
            throw new PartInitException("Cannot open the sample catalog: " + e.getMessage(), e);
        }
        setPartName(file.getProject().getName() + " samples");
    }

    /** The catalog as edited (unsaved edits included). */
    public SampleCatalog catalog() {
        return catalog;
    }

    /** The table of samples (tests drive its cell editors). */
    TableViewer viewer() {
        return table;
    }

    @Override
    public void createPartControl(Composite parent) {
        body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(body);
        summary = new Label(body, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(summary);
        problem = new Label(body, SWT.WRAP);
        problem.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(problem);

        table = new TableViewer(body, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table.getTable());
        table.setContentProvider(ArrayContentProvider.getInstance());
        TableViewerEditor.create(table, new ColumnViewerEditorActivationStrategy(table),
                ColumnViewerEditor.TABBING_HORIZONTAL | ColumnViewerEditor.KEYBOARD_ACTIVATION);
        createColumns();

        Composite buttons = new Composite(body, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(buttons);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(buttons);
        button(buttons, "Add Sample...", this::addSample);
        button(buttons, "Remove", this::removeSelected);
        button(buttons, "Add Files...", this::addFiles);
        button(buttons, "Add Column...", this::addColumn);
        refresh();
    }

    private void createColumns() {
        column("Sample id", 120, Sample::id, (s, v) -> new Sample(v.strip(), s.group(), s.notes(), s.files(), s.fields()));
        column("Group", 110, Sample::group, (s, v) -> new Sample(s.id(), v, s.notes(), s.files(), s.fields()));
        column("Notes", 280, Sample::notes, (s, v) -> new Sample(s.id(), s.group(), v, s.files(), s.fields()));
        column("Files", 320, s -> String.join("; ", s.files()), (s, v) -> new Sample(s.id(), s.group(), s.notes(),
                Arrays.stream(v.split(";")).map(String::strip).filter(f -> !f.isEmpty()).toList(), s.fields()));
        for (String extra : catalog.extraColumns()) {
            column(extra, 90, s -> s.fields().getOrDefault(extra, ""), (s, v) -> {
                Map<String, String> fields = new LinkedHashMap<>(s.fields());
                fields.put(extra, v);
                return new Sample(s.id(), s.group(), s.notes(), s.files(), fields);
            });
        }
    }

    private void column(String title, int width, Function<Sample, String> value, BiFunction<Sample, String, Sample> edit) {
        TableViewerColumn column = new TableViewerColumn(table, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return value.apply((Sample) element);
            }
        });
        column.setEditingSupport(new EditingSupport(table) {
            @Override
            protected CellEditor getCellEditor(Object element) {
                return new TextCellEditor(table.getTable());
            }

            @Override
            protected boolean canEdit(Object element) {
                return true;
            }

            @Override
            protected Object getValue(Object element) {
                return value.apply((Sample) element);
            }

            @Override
            protected void setValue(Object element, Object newValue) {
                Sample sample = (Sample) element;
                if (newValue.equals(value.apply(sample))) {
                    return;
                }
                apply(() -> catalog.replace(sample.id(), edit.apply(sample, (String) newValue)));
            }
        });
    }

    /** Runs an edit of the catalog; a refused edit leaves the catalog as it was and shows why. */
    private void apply(Runnable edit) {
        try {
            edit.run();
            problem.setText("");
            setDirty(true);
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage());
        }
        refresh();
    }

    private void refresh() {
        table.setInput(catalog.samples().toArray());
        List<String> missing = catalog.missingFiles(layout());
        summary.setText(catalog.samples().size() + " sample(s) in " + catalog.groups().size() + " group(s)"
                + (catalog.groups().isEmpty() ? "" : ": " + String.join(", ", catalog.groups()))
                + (missing.isEmpty() ? "" : "   |   missing files: " + String.join(", ", missing)));
        body.layout(true, true);
    }

    private ProjectLayout layout() {
        return QbiProjects.layout(file.getProject());
    }

    private void addSample() {
        InputDialog dialog = new InputDialog(getSite().getShell(), "Add Sample", "Sample id (e.g. bone-01):",
                nextId(), (IInputValidator) text -> text.isBlank() ? "Give an id"
                        : catalog.find(text.strip()).isPresent() ? "Sample id '" + text.strip() + "' is taken"
                        : Sample.idProblem(text.strip()));
        if (dialog.open() == InputDialog.OK) {
            apply(() -> catalog.put(new Sample(dialog.getValue().strip(), "", "", List.of())));
        }
    }

    private String nextId() {
        int n = catalog.samples().size() + 1;
        while (catalog.find(String.format("sample-%02d", n)).isPresent()) {
            n++;
        }
        return String.format("sample-%02d", n);
    }

    private void removeSelected() {
        List<String> ids = new ArrayList<>();
        for (Object selected : table.getStructuredSelection().toList()) {
            ids.add(((Sample) selected).id());
        }
        if (!ids.isEmpty()) {
            apply(() -> ids.forEach(catalog::remove));
        }
    }

    private void addFiles() {
        Object selected = table.getStructuredSelection().getFirstElement();
        if (!(selected instanceof Sample sample)) {
            problem.setText("Select the sample the files belong to first.");
            return;
        }
        FileDialog dialog = new FileDialog(getSite().getShell(), SWT.OPEN | SWT.MULTI);
        dialog.setText("Files of sample " + sample.id() + " (inside the project's raw/ folder)");
        dialog.setFilterPath(layout().raw().toString());
        if (dialog.open() == null) {
            return;
        }
        apply(() -> {
            Sample updated = sample;
            for (String name : dialog.getFileNames()) {
                updated = updated.withFile(layout().relativize(Path.of(dialog.getFilterPath(), name)));
            }
            catalog.replace(sample.id(), updated);
        });
    }

    private void addColumn() {
        InputDialog dialog = new InputDialog(getSite().getShell(), "Add Column",
                "Name of a further catalog column (e.g. age, sex, scan_date):", "", null);
        if (dialog.open() != InputDialog.OK) {
            return;
        }
        String name = dialog.getValue().strip();
        apply(() -> catalog.addColumn(name));
        if (catalog.extraColumns().contains(name)) {
            for (org.eclipse.swt.widgets.TableColumn column : table.getTable().getColumns()) {
                column.dispose();
            }
            createColumns();
            refresh();
        }
    }

    private void button(Composite parent, String label, Runnable action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(label);
        GridDataFactory.fillDefaults().applyTo(button);
        button.addListener(SWT.Selection, e -> action.run());
    }

    private void setDirty(boolean value) {
        if (dirty != value) {
            dirty = value;
            firePropertyChange(PROP_DIRTY);
        }
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        try {
            catalog.save(Path.of(file.getLocationURI()));
            file.refreshLocal(IResource.DEPTH_ZERO, monitor);
            setDirty(false);
            problem.setText("");
        } catch (IOException | CoreException e) {
            problem.setText("Could not save " + file.getFullPath() + ": " + e.getMessage()
                    + " (the file on disk is unchanged)");
            if (monitor != null) {
                monitor.setCanceled(true);
            }
        }
    }

    @Override
    public void doSaveAs() {
        throw new UnsupportedOperationException("A project has one sample catalog; Save As is not offered");
    }

    @Override
    public boolean isDirty() {
        return dirty;
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public void setFocus() {
        table.getTable().setFocus();
    }
}
