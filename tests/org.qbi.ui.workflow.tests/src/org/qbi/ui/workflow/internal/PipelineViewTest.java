package org.qbi.ui.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.shell;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qbi.project.workspace.QbiProjects;
import org.qbi.ui.workbench.QbiPerspectives;
import org.qbi.ui.workflow.PipelineViews;
import org.qbi.workflow.PipelineFile;
import org.qbi.workflow.SampleOutcome;

/** The Pipeline view: the graph of the selected file, parameters checked and saved into it, Run. */
class PipelineViewTest {

    @AfterEach
    void cleanUp() throws Exception {
        WorkflowUi.cleanUp();
    }

    @Test
    void theGraphHasTheInputsAndStepsInLayersWiredAsInTheFile() throws Exception {
        IProject project = WorkflowUi.project("graph", "blobs");
        IFile file = WorkflowUi.pipeline(project, "count", WorkflowUi.PIPELINE);
        PipelineView view = WorkflowUi.view();
        view.show(file);
        PipelineGraph graph = view.graph();
        assertEquals(List.of(new PipelineGraph.Node("image", null, 0, 0),
                new PipelineGraph.Node("smooth", "filter.gaussian", 1, 0),
                new PipelineGraph.Node("mask", "threshold.otsu", 2, 0),
                new PipelineGraph.Node("objects", "segment.label", 3, 0),
                new PipelineGraph.Node("regions", "measure.regions", 4, 0)), graph.nodes());
        assertEquals(List.of(new PipelineGraph.Edge("image", "smooth", "image"),
                new PipelineGraph.Edge("smooth", "mask", "image"),
                new PipelineGraph.Edge("mask", "objects", "mask"),
                new PipelineGraph.Edge("objects", "regions", "labels"),
                new PipelineGraph.Edge("image", "regions", "image")), graph.edges());

        // a click on a box selects that step: its operator's parameters appear, with the file's values
        Rectangle box = GraphCanvas.bounds(graph.node("smooth"));
        Event click = new Event();
        click.x = box.x + 5;
        click.y = box.y + 5;
        click.button = 1;
        view.canvas().notifyListeners(SWT.MouseDown, click);
        processEvents();
        assertEquals("1", view.parameterText("sigma").getText());
        assertEquals("", view.parameterText("truncate").getText(), "not in the file: the default");
        assertNotNull(view.parameterText("mode"));

        // the file changed elsewhere (a text editor): the graph follows, the step stays selected
        IFile edited = WorkflowUi.pipeline(project, "count", WorkflowUi.PIPELINE.replace("sigma: 1", "sigma: 3"));
        assertEquals(file, edited);
        waitFor("the view reloaded", () -> "3".equals(view.parameterText("sigma").getText()));
    }

    @Test
    void selectingAPipelineFileInTheProjectExplorerShowsIt() throws Exception {
        IProject project = WorkflowUi.project("selection", "blobs");
        IFile file = WorkflowUi.pipeline(project, "count", WorkflowUi.PIPELINE);
        PipelineView view = WorkflowUi.view();
        CommonNavigator explorer = (CommonNavigator) page().showView("org.eclipse.ui.navigator.ProjectExplorer");
        explorer.selectReveal(new StructuredSelection(file));
        waitFor("the Pipeline view showing the selected file", () -> file.equals(view.file()));
        assertEquals("count", view.pipeline().name());

        // Run Pipeline on the selection, as from the Project Explorer's context menu
        page().activate(explorer);
        processEvents();
        IHandlerService handlers = PlatformUI.getWorkbench().getService(IHandlerService.class);
        handlers.executeCommand(PipelineViews.RUN_COMMAND_ID, null);
        Job.getJobManager().join(RunPipelineJob.FAMILY, null);
        waitFor("the run's report", () -> view.reportText().startsWith("count: 1 done"));
        assertEquals(WorkflowUi.COUNT_SIGMA_1, WorkflowUi.rows(QbiProjects.layout(project).results()
                .resolve("count/blobs/nuclei.csv")));
    }

    @Test
    void anEditedParameterIsCheckedSavedIntoTheFileAndUsedByTheNextRun() throws Exception {
        IProject project = WorkflowUi.project("edit", "blobs");
        IFile file = WorkflowUi.pipeline(project, "count", WorkflowUi.PIPELINE);
        Path path = file.getLocation().toFile().toPath();
        page().setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry()
                .findPerspectiveWithId(QbiPerspectives.PROCESS));
        page().resetPerspective();
        PipelineView view = WorkflowUi.view();
        view.show(file);
        view.select("smooth");

        // a value the operator refuses: its message, and the file is untouched
        String before = Files.readString(path);
        view.parameterText("sigma").setText("-1");
        String problem = view.saveParameters();
        assertNotNull(problem);
        assertTrue(problem.startsWith("Parameter 'sigma'"), problem);
        assertEquals(problem, view.parameterProblem());
        assertEquals(before, Files.readString(path));

        view.parameterText("sigma").setText("2");
        view.parameterText("mode").setText("nearest");
        assertNull(view.saveParameters());
        assertEquals("2", PipelineFile.read(path).step("smooth").parameters().get("sigma"));
        assertEquals("nearest", PipelineFile.read(path).step("smooth").parameters().get("mode"));
        assertEquals("2", view.parameterText("sigma").getText(), "the step stays selected, with the saved values");
        // the other steps are as they were
        assertEquals(PipelineFile.parse(WorkflowUi.PIPELINE, "original").step("objects"),
                PipelineFile.read(path).step("objects"));

        view.parameterText("mode").setText("");
        assertNull(view.saveParameters());
        assertNull(PipelineFile.read(path).step("smooth").parameters().get("mode"), "blank: back to the default");

        RunPipelineJob job = view.run();
        assertNotNull(job);
        assertTrue(!view.canRun() && view.run() == null, "one run at a time");
        job.join();
        assertEquals(IStatus.OK, job.getResult().getSeverity(), job.getResult().toString());
        assertEquals(1, job.summary().count(SampleOutcome.Status.DONE));
        Path csv = QbiProjects.layout(project).results().resolve("count/blobs/nuclei.csv");
        assertEquals(WorkflowUi.COUNT_SIGMA_2, WorkflowUi.rows(csv), "sigma 2 as scipy/scikit-image count it");
        waitFor("the report", () -> view.reportText().startsWith("count: 1 done"));
        assertTrue(view.canRun(), "Run again once the run has ended");
        view.select("objects");
        // the user guide's picture: the view maximized, as when one works on a pipeline
        page().setPartState(page().findViewReference(PipelineViews.PIPELINE_VIEW_ID), IWorkbenchPage.STATE_MAXIMIZED);
        processEvents();
        screenshot();
        page().setPartState(page().findViewReference(PipelineViews.PIPELINE_VIEW_ID), IWorkbenchPage.STATE_RESTORED);
    }

    /** With QBI_SCREENSHOT set, saves the workbench window there as PNG (the user guide's picture). */
    private static void screenshot() {
        String target = System.getenv("QBI_SCREENSHOT");
        if (target == null) {
            return;
        }
        shell().forceActive();
        long until = System.currentTimeMillis() + 1000;
        waitFor("the window painted", () -> System.currentTimeMillis() > until);
        Rectangle bounds = shell().getBounds();
        Image image = new Image(shell().getDisplay(), bounds.width, bounds.height);
        GC gc = new GC(shell().getDisplay());
        try {
            gc.copyArea(image, bounds.x, bounds.y);
            ImageLoader loader = new ImageLoader();
            loader.data = new org.eclipse.swt.graphics.ImageData[] { image.getImageData() };
            loader.save(target, SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
