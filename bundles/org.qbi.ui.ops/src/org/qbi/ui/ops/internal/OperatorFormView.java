package org.qbi.ui.ops.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Operators;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.PortKind;
import org.qbi.ui.ops.OperatorViews;
import org.qbi.ui.viewer.ImageViewer;
import org.qbi.ui.viewer.ShownImage;

/**
 * The form of the operator selected in the palette, generated from its declaration alone: one control per
 * parameter ({@link ParameterField}) with its default, an image per input port (open Image editors and the
 * projects' image files), the project whose results/ folder receives the outputs, Reset and Run, and a preview of
 * the operator on the current slice of the active Image editor that follows every change of the parameters. Run
 * is enabled only while every value is valid and every required input is chosen.
 */
public final class OperatorFormView extends ViewPart {

    private Composite root;
    private ScrolledComposite scroller;
    private Composite form;
    private Operators.Installed operator;
    private final List<ParameterField> fields = new ArrayList<>();
    private final Map<String, Combo> inputCombos = new LinkedHashMap<>();
    private List<InputChoice> choices = List.of();
    private boolean firstInputChosenByUser;
    private Combo projectCombo;
    private List<IProject> projects = List.of();
    private Button runButton;
    private Button resetButton;
    private Label problem;
    private PreviewPanel preview;
    private PreviewJob previewJob;
    private ActiveImage activeImage;
    private RunOperatorJob lastRun;
    private boolean updating;

    private final ISelectionListener paletteSelection = (IWorkbenchPart part, ISelection selection) -> {
        if (selection instanceof IStructuredSelection structured
                && structured.getFirstElement() instanceof Operators.Installed installed && installed != operator) {
            show(installed);
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        root = parent;
        scroller = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        Display display = parent.getDisplay();
        previewJob = new PreviewJob(result -> display.asyncExec(() -> {
            if (preview != null && !preview.control().isDisposed() && result.request().operator() == operator) {
                preview.show(result);
            }
        }));
        IWorkbenchPage page = getSite().getPage();
        activeImage = new ActiveImage(page, this::activeImageChanged, this::refreshInputs);
        page.addSelectionListener(OperatorViews.PALETTE_VIEW_ID, paletteSelection);
        activeImage.start();
        ISelection current = page.getSelection(OperatorViews.PALETTE_VIEW_ID);
        if (current instanceof IStructuredSelection s && s.getFirstElement() instanceof Operators.Installed installed) {
            show(installed);
        } else {
            showEmpty();
        }
    }

    private void showEmpty() {
        Composite empty = newForm();
        Label hint = new Label(empty, SWT.WRAP);
        hint.setText("Select an operator in the Operators view to see its parameters here.");
        hint.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        finishForm();
    }

    private Composite newForm() {
        if (form != null) {
            form.dispose();
        }
        fields.clear();
        inputCombos.clear();
        form = new Composite(scroller, SWT.NONE);
        form.setLayout(new GridLayout(1, false));
        scroller.setContent(form);
        return form;
    }

    private void finishForm() {
        form.addListener(SWT.Resize, e -> scroller.setMinSize(form.computeSize(SWT.DEFAULT, SWT.DEFAULT)));
        scroller.setMinSize(form.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        form.layout(true, true);
    }

    /** Shows the form of {@code installed}, with its defaults. */
    public void show(Operators.Installed installed) {
        operator = installed;
        previewJob.clear();
        OperatorSpec spec = installed.spec();
        Composite content = newForm();
        setContentDescription(spec.name() + " (" + spec.id() + ")");

        // the name is in the view's title line; the first sentence here, the whole description (as in the
        // palette) in its tooltip: the preview must stay in view without scrolling
        Label description = new Label(content, SWT.WRAP);
        description.setText(firstSentence(spec.description()));
        description.setToolTipText(spec.description() + (spec.reference().isEmpty() ? "" : "\n\nReference: "
                + spec.reference()));
        GridData descriptionData = new GridData(SWT.FILL, SWT.TOP, true, false);
        descriptionData.widthHint = 2 * PreviewPanel.SIDE;
        description.setLayoutData(descriptionData);

        // inputs, results and parameters share one three-column grid (label, control, hint): compact enough for
        // the preview to stay in view below them
        Composite grid = new Composite(content, SWT.NONE);
        GridLayout gridLayout = new GridLayout(3, false);
        gridLayout.marginWidth = 0;
        grid.setLayout(gridLayout);
        grid.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        for (Port port : spec.inputs()) {
            Label label = new Label(grid, SWT.NONE);
            label.setText(port.name() + ":");
            label.setToolTipText(port.description());
            if (port.kind() == PortKind.TABLE) {
                Label unsupported = new Label(grid, SWT.WRAP);
                unsupported.setText("a table: not chosen in this form yet; run it with qbi op or a pipeline");
                unsupported.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
                continue;
            }
            Combo combo = new Combo(grid, SWT.READ_ONLY | SWT.DROP_DOWN);
            combo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
            combo.setToolTipText(port.description() + " (" + port.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + (port.optional() ? ", optional" : "") + ")");
            boolean first = inputCombos.isEmpty();
            combo.addListener(SWT.Selection, e -> {
                if (first) {
                    firstInputChosenByUser = true;
                    selectProjectOf(selectedInput(port.name()));
                }
                update();
            });
            inputCombos.put(port.name(), combo);
        }
        Label resultsLabel = new Label(grid, SWT.NONE);
        resultsLabel.setText("Results in:");
        projectCombo = new Combo(grid, SWT.READ_ONLY | SWT.DROP_DOWN);
        projectCombo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        projectCombo.setToolTipText("The project whose results/ folder receives the outputs and their provenance");
        projectCombo.addListener(SWT.Selection, e -> update());

        Label separator = new Label(grid, SWT.SEPARATOR | SWT.HORIZONTAL);
        separator.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        for (Param<?> param : spec.parameters()) {
            fields.add(new ParameterField(grid, param, this::update));
        }
        if (spec.parameters().isEmpty()) {
            Label none = new Label(grid, SWT.NONE);
            none.setText("This operator has no parameters.");
            none.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        }

        Composite buttons = new Composite(content, SWT.NONE);
        buttons.setLayout(new GridLayout(3, false));
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        problem = new Label(buttons, SWT.WRAP);
        GridData problemData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        problemData.widthHint = 150;
        problem.setLayoutData(problemData);
        resetButton = new Button(buttons, SWT.PUSH);
        resetButton.setText("Reset");
        resetButton.setToolTipText("Every parameter back to its default");
        resetButton.addListener(SWT.Selection, e -> reset());
        runButton = new Button(buttons, SWT.PUSH);
        runButton.setText("Run");
        runButton.setToolTipText("Run on the whole image in the background; the results open when done");
        runButton.addListener(SWT.Selection, e -> run());

        preview = new PreviewPanel(content);
        preview.control().setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));

        firstInputChosenByUser = false;
        refreshInputs();
        finishForm();
        update();
    }

    /** The text up to the first full stop followed by a space (or all of it). */
    static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    /** Every parameter back to its default. */
    void reset() {
        updating = true;
        try {
            fields.forEach(ParameterField::reset);
        } finally {
            updating = false;
        }
        update();
    }

    /** Fills the input and project drop-downs anew, keeping what was chosen where it is still there. */
    private void refreshInputs() {
        if (operator == null || projectCombo == null || projectCombo.isDisposed()) {
            return;
        }
        choices = InputChoice.available(getSite().getPage());
        String[] labels = choices.stream().map(InputChoice::label).toArray(String[]::new);
        boolean first = true;
        for (Map.Entry<String, Combo> entry : inputCombos.entrySet()) {
            Combo combo = entry.getValue();
            String before = combo.getText();
            combo.setItems(labels);
            int index = List.of(labels).indexOf(before);
            if (first && !firstInputChosenByUser) {
                index = activeChoice();
            }
            if (index >= 0) {
                combo.select(index);
            }
            first = false;
        }
        String project = projectCombo.getText();
        projects = List.of(ResourcesPlugin.getWorkspace().getRoot().getProjects()).stream().filter(IProject::isOpen)
                .toList();
        projectCombo.setItems(projects.stream().map(IProject::getName).toArray(String[]::new));
        int index = projects.stream().map(IProject::getName).toList().indexOf(project);
        if (index >= 0) {
            projectCombo.select(index);
        } else if (!inputCombos.isEmpty()) {
            selectProjectOf(selectedInput(inputCombos.keySet().iterator().next()));
        }
        if (projectCombo.getSelectionIndex() < 0 && !projects.isEmpty()) {
            projectCombo.select(0);
        }
        update();
    }

    private int activeChoice() {
        ShownImage shown = activeImage.shown();
        if (shown == null) {
            return -1;
        }
        for (int i = 0; i < choices.size(); i++) {
            if (choices.get(i).path().equals(shown.path()) && java.util.Objects.equals(choices.get(i).entry(), shown.entry())) {
                return i;
            }
        }
        return -1;
    }

    private void selectProjectOf(InputChoice choice) {
        if (choice == null) {
            return;
        }
        IProject project = InputChoice.projectOf(choice.path());
        if (project != null && projects.contains(project)) {
            projectCombo.select(projects.indexOf(project));
        }
    }

    private InputChoice selectedInput(String port) {
        Combo combo = inputCombos.get(port);
        int index = combo == null ? -1 : combo.getSelectionIndex();
        return index >= 0 && index < choices.size() ? choices.get(index) : null;
    }

    private void activeImageChanged() {
        if (operator == null || preview == null || preview.control().isDisposed()) {
            return;
        }
        if (!firstInputChosenByUser && !inputCombos.isEmpty()) {
            refreshInputs();
        } else {
            update();
        }
    }

    /** Checks every value, enables Run, and asks for a new preview. */
    private void update() {
        if (updating || operator == null || runButton == null || runButton.isDisposed()) {
            return;
        }
        Arguments arguments = arguments();
        String missing = null;
        for (Port port : operator.spec().inputs()) {
            if (!port.optional() && (port.kind() == PortKind.TABLE || selectedInput(port.name()) == null)) {
                missing = "Choose an image for input '" + port.name() + "'";
                break;
            }
        }
        if (missing == null && projectCombo.getSelectionIndex() < 0) {
            missing = "Open or create a project to receive the results";
        }
        String shownProblem = arguments == null ? "Correct the values in red" : missing;
        problem.setText(shownProblem == null ? "" : shownProblem);
        runButton.setEnabled(shownProblem == null);
        requestPreview(arguments);
    }

    /** The arguments the form holds, or null (and messages shown) while any value is invalid. */
    private Arguments arguments() {
        Map<String, String> texts = new LinkedHashMap<>();
        boolean valid = true;
        boolean messagesChanged = false;
        for (ParameterField field : fields) {
            String before = field.message();
            String after = field.validate();
            valid &= after == null;
            messagesChanged |= !java.util.Objects.equals(before, after);
            texts.put(field.param().name(), field.text());
        }
        if (messagesChanged) {
            // a message takes or frees a row: the whole form and its scrolled size change
            form.layout(true, true);
            scroller.setMinSize(form.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        }
        if (!valid) {
            return null;
        }
        try {
            return Arguments.parse(operator.spec(), texts);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void requestPreview(Arguments arguments) {
        List<Port> ports = operator.spec().inputs();
        ShownImage shown = activeImage.shown();
        if (ports.isEmpty() || !ports.getFirst().kind().isImage()) {
            previewJob.clear();
            preview.message("No preview: " + operator.spec().name() + " takes no image first.", false);
            return;
        }
        if (shown == null || shown.header() == null || shown.position() == null) {
            previewJob.clear();
            preview.message("Open an image to preview " + operator.spec().name() + " on its current slice.", false);
            return;
        }
        if (arguments == null) {
            previewJob.clear();
            preview.message("No preview while a value is invalid.", true);
            return;
        }
        Map<String, InputChoice> others = new LinkedHashMap<>();
        for (Port port : ports.subList(1, ports.size())) {
            InputChoice choice = port.kind().isImage() ? selectedInput(port.name()) : null;
            if (choice != null) {
                others.put(port.name(), choice);
            } else if (!port.optional()) {
                previewJob.clear();
                preview.message("No preview until input '" + port.name() + "' is chosen.", false);
                return;
            }
        }
        InputChoice source = new InputChoice(shown.path().getFileName().toString(), shown.path(), shown.entry());
        preview.message("Computing the preview\u2026", true);
        previewJob.request(new PreviewJob.Request(operator, arguments, source, shown.position(), others));
    }

    /** Runs the operator as a job (Run); returns it, or null when the form is not ready. */
    RunOperatorJob run() {
        if (runButton == null || !runButton.isEnabled()) {
            return null;
        }
        Arguments arguments = arguments();
        Map<String, InputChoice> inputs = new LinkedHashMap<>();
        for (Port port : operator.spec().inputs()) {
            InputChoice choice = selectedInput(port.name());
            if (choice != null) {
                inputs.put(port.name(), choice);
            }
        }
        IProject project = projects.get(projectCombo.getSelectionIndex());
        IWorkbenchPage page = getSite().getPage();
        Display display = root.getDisplay();
        RunOperatorJob job = new RunOperatorJob(new RunOperatorJob.Request(operator, arguments, inputs, project),
                result -> display.asyncExec(() -> openResults(page, result)));
        lastRun = job;
        job.schedule();
        return job;
    }

    private static void openResults(IWorkbenchPage page, RunOperatorJob.Result result) {
        if (page.getWorkbenchWindow().getShell() == null || page.getWorkbenchWindow().getShell().isDisposed()) {
            return;
        }
        for (Map.Entry<String, Path> file : result.files().entrySet()) {
            try {
                if (result.tables().containsKey(file.getKey())) {
                    ResultTableView view = (ResultTableView) page.showView(OperatorViews.TABLE_VIEW_ID);
                    view.show(file.getValue(), result.tables().get(file.getKey()));
                } else {
                    ImageViewer.open(page, file.getValue());
                }
            } catch (PartInitException e) {
                org.eclipse.jface.dialogs.MessageDialog.openError(page.getWorkbenchWindow().getShell(),
                        "Cannot show a result", file.getValue() + " was written but cannot be shown: " + e.getMessage());
            }
        }
    }

    @Override
    public void setFocus() {
        if (runButton != null && !runButton.isDisposed()) {
            runButton.setFocus();
        } else {
            scroller.setFocus();
        }
    }

    @Override
    public void dispose() {
        getSite().getPage().removeSelectionListener(OperatorViews.PALETTE_VIEW_ID, paletteSelection);
        if (activeImage != null) {
            activeImage.dispose();
        }
        if (previewJob != null) {
            previewJob.dispose();
        }
        super.dispose();
    }

    // What the tests read.

    Operators.Installed operator() {
        return operator;
    }

    ParameterField field(String name) {
        return fields.stream().filter(f -> f.param().name().equals(name)).findFirst().orElse(null);
    }

    List<ParameterField> fields() {
        return fields;
    }

    Button runButton() {
        return runButton;
    }

    Button resetButton() {
        return resetButton;
    }

    Combo inputCombo(String port) {
        return inputCombos.get(port);
    }

    Combo projectCombo() {
        return projectCombo;
    }

    Label problem() {
        return problem;
    }

    PreviewPanel preview() {
        return preview;
    }

    RunOperatorJob lastRun() {
        return lastRun;
    }

    Control form() {
        return form;
    }
}
