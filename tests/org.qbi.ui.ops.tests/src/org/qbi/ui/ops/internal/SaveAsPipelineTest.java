package org.qbi.ui.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IEditorReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.Metadata;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.io.testing.SharedData;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.project.workspace.QbiProjects;
import org.qbi.ui.viewer.ShownImage;
import org.qbi.workflow.LocalExecutor;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.PipelineFile;
import org.qbi.workflow.RunSummary;
import org.qbi.workflow.SampleOutcome;
import org.qbi.workflow.Step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Interactive work recorded as a pipeline: three operators run from the form (Gaussian, Otsu on its result, labels
 * of that mask), saved as a pipeline file, re-run headless on the same image: the same pixels (fingerprints).
 */
class SaveAsPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void cleanUp() throws Exception {
        OpsUi.cleanUp();
    }

    @Test
    void threeRunsBecomeAPipelineThatReproducesThemHeadless() throws Exception {
        IProject project = OpsUi.project("record-test");
        SessionRuns.clear(project);
        IFile blobs = OpsUi.importRaw(project, SharedData.file("tiff/8bit/blobs.tif"));
        ProjectLayout layout = QbiProjects.layout(project);
        SampleCatalog catalog = new SampleCatalog();
        catalog.put(new Sample("blobs", "A", "", List.of(layout.relativize(blobs.getLocation().toPath()))));
        catalog.save(layout.catalogFile());
        byte[] source = Files.readAllBytes(blobs.getLocation().toPath());
        OpsUi.openImage(blobs);

        List<RunOperatorJob.Result> runs = new ArrayList<>();
        OperatorFormView form = OpsUi.form("filter.gaussian");
        OpsUi.choose(form.inputCombo("image"), "blobs.tif");
        OpsUi.type(form, "sigma", "2");
        runs.add(run(form));
        Path smoothed = runs.get(0).files().get("smoothed");

        form = OpsUi.form("threshold.otsu");
        chooseContaining(form.inputCombo("image"), smoothed.getFileName().toString());
        runs.add(run(form));
        Path mask = runs.get(1).files().get("mask");

        form = OpsUi.form("segment.label");
        chooseContaining(form.inputCombo("mask"), mask.getFileName().toString());
        OpsUi.type(form, "connectivity", "8");
        runs.add(run(form));

        // Save as Pipeline: a readable pipeline wired as the session ran
        Path file = SessionRuns.saveAsPipeline(project, "recorded");
        assertEquals(layout.pipelines().resolve("recorded.yaml"), file);
        assertTrue(project.getFile("pipelines/recorded.yaml").exists(), "refreshed into the workspace");
        Pipeline pipeline = PipelineFile.read(file);
        assertEquals(List.of("image"), List.copyOf(pipeline.inputs().keySet()));
        assertEquals(List.of("gaussian", "otsu", "label"), pipeline.steps().stream().map(Step::id).toList());
        assertEquals(Map.of("image", "image"), pipeline.step("gaussian").inputs());
        assertEquals(Map.of("image", "gaussian.smoothed"), pipeline.step("otsu").inputs());
        assertEquals(Map.of("mask", "otsu.mask"), pipeline.step("label").inputs());
        assertEquals("2 px", pipeline.step("gaussian").parameters().get("sigma"));
        assertEquals("8", pipeline.step("label").parameters().get("connectivity"));
        assertThrows(IllegalArgumentException.class, () -> SessionRuns.saveAsPipeline(project, "recorded"),
                "an existing pipeline is never overwritten");

        // headless on the same image: every image the session wrote, pixel for pixel
        RunSummary summary = LocalExecutor.installed().run(pipeline, layout, catalog.samples(),
                LocalExecutor.Options.defaults().withStore(false), ProgressMonitor.NULL);
        assertEquals(1, summary.count(SampleOutcome.Status.DONE), summary.describe());
        Path results = LocalExecutor.resultsFolder(layout, pipeline).resolve("blobs");
        JsonNode provenance = JSON.readTree(results.resolve("provenance.json").toFile());
        Map<String, String> sessionFingerprints = new LinkedHashMap<>();
        Map<String, Path> sessionFiles = new LinkedHashMap<>();
        List<String> ids = List.of("gaussian", "otsu", "label");
        for (int i = 0; i < runs.size(); i++) {
            JsonNode outputs = JSON.readTree(runs.get(i).provenance().toFile()).path("step").path("outputs");
            for (Map.Entry<String, JsonNode> out : outputs.properties()) {
                sessionFingerprints.put(ids.get(i) + "." + out.getKey(), out.getValue().path("fingerprint").asText());
                sessionFiles.put(ids.get(i) + "." + out.getKey(), runs.get(i).files().get(out.getKey()));
            }
        }
        int images = 0;
        ImageFormats formats = ImageFormats.installed();
        for (Pipeline.Output output : pipeline.outputs()) {
            if (output.isTable()) {
                assertTrue(Files.isRegularFile(results.resolve(output.table() + ".csv")), output.table());
                continue;
            }
            String recorded = sessionFingerprints.get(output.reference());
            assertNotNull(recorded, output.reference());
            assertEquals(recorded, provenance.path("outputs").path(output.file()).path("fingerprint").asText(),
                    output.reference() + ": the pipeline's result is the session's");
            try (Image again = formats.open(results.resolve(output.file()), null);
                    Image before = formats.open(sessionFiles.get(output.reference()), null)) {
                assertEquals(Fingerprint.of(before, ProgressMonitor.NULL), Fingerprint.of(again, ProgressMonitor.NULL),
                        output.reference() + ": the files too");
                // the written image keeps its provenance in its own metadata
                JsonNode kept = JSON.readTree(again.header().metadata().text(Metadata.PROVENANCE).orElseThrow());
                assertEquals("recorded", kept.path("pipeline").asText());
                assertEquals(output.file(), kept.path("output").path("file").asText());
            }
            images++;
        }
        assertEquals(3, images, "smoothed, mask and labels");
        assertTrue(java.util.Arrays.equals(source, Files.readAllBytes(blobs.getLocation().toPath())),
                "the source image is never modified");
    }

    private static RunOperatorJob.Result run(OperatorFormView form) throws InterruptedException {
        RunOperatorJob job = form.run();
        assertNotNull(job, "Run is enabled");
        job.join();
        assertEquals(IStatus.OK, job.getResult().getSeverity(), job.getResult().toString());
        RunOperatorJob.Result result = job.result();
        Path image = result.files().entrySet().stream().filter(e -> !result.tables().containsKey(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        waitFor("the result in an Image editor", () -> openPaths().contains(image));
        processEvents();
        return job.result();
    }

    /** Chooses the item of {@code combo} naming {@code fileName} (an open editor's or a project file's label). */
    private static void chooseContaining(Combo combo, String fileName) {
        waitFor(fileName + " offered", () -> List.of(combo.getItems()).stream().anyMatch(i -> i.contains(fileName)));
        String[] items = combo.getItems();
        for (int i = 0; i < items.length; i++) {
            if (items[i].contains(fileName)) {
                combo.select(i);
                combo.notifyListeners(SWT.Selection, new Event());
                processEvents();
                return;
            }
        }
    }

    private static List<Path> openPaths() {
        List<Path> paths = new ArrayList<>();
        for (IEditorReference reference : page().getEditorReferences()) {
            ShownImage shown = ShownImage.of(reference.getEditor(false));
            if (shown != null) {
                paths.add(shown.path());
            }
        }
        return paths;
    }
}
