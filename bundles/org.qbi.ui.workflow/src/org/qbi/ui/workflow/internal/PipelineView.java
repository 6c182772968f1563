package org.qbi.ui.workflow.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.PartInitException;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.part.ViewPart;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Operators;
import org.qbi.ops.Param;
import org.qbi.project.workspace.QbiProjects;
import org.qbi.ui.viewer.ImageViewer;
import org.qbi.workflow.InteractiveRun;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.PipelineFile;
import org.qbi.workflow.SparkRun;
import org.qbi.workflow.Step;

/**
 * The pipeline file selected in the Project Explorer: its graph (inputs and steps, wired as in the file), the
 * selected step's parameters (checked against the operator, saved back into the file), Run, and the last run's
 * report. A file that does not read shows its error (file and line) instead of the graph.
 */
public final class PipelineView extends ViewPart {

    /** The workbench's Progress view, stacked with this one in the Process perspective. */
    private static final String PROGRESS_VIEW_ID = "org.eclipse.ui.views.ProgressView";

    private final ISelectionListener selectionListener = this::selectionChanged;
    private final IResourceChangeListener fileListener = this::resourcesChanged;
    private Label title;
    private Button save;
    private Button runButton;
    private Button sparkButton;
    private Button runFromButton;
    private Button showButton;
    private Button addButton;
    private Button removeButton;
    private Button rewireButton;
    private GraphCanvas canvas;
    private ScrolledComposite scroller;
    private Composite parameterArea;
    private Label parameterProblem;
    private Text report;
    private final Map<String, Text> parameterTexts = new LinkedHashMap<>();

    private IFile file;
    private Pipeline pipeline;
    private String problem;
    private String selectedStep;
    private RunPipelineJob running;
    /** The step cache of runs from a node: lives as long as the view. */
    private final InteractiveRun interactive = InteractiveRun.installed();
    private RunFromNodeJob runningFrom;

    @Override
    public void createPartControl(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(4, false));
        title = new Label(root, SWT.WRAP);
        title.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        title.setText("Select a pipeline file (pipelines/*.yaml) in the Project Explorer");
        Composite nodeButtons = new Composite(root, SWT.NONE);
        nodeButtons.setLayout(new org.eclipse.swt.layout.RowLayout());
        addButton = button(nodeButtons, "Add Step...", "Add a step reading from the selected node", this::askAddStep);
        removeButton = button(nodeButtons, "Remove Step", "Remove the selected step (and the outputs kept from it)",
                () -> removeStep(selectedStep));
        rewireButton = button(nodeButtons, "Rewire...", "Wire an input of the selected step to another node",
                this::askRewire);
        runFromButton = button(nodeButtons, "Run From Here", "Compute the selected step and everything downstream "
                + "on the first sample; the steps before it come from the cache", () -> runFrom(selectedStep));
        showButton = button(nodeButtons, "Show Result", "Open the selected step's image output (of the last run "
                + "from a node) in the Image editor", () -> showIntermediate(selectedStep));
        save = new Button(root, SWT.PUSH);
        save.setText("Save Parameters");
        save.setToolTipText("Check the step's parameters and write them into the pipeline file");
        save.addListener(SWT.Selection, e -> saveParameters());
        runButton = new Button(root, SWT.PUSH);
        runButton.setText("Run");
        runButton.setToolTipText("Run the pipeline (as saved) over its samples; samples up to date are skipped");
        runButton.addListener(SWT.Selection, e -> run());
        sparkButton = new Button(root, SWT.PUSH);
        sparkButton.setText("Run on Spark...");
        sparkButton.setToolTipText("Run the pipeline on a Spark master (Window > Preferences > QBI Workbench > "
                + "Spark), following its progress in the Progress view");
        sparkButton.addListener(SWT.Selection, e -> askRunOnSpark());

        SashForm vertical = new SashForm(root, SWT.VERTICAL);
        vertical.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        SashForm horizontal = new SashForm(vertical, SWT.HORIZONTAL);
        // scrolls when the graph is wider than the view (long pipelines, a narrow bottom folder)
        ScrolledComposite scroller = new ScrolledComposite(horizontal, SWT.H_SCROLL | SWT.V_SCROLL);
        canvas = new GraphCanvas(scroller, this::select);
        scroller.setContent(canvas);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        scroller.setBackground(canvas.getBackground());
        this.scroller = scroller;
        parameterArea = new Composite(horizontal, SWT.NONE);
        parameterArea.setLayout(new GridLayout(2, false));
        horizontal.setWeights(70, 30);
        title.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        report = new Text(vertical, SWT.MULTI | SWT.READ_ONLY | SWT.H_SCROLL | SWT.V_SCROLL);
        report.setFont(JFaceResources.getTextFont());
        vertical.setWeights(60, 40);
        updateButtons();
        getSite().getPage().addPostSelectionListener(selectionListener);
        ResourcesPlugin.getWorkspace().addResourceChangeListener(fileListener, IResourceChangeEvent.POST_CHANGE);
    }

    /** The file edited elsewhere (a text editor, git): the graph follows. */
    private void resourcesChanged(IResourceChangeEvent event) {
        IFile shown = file;
        if (shown == null || event.getDelta() == null) {
            return;
        }
        IResourceDelta delta = event.getDelta().findMember(shown.getFullPath());
        if (delta != null && (delta.getFlags() & IResourceDelta.CONTENT) != 0) {
            title.getDisplay().asyncExec(() -> {
                if (!title.isDisposed() && shown.equals(file)) {
                    reload();
                }
            });
        }
    }

    @Override
    public void dispose() {
        getSite().getPage().removePostSelectionListener(selectionListener);
        ResourcesPlugin.getWorkspace().removeResourceChangeListener(fileListener);
        super.dispose();
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }

    private void selectionChanged(IWorkbenchPart part, ISelection selection) {
        if (part == this || !(selection instanceof IStructuredSelection structured) || structured.size() != 1) {
            return;
        }
        IFile selected = Adapters.adapt(structured.getFirstElement(), IFile.class);
        if (selected != null && isPipelineFile(selected) && !selected.equals(file)) {
            show(selected);
        }
    }

    static boolean isPipelineFile(IFile candidate) {
        String extension = candidate.getFileExtension();
        return ("yaml".equals(extension) || "yml".equals(extension)) && candidate.getLocation() != null;
    }

    /** Shows the pipeline in {@code pipelineFile}, or what is wrong with it. */
    public void show(IFile pipelineFile) {
        file = pipelineFile;
        selectedStep = null;
        reload();
    }

    private void reload() {
        try {
            pipeline = RunPipelineJob.load(file);
            problem = null;
            title.setText(pipeline.name() + "  (" + file.getFullPath() + ")"
                    + (pipeline.description().isEmpty() ? "" : ": " + pipeline.description()));
            title.setForeground(null);
            canvas.setGraph(PipelineGraph.of(pipeline));
        } catch (IllegalArgumentException e) {
            pipeline = null;
            problem = e.getMessage();
            title.setText(problem);
            title.setForeground(title.getDisplay().getSystemColor(SWT.COLOR_RED));
            canvas.setGraph(null);
        }
        String keep = selectedStep;
        selectedStep = null;
        if (pipeline != null && keep != null && pipeline.steps().stream().anyMatch(s -> s.id().equals(keep))) {
            select(keep);
        } else {
            fillParameters(null);
        }
        scroller.setMinSize(canvas.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        title.getParent().layout(true);
        updateButtons();
    }

    /** Selects a node of the graph; a step's parameters become editable. */
    void select(String nodeId) {
        canvas.setSelected(nodeId);
        if (pipeline == null || nodeId == null) {
            selectedStep = null;
            fillParameters(null);
            updateButtons();
            return;
        }
        Step step = pipeline == null ? null
                : pipeline.steps().stream().filter(s -> s.id().equals(nodeId)).findFirst().orElse(null);
        selectedStep = step == null ? null : step.id();
        fillParameters(step);
        updateButtons();
    }

    private void fillParameters(Step step) {
        for (Control child : parameterArea.getChildren()) {
            child.dispose();
        }
        parameterTexts.clear();
        Label heading = new Label(parameterArea, SWT.WRAP);
        heading.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        heading.setFont(JFaceResources.getBannerFont());
        if (step == null) {
            heading.setText(pipeline == null ? "" : "Click a step to edit its parameters");
        } else {
            OperatorSpec spec = spec(step);
            heading.setText(step.id() + ": " + step.operator() + (spec == null ? " (not installed)" : ""));
            if (spec != null) {
                for (Param<?> param : spec.parameters()) {
                    addParameter(param.name(), param.label(), step.parameters().getOrDefault(param.name(), ""),
                            defaultText(param), param.description() + (param.rangeText().isEmpty() ? ""
                                    : " (" + param.rangeText() + ")"));
                }
            } else {
                step.parameters().forEach((name, value) -> addParameter(name, name, value, "", ""));
            }
            if (parameterTexts.isEmpty()) {
                new Label(parameterArea, SWT.NONE).setText("(no parameters)");
            }
        }
        parameterProblem = new Label(parameterArea, SWT.WRAP);
        parameterProblem.setForeground(parameterArea.getDisplay().getSystemColor(SWT.COLOR_RED));
        parameterProblem.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        parameterArea.layout(true, true);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static String defaultText(Param param) {
        return param.defaultValue() == null ? "required" : "default " + param.format(param.defaultValue());
    }

    private void addParameter(String name, String label, String value, String hint, String tooltip) {
        Label caption = new Label(parameterArea, SWT.NONE);
        caption.setText(label);
        caption.setToolTipText(tooltip);
        Text text = new Text(parameterArea, SWT.BORDER | SWT.SINGLE);
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        text.setText(value);
        text.setMessage(hint);
        text.setToolTipText(tooltip);
        text.addListener(SWT.DefaultSelection, e -> saveParameters());
        parameterTexts.put(name, text);
    }

    private static OperatorSpec spec(Step step) {
        return Operators.installed().find(step.operator()).map(Operators.Installed::spec).orElse(null);
    }

    /**
     * Checks the selected step's parameter texts and writes the pipeline back to its file (atomically).
     *
     * @return the problem shown (a parameter's message or a write error), or null when saved
     */
    String saveParameters() {
        if (pipeline == null || selectedStep == null) {
            return "No step selected";
        }
        Map<String, String> texts = new LinkedHashMap<>();
        parameterTexts.forEach((name, text) -> texts.put(name, text.getText()));
        String message;
        try {
            Pipeline edited = StepParameters.with(pipeline, selectedStep, texts, spec(pipeline.step(selectedStep)));
            PipelineFile.write(edited, file.getLocation().toFile().toPath());
            file.refreshLocal(IResource.DEPTH_ZERO, null);
            reload();
            return null;
        } catch (IllegalArgumentException e) {
            message = e.getMessage();
        } catch (IOException | CoreException e) {
            message = "Cannot write " + file.getLocation() + ": " + e.getMessage();
        }
        parameterProblem.setText(message);
        parameterArea.layout(true, true);
        return message;
    }

    /** Runs the pipeline as saved; null when it cannot run (the title says why) or is running already. */
    RunPipelineJob run() {
        if (pipeline == null || running != null) {
            return null;
        }
        RunPipelineJob job = new RunPipelineJob(file, pipeline, this::finished);
        report.setText("Running " + pipeline.name() + " ...");
        running = job;
        updateButtons();
        job.schedule();
        return job;
    }

    /** Asks for the master and runs the pipeline as saved on Spark (errors of the settings in a dialog). */
    private void askRunOnSpark() {
        String master = RunOnSparkHandler.askMaster(getSite().getShell());
        if (master != null && file != null) {
            try {
                RunOnSparkHandler.start(getSite().getShell(), getSite().getPage(), file, master);
            } catch (PartInitException e) {
                showProblem("Cannot show the Pipeline view: " + e.getMessage());
            }
        }
    }

    /**
     * Runs the pipeline as saved with {@code spark} (a {@link SparkRunJob}); null when it cannot run (the title says
     * why) or a run is going.
     */
    SparkRunJob runOnSpark(SparkRun spark) {
        if (pipeline == null || running != null) {
            return null;
        }
        SparkRunJob job = new SparkRunJob(file, pipeline, spark, this::finished);
        report.setText("Running " + pipeline.name() + " on Spark " + spark.master() + " ... (progress per sample in "
                + "the Progress view)");
        running = job;
        updateButtons();
        job.schedule();
        // a Spark run takes a while: its samples count up in the Progress view, its report comes back here
        try {
            // VIEW_VISIBLE would leave it behind this view, which shares its folder
            getSite().getPage().showView(PROGRESS_VIEW_ID, null, IWorkbenchPage.VIEW_ACTIVATE);
        } catch (PartInitException e) {
            // the progress bar in the status line shows it all the same
        }
        return job;
    }

    private void finished(RunPipelineJob finished) {
        report.getDisplay().asyncExec(() -> {
            if (!report.isDisposed()) {
                report.setText(finished.report());
                running = null;
                updateButtons();
                if (finished instanceof SparkRunJob) {
                    getSite().getPage().bringToTop(this);
                }
            }
        });
    }

    private void updateButtons() {
        boolean step = pipeline != null && selectedStep != null;
        save.setEnabled(step);
        runButton.setEnabled(pipeline != null && running == null);
        sparkButton.setEnabled(pipeline != null && running == null);
        addButton.setEnabled(pipeline != null && canvas.selected() != null);
        removeButton.setEnabled(step);
        rewireButton.setEnabled(step);
        runFromButton.setEnabled(step && runningFrom == null);
        InteractiveRun.Report last = interactive.last();
        showButton.setEnabled(step && last != null && last.steps().containsKey(selectedStep));
    }

    private static Button button(Composite parent, String text, String tooltip, Runnable action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(text);
        button.setToolTipText(tooltip);
        button.addListener(SWT.Selection, e -> action.run());
        return button;
    }

    /** Writes {@code edited} into the file (atomically) and shows it; returns the problem, or null. */
    private String saveStructure(Pipeline edited, String select) {
        try {
            PipelineFile.write(edited, file.getLocation().toFile().toPath());
            file.refreshLocal(IResource.DEPTH_ZERO, null);
            selectedStep = select;
            reload();
            if (select != null) {
                select(select);
            }
            return null;
        } catch (IOException | CoreException e) {
            return showProblem("Cannot write " + file.getLocation() + ": " + e.getMessage());
        }
    }

    private String showProblem(String message) {
        report.setText(message);
        return message;
    }

    /**
     * Adds a step running {@code operatorId} that reads from the selected node (a step's first output or an input).
     *
     * @return the problem shown, or null when added
     */
    String addStep(String operatorId) {
        String source = canvas.selected();
        if (pipeline == null || source == null) {
            return showProblem("Select the node the new step reads from first");
        }
        Optional<Operators.Installed> operator = Operators.installed().find(operatorId.strip());
        if (operator.isEmpty()) {
            return showProblem("No operator '" + operatorId + "' is installed (the Operators view lists them)");
        }
        try {
            Pipeline edited = PipelineEdits.addStep(pipeline, operator.get().spec(), source);
            return saveStructure(edited, edited.steps().getLast().id());
        } catch (IllegalArgumentException e) {
            return showProblem(e.getMessage());
        }
    }

    /** Removes step {@code stepId}; returns the problem shown (another step reads from it), or null. */
    String removeStep(String stepId) {
        if (pipeline == null || stepId == null) {
            return showProblem("Select a step first");
        }
        try {
            return saveStructure(PipelineEdits.removeStep(pipeline, stepId), null);
        } catch (IllegalArgumentException e) {
            return showProblem(e.getMessage());
        }
    }

    /** Wires input {@code port} of step {@code stepId} to {@code source}; returns the problem shown, or null. */
    String rewire(String stepId, String port, String source) {
        if (pipeline == null || stepId == null) {
            return showProblem("Select a step first");
        }
        try {
            return saveStructure(PipelineEdits.rewire(pipeline, stepId, port, source), stepId);
        } catch (IllegalArgumentException e) {
            return showProblem(e.getMessage());
        }
    }

    private void askAddStep() {
        InputDialog dialog = new InputDialog(getSite().getShell(), "Add Step", "Operator id of the new step (e.g. "
                + "filter.median; the Operators view lists them). It reads from " + canvas.selected() + ".", "",
                id -> Operators.installed().find(id.strip()).isPresent() ? null : "no such operator installed");
        if (dialog.open() == Window.OK) {
            addStep(dialog.getValue());
        }
    }

    private void askRewire() {
        Step step = pipeline.step(selectedStep);
        String first = step.inputs().keySet().stream().findFirst().orElse("");
        InputDialog dialog = new InputDialog(getSite().getShell(), "Rewire " + step.id(), "PORT=SOURCE: the input ("
                + String.join(", ", step.inputs().keySet()) + ") and the node it reads (an input, a step or "
                + "step.port)", first + "=" + step.inputs().getOrDefault(first, ""),
                text -> text.contains("=") ? null : "PORT=SOURCE");
        if (dialog.open() == Window.OK) {
            String[] parts = dialog.getValue().split("=", 2);
            rewire(step.id(), parts[0].strip(), parts[1].strip());
        }
    }

    /**
     * Computes step {@code stepId} and its downstream on the first sample the pipeline selects, the upstream steps
     * from the view's cache, as a job; the report lists what was computed and what reused.
     *
     * @return the job, or null when nothing can run
     */
    RunFromNodeJob runFrom(String stepId) {
        if (pipeline == null || stepId == null || runningFrom != null) {
            return null;
        }
        RunFromNodeJob job = new RunFromNodeJob(file, pipeline, stepId, interactive, finished -> report.getDisplay()
                .asyncExec(() -> {
                    if (!report.isDisposed()) {
                        report.setText(finished.reportText());
                        runningFrom = null;
                        updateButtons();
                    }
                }));
        report.setText("Running " + pipeline.name() + " from " + stepId + " ...");
        runningFrom = job;
        updateButtons();
        job.schedule();
        return job;
    }

    /**
     * Writes the image outputs of step {@code stepId} from the last run from a node and opens the first in the
     * Image editor.
     *
     * @return the files written (empty when the step has no image output or has not run; the report says why)
     */
    List<java.nio.file.Path> showIntermediate(String stepId) {
        InteractiveRun.Report last = interactive.last();
        if (last == null || stepId == null || !last.steps().containsKey(stepId)) {
            showProblem("Run the pipeline from a node first (Run From Here); then its steps' results can be shown");
            return List.of();
        }
        try {
            List<java.nio.file.Path> files = interactive.writeIntermediate(last, QbiProjects.layout(file.getProject()),
                    stepId);
            file.getProject().getFolder("results").refreshLocal(IResource.DEPTH_INFINITE, null);
            if (files.isEmpty()) {
                showProblem("Step '" + stepId + "' has tables only: " + last.steps().get(stepId).asMap().keySet());
            } else {
                IFile shown = ResourcesPlugin.getWorkspace().getRoot().getFileForLocation(
                        org.eclipse.core.runtime.IPath.fromPath(files.getFirst()));
                if (shown != null) {
                    ImageViewer.open(getSite().getPage(), shown);
                } else {
                    ImageViewer.open(getSite().getPage(), files.getFirst());
                }
            }
            return files;
        } catch (IOException | CoreException | IllegalArgumentException e) {
            showProblem("Cannot show the result of " + stepId + ": " + e.getMessage());
            return List.of();
        }
    }

    IFile file() {
        return file;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    /** The error shown instead of the graph, or null. */
    String problem() {
        return problem;
    }

    PipelineGraph graph() {
        return pipeline == null ? null : PipelineGraph.of(pipeline);
    }

    GraphCanvas canvas() {
        return canvas;
    }

    Text parameterText(String name) {
        return parameterTexts.get(name);
    }

    String parameterProblem() {
        return parameterProblem.getText();
    }

    boolean canRun() {
        return runButton.isEnabled();
    }

    String reportText() {
        return report.getText();
    }
}
