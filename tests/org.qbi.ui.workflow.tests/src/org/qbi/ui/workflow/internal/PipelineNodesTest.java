package org.qbi.ui.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.ui.IEditorReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.project.workspace.QbiProjects;
import org.qbi.ui.viewer.ShownImage;
import org.qbi.workflow.InteractiveRun;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.PipelineFile;
import org.qbi.workflow.Step;

/** The Pipeline view's graph editing, runs from a node (upstream from the cache) and intermediate results. */
class PipelineNodesTest {

    @AfterEach
    void cleanUp() throws Exception {
        WorkflowUi.cleanUp();
    }

    @Test
    void runningFromANodeRecomputesItAndItsDownstreamOnly() throws Exception {
        IProject project = WorkflowUi.project("from-node", "s1");
        IFile file = WorkflowUi.pipeline(project, "count", WorkflowUi.PIPELINE);
        PipelineView view = WorkflowUi.view();
        view.show(file);

        view.select("smooth");
        InteractiveRun.Report first = run(view.runFrom("smooth"));
        assertEquals(List.of("smooth", "mask", "objects", "regions"), first.computed());
        assertEquals(List.of(), first.reused());

        view.select("mask");
        InteractiveRun.Report again = run(view.runFrom("mask"));
        assertEquals(List.of("mask", "objects", "regions"), again.computed(), "the node and its downstream");
        assertEquals(List.of("smooth"), again.reused(), "upstream from the cache");
        waitFor("the report in the view", () -> view.reportText().contains("reused from the cache smooth"));
        // the sample's results are those of a full run: the nuclei of blobs.tif with sigma 1
        Path folder = QbiProjects.layout(project).results().resolve("count").resolve("s1");
        assertEquals(WorkflowUi.COUNT_SIGMA_1, WorkflowUi.rows(folder.resolve("nuclei.csv")));

        // a changed parameter gives the step a new key: it is computed even when running from downstream
        view.select("smooth");
        view.parameterText("sigma").setText("2");
        assertNull(view.saveParameters());
        view.select("objects");
        InteractiveRun.Report changed = run(view.runFrom("objects"));
        assertEquals(List.of("smooth", "mask", "objects", "regions"), changed.computed());
        assertEquals(WorkflowUi.COUNT_SIGMA_2, WorkflowUi.rows(folder.resolve("nuclei.csv")));
    }

    @Test
    void aNodesIntermediateResultOpensInTheImageEditor() throws Exception {
        IProject project = WorkflowUi.project("intermediate", "s1");
        IFile file = WorkflowUi.pipeline(project, "count", WorkflowUi.PIPELINE);
        PipelineView view = WorkflowUi.view();
        view.show(file);
        view.select("smooth");
        assertTrue(view.showIntermediate("smooth").isEmpty(), "nothing to show before a run");
        run(view.runFrom("smooth"));
        view.select("smooth");
        List<Path> files = view.showIntermediate("smooth");
        Path expectedFile = QbiProjects.layout(project).results().resolve("count/intermediate/s1/smooth-smoothed.tif");
        assertEquals(List.of(expectedFile), files);
        waitFor("the intermediate in an Image editor", () -> openPaths().contains(expectedFile));

        // its pixels are the Gaussian's on the sample's image, run directly
        Operators.Installed gaussian = Operators.installed().get("filter.gaussian");
        ImageFormats formats = ImageFormats.installed();
        try (Image blobs = formats.open(QbiProjects.layout(project).raw().resolve("blobs.tif"), null);
                Image shown = formats.open(expectedFile, null)) {
            Image direct = (Image) gaussian.operator().apply(Inputs.of(gaussian.spec(), Map.of("image", blobs)),
                    Arguments.parse(gaussian.spec(), Map.of("sigma", "1")), OperatorContext.of(ProgressMonitor.NULL))
                    .asMap().get("smoothed");
            assertEquals(Fingerprint.of(direct, ProgressMonitor.NULL), Fingerprint.of(shown, ProgressMonitor.NULL));
        }
        // a step with tables only says so
        assertTrue(view.showIntermediate("regions").isEmpty());
        assertTrue(view.reportText().contains("tables only"), view.reportText());
    }

    @Test
    void stepsAreAddedRewiredAndRemovedInTheFile() throws Exception {
        IProject project = WorkflowUi.project("edit-graph", "s1");
        IFile file = WorkflowUi.pipeline(project, "count", WorkflowUi.PIPELINE);
        Path path = file.getLocation().toPath();
        PipelineView view = WorkflowUi.view();
        view.show(file);

        view.select("smooth");
        assertNull(view.addStep("filter.median"));
        Pipeline added = PipelineFile.read(path);
        Step median = added.step("median");
        assertEquals("filter.median", median.operator());
        assertEquals(Map.of("image", "smooth"), median.inputs(), "reads from the selected node");
        assertEquals("median", view.graph().node("median").id());

        assertNull(view.rewire("mask", "image", "median"));
        assertEquals(Map.of("image", "median"), PipelineFile.read(path).step("mask").inputs());
        String cycle = view.rewire("median", "image", "objects");
        assertNotNull(cycle, "objects reads (through mask) from median: a cycle");
        assertTrue(cycle.contains("cycle"), cycle);
        assertEquals(Map.of("image", "smooth"), PipelineFile.read(path).step("median").inputs(), "file unchanged");

        String refused = view.removeStep("median");
        assertNotNull(refused);
        assertTrue(refused.contains("feeds mask"), refused);
        assertNull(view.rewire("mask", "image", "smooth"));
        assertNull(view.removeStep("median"));
        assertEquals(List.of("smooth", "mask", "objects", "regions"),
                PipelineFile.read(path).steps().stream().map(Step::id).toList());
        processEvents();
    }

    private static InteractiveRun.Report run(RunFromNodeJob job) throws InterruptedException {
        assertNotNull(job, "Run From Here is possible");
        job.join();
        assertEquals(IStatus.OK, job.getResult().getSeverity(), job.getResult() + " " + job.reportText());
        assertNotNull(job.result(), job.reportText());
        processEvents();
        return job.result();
    }

    private static List<Path> openPaths() {
        List<Path> paths = new java.util.ArrayList<>();
        for (IEditorReference reference : page().getEditorReferences()) {
            ShownImage shown = ShownImage.of(reference.getEditor(false));
            if (shown != null) {
                paths.add(shown.path());
            }
        }
        return paths;
    }
}
