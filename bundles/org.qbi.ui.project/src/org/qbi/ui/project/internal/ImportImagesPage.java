package org.qbi.ui.project.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.qbi.project.ImportMode;
import org.qbi.project.Sample;
import org.qbi.project.workspace.QbiNature;
import org.qbi.ui.workbench.QbiUiPreferences;

/** The one page of the import wizard. */
public final class ImportImagesPage extends WizardPage {

    private final IProject preselected;
    private final List<Path> sources = new ArrayList<>();
    private List<IProject> projects = List.of();
    private Combo projectCombo;
    private org.eclipse.swt.widgets.List sourceList;
    private Text subfolderText;
    private Button copyButton;
    private Button linkButton;
    private Text sampleText;
    private Text groupText;

    ImportImagesPage(IProject preselected) {
        super("importImages");
        this.preselected = preselected;
        setTitle("Import Images into QBI Project");
        setDescription("Files are copied (or linked) into the project's raw/ folder; nothing there is overwritten "
                + "and your originals are only read.");
    }

    @Override
    public void createControl(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(body);

        new Label(body, SWT.NONE).setText("Project:");
        projectCombo = new Combo(body, SWT.READ_ONLY);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(projectCombo);
        projects = Arrays.stream(ResourcesPlugin.getWorkspace().getRoot().getProjects())
                .filter(QbiNature::isQbiProject).toList();
        projects.forEach(p -> projectCombo.add(p.getName()));
        int index = preselected == null ? 0 : Math.max(0, projects.indexOf(preselected));
        if (!projects.isEmpty()) {
            projectCombo.select(index);
        }
        projectCombo.addListener(SWT.Selection, e -> validate());

        new Label(body, SWT.NONE).setText("Files and folders:");
        sourceList = new org.eclipse.swt.widgets.List(body, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).hint(420, 140).applyTo(sourceList);
        Composite buttons = new Composite(body, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(buttons);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(buttons);
        button(buttons, "Add Files...", this::addFiles);
        button(buttons, "Add Folder...", this::addFolder);
        button(buttons, "Remove", this::removeSelected);

        new Label(body, SWT.NONE).setText("Into raw/ folder:");
        subfolderText = new Text(body, SWT.BORDER);
        subfolderText.setMessage("e.g. ct/2026-11-20 (empty: raw/ itself)");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(subfolderText);

        Group mode = new Group(body, SWT.NONE);
        mode.setText("Import as");
        GridLayoutFactory.swtDefaults().applyTo(mode);
        GridDataFactory.fillDefaults().span(3, 1).applyTo(mode);
        copyButton = new Button(mode, SWT.RADIO);
        copyButton.setText("Copies (read-only; the project is self-contained)");
        linkButton = new Button(mode, SWT.RADIO);
        linkButton.setText("Links to where the files are (instrument or shared storage)");
        boolean link = QbiUiPreferences.importMode() == ImportMode.LINK;
        copyButton.setSelection(!link);
        linkButton.setSelection(link);

        Group sample = new Group(body, SWT.NONE);
        sample.setText("Sample catalog (optional)");
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(sample);
        GridDataFactory.fillDefaults().span(3, 1).applyTo(sample);
        new Label(sample, SWT.NONE).setText("Sample id:");
        sampleText = new Text(sample, SWT.BORDER);
        sampleText.setMessage("add the files to this sample, e.g. bone-01");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(sampleText);
        new Label(sample, SWT.NONE).setText("Group:");
        groupText = new Text(sample, SWT.BORDER);
        groupText.setMessage("group or condition of a new sample, e.g. healthy");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(groupText);
        sampleText.addListener(SWT.Modify, e -> validate());

        setControl(body);
        validate();
    }

    private static void button(Composite parent, String label, Runnable action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(label);
        GridDataFactory.fillDefaults().applyTo(button);
        button.addListener(SWT.Selection, e -> action.run());
    }

    private void addFiles() {
        FileDialog dialog = new FileDialog(getShell(), SWT.OPEN | SWT.MULTI);
        dialog.setText("Images to import");
        if (dialog.open() != null) {
            for (String name : dialog.getFileNames()) {
                addSource(Path.of(dialog.getFilterPath(), name));
            }
        }
    }

    private void addFolder() {
        DirectoryDialog dialog = new DirectoryDialog(getShell());
        dialog.setText("Folder to import (with everything in it)");
        String folder = dialog.open();
        if (folder != null) {
            addSource(Path.of(folder));
        }
    }

    private void removeSelected() {
        int[] selected = sourceList.getSelectionIndices();
        for (int i = selected.length - 1; i >= 0; i--) {
            sources.remove(selected[i]);
        }
        sourceList.remove(selected);
        validate();
    }

    /** Adds a file or folder to import (also used by tests instead of the file dialog). */
    public void addSource(Path source) {
        if (!sources.contains(source)) {
            sources.add(source);
            sourceList.add(source.toString() + (Files.isDirectory(source) ? "  (folder)" : ""));
        }
        validate();
    }

    /** Sets the optional sample id and group (tests). */
    public void setSample(String id, String group) {
        sampleText.setText(id);
        groupText.setText(group);
    }

    private void validate() {
        String error = null;
        if (projects.isEmpty()) {
            error = "There is no open QBI project; create one with File > New > QBI Project first.";
        } else if (sources.isEmpty()) {
            error = null;
            setMessage("Add the files or folders to import.");
        } else if (!sampleText.getText().isBlank() && Sample.idProblem(sampleText.getText().strip()) != null) {
            error = Sample.idProblem(sampleText.getText().strip());
        } else {
            setMessage(null);
        }
        setErrorMessage(error);
        setPageComplete(error == null && !sources.isEmpty());
    }

    ImportImagesJob.Request request() {
        IProject project = projects.get(projectCombo.getSelectionIndex());
        String sample = sampleText.getText().isBlank() ? null : sampleText.getText().strip();
        return new ImportImagesJob.Request(project, List.copyOf(sources), subfolderText.getText().strip(),
                linkButton.getSelection() ? ImportMode.LINK : ImportMode.COPY, sample, groupText.getText().strip());
    }
}
