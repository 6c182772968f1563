package org.qbi.ui.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.IEditorReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.PixelType;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.testing.SharedData;
import org.qbi.ops.Arguments;
import org.qbi.ops.Operators;
import org.qbi.ops.filters.GaussianFilter;
import org.qbi.ops.testing.OpTesting;
import org.qbi.project.workspace.QbiProjects;
import org.qbi.ui.ops.OperatorViews;
import org.qbi.ui.ops.testops.UntilCancelled;
import org.qbi.ui.viewer.ShownImage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Run: a job writing into results/ with provenance, values as the operator's own, never overwriting, cancel. */
class RunTest {

    @AfterEach
    void cleanUp() throws Exception {
        OpsUi.cleanUp();
    }

    @Test
    void theGaussianWritesItsResultAndProvenanceIntoResultsAndOpensIt() throws Exception {
        IProject project = OpsUi.project("run-test");
        Path source = SharedData.file("tiff/8bit/blobs.tif");
        IFile blobs = OpsUi.importRaw(project, source);
        OpsUi.openImage(blobs);
        OperatorFormView form = OpsUi.form("filter.gaussian");
        OpsUi.choose(form.inputCombo("image"), "blobs.tif");
        OpsUi.type(form, "sigma", "2");
        OpsUi.choose((org.eclipse.swt.widgets.Combo) form.field("mode").control(), "nearest");

        RunOperatorJob job = form.run();
        assertNotNull(job, "Run is enabled");
        job.join();
        assertEquals(IStatus.OK, job.getResult().getSeverity(), job.getResult().toString());
        Path results = QbiProjects.layout(project).results();
        Path written = results.resolve("blobs-filter.gaussian.tif");
        assertEquals(written, job.result().files().get("smoothed"));

        // the values are the operator's own on the same input (float32 in TIFF: exact)
        ArrayImage input = OpTesting.open(blobs.getLocation().toPath());
        ArrayImage expected = (ArrayImage) OpTesting.run(new GaussianFilter(), input, "sigma=2", "mode=nearest").image();
        ArrayImage actual = OpTesting.open(written);
        assertEquals(PixelType.FLOAT32, actual.header().pixelType());
        OpTesting.assertIdentical(expected, actual, "the form's run against the operator run directly");

        // provenance: what ran, with which parameters (every one, defaults too), on what, giving what
        Path sidecar = results.resolve("blobs-filter.gaussian.tif.provenance.json");
        assertEquals(sidecar, job.result().provenance());
        JsonNode step = new ObjectMapper().readTree(sidecar.toFile()).get("step");
        assertEquals("filter.gaussian", step.get("operator").asText());
        assertEquals("org.qbi.ops.filters", step.get("plugin").asText());
        assertEquals("2 px", step.get("parameters").get("sigma").asText());
        assertEquals("4", step.get("parameters").get("truncate").asText());
        assertEquals("nearest", step.get("parameters").get("mode").asText());
        assertEquals(blobs.getLocation().toPath().toString(), step.get("inputs").get("image").get("location").asText());
        assertEquals(Fingerprint.of(input, ProgressMonitor.NULL), step.get("inputs").get("image").get("fingerprint").asText());
        assertEquals(written.toString(), step.get("outputs").get("smoothed").get("location").asText());
        assertEquals(Fingerprint.of(actual, ProgressMonitor.NULL), step.get("outputs").get("smoothed").get("fingerprint").asText());

        // the result opens in the Image editor and is in the workspace
        waitFor("the result in an Image editor", () -> openPaths().contains(written));
        assertTrue(project.getFile("results/blobs-filter.gaussian.tif").exists(), "results/ refreshed");

        // a second run never overwrites: the next number
        RunOperatorJob again = form.run();
        again.join();
        assertEquals(IStatus.OK, again.getResult().getSeverity());
        assertEquals(results.resolve("blobs-filter.gaussian-2.tif"), again.result().files().get("smoothed"));
        assertTrue(Files.exists(results.resolve("blobs-filter.gaussian-2.tif.provenance.json")));
        OpTesting.assertIdentical(actual, OpTesting.open(written), "the first result is untouched");
    }

    @Test
    void aTableOutputIsWrittenAsCsvAndShown() throws Exception {
        IProject project = OpsUi.project("table-test");
        IFile head = OpsUi.importRaw(project, SharedData.file("tiff/3d/mini-t1-head.tif"));
        OperatorFormView form = OpsUi.form("test.plane_means");
        OpsUi.choose(form.inputCombo("image"), "table-test/raw/mini-t1-head.tif");
        RunOperatorJob job = form.run();
        job.join();
        assertEquals(IStatus.OK, job.getResult().getSeverity(), job.getResult().toString());
        Path csv = QbiProjects.layout(project).results().resolve("mini-t1-head-test.plane_means.csv");
        assertEquals(csv, job.result().files().get("means"));
        List<String> lines = Files.readAllLines(csv);
        ArrayImage image = OpTesting.open(head.getLocation().toPath());
        double[] values = OpTesting.values(image);
        long[] dims = image.header().dimensions();
        assertEquals(dims[2] + 1, lines.size(), "a header and one row per plane");
        waitFor("the Result Table view", () -> page().findView(OperatorViews.TABLE_VIEW_ID) != null
                && ((ResultTableView) page().findView(OperatorViews.TABLE_VIEW_ID)).table().getItemCount() == dims[2]);
        ResultTableView view = (ResultTableView) page().findView(OperatorViews.TABLE_VIEW_ID);
        int plane = (int) (dims[0] * dims[1]);
        for (int z = 0; z < dims[2]; z++) {
            double sum = 0;
            for (int i = 0; i < plane; i++) {
                sum += values[z * plane + i];
            }
            assertEquals(sum / plane, Double.parseDouble(view.table().getItem(z).getText(1)), 1e-9, "plane " + z);
        }
    }

    @Test
    void cancelStopsTheRunAndLeavesNothingBehind() throws Exception {
        IProject project = OpsUi.project("cancel-test");
        OpsUi.importRaw(project, SharedData.file("tiff/8bit/blobs.tif"));
        OperatorFormView form = OpsUi.form("test.until_cancelled");
        OpsUi.choose(form.inputCombo("image"), "cancel-test/raw/blobs.tif");
        int before = UntilCancelled.STARTED.get();
        RunOperatorJob job = form.run();
        waitFor("the operator to start", () -> UntilCancelled.STARTED.get() > before);
        assertEquals(Job.RUNNING, job.getState());
        long started = System.nanoTime();
        job.cancel();
        job.join();
        processEvents();
        assertEquals(IStatus.CANCEL, job.getResult().getSeverity());
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "stops within seconds, not at the end of its work");
        Path results = QbiProjects.layout(project).results();
        try (Stream<Path> files = Files.list(results)) {
            assertEquals(List.of(), files.toList(), "nothing left in results/");
        }
        assertEquals(null, job.result());
    }

    @Test
    void theOperatorsProgressReachesTheJobsProgressBar() throws Exception {
        IProject project = OpsUi.project("progress-test");
        IFile blobs = OpsUi.importRaw(project, SharedData.file("tiff/8bit/blobs.tif"));
        Operators.Installed operator = Operators.installed().get("test.until_cancelled");
        RunOperatorJob job = new RunOperatorJob(new RunOperatorJob.Request(operator,
                Arguments.parse(operator.spec(), Map.of("steps", "40")),
                Map.of("image", new InputChoice("blobs", blobs.getLocation().toPath(), null)), project), r -> {
                });
        // the job's own monitor, as the Progress view's bar gets it (run directly: same package)
        AtomicReference<Double> worked = new AtomicReference<>(0.0);
        java.util.concurrent.atomic.AtomicInteger steps = new java.util.concurrent.atomic.AtomicInteger();
        AtomicReference<Integer> total = new AtomicReference<>();
        IProgressMonitor bar = new NullProgressMonitor() {
            @Override
            public void beginTask(String name, int totalWork) {
                total.set(totalWork);
            }

            @Override
            public void internalWorked(double work) {
                worked.accumulateAndGet(work, Double::sum);
                steps.incrementAndGet();
            }

            @Override
            public void worked(int work) {
                internalWorked(work);
            }
        };
        IStatus status = job.run(bar);
        assertEquals(IStatus.OK, status.getSeverity(), status.toString());
        // (SubMonitor begins its root at its own resolution; what counts is that the bar fills once, in steps)
        assertTrue(total.get() > 0);
        assertEquals(total.get(), worked.get(), 1.0, "the whole run reported");
        assertTrue(steps.get() >= 40, "step by step as the operator works, not at the end: " + steps.get() + " reports");
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
