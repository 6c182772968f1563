package org.qbi.ui.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qbi.io.testing.TestFiles;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.project.workspace.QbiProjects;
import org.qbi.workflow.SampleOutcome;

/** Run Pipeline: a job writing results/NAME/SAMPLE/, skipping up-to-date samples, cancellable, reporting errors. */
class PipelineRunTest {

    @AfterEach
    void cleanUp() throws Exception {
        WorkflowUi.cleanUp();
    }

    @Test
    void theHandlersJobWritesTheResultsAndASecondRunSkipsThem() throws Exception {
        IProject project = WorkflowUi.project("run-pipeline", "blobs");
        IFile file = WorkflowUi.pipeline(project, "count", WorkflowUi.PIPELINE);

        RunPipelineJob job = RunPipelineHandler.run(page(), file);
        assertNotNull(job, "the pipeline reads and runs");
        job.join();
        assertEquals(IStatus.OK, job.getResult().getSeverity(), job.getResult().toString());
        assertEquals(1, job.summary().count(SampleOutcome.Status.DONE), job.report());

        Path folder = QbiProjects.layout(project).results().resolve("count").resolve("blobs");
        assertTrue(Files.isRegularFile(folder.resolve("labels.tif")), "the kept image");
        assertTrue(Files.isRegularFile(folder.resolve("provenance.json")), "the provenance record");
        // one row per nucleus: scipy/scikit-image find as many with the same steps (data/blobs_counts.txt)
        assertEquals(WorkflowUi.COUNT_SIGMA_1, WorkflowUi.rows(folder.resolve("nuclei.csv")));
        assertTrue(project.getFile("results/count/blobs/nuclei.csv").exists(), "results/ refreshed in the workspace");

        PipelineView view = WorkflowUi.view();
        waitFor("the run's report in the Pipeline view", () -> view.reportText().startsWith("count: 1 done"));
        assertTrue(view.reportText().contains("Table nuclei: " + WorkflowUi.COUNT_SIGMA_1 + " rows"),
                view.reportText());

        long modified = Files.getLastModifiedTime(folder.resolve("nuclei.csv")).toMillis();
        RunPipelineJob again = RunPipelineHandler.run(page(), file);
        again.join();
        assertEquals(IStatus.OK, again.getResult().getSeverity());
        assertEquals(1, again.summary().count(SampleOutcome.Status.SKIPPED), again.report());
        assertEquals(0, again.summary().count(SampleOutcome.Status.DONE));
        assertEquals(modified, Files.getLastModifiedTime(folder.resolve("nuclei.csv")).toMillis(), "left alone");
        waitFor("the second report", () -> view.reportText().startsWith("count: 0 done, 1 skipped as up to date"));
    }

    @Test
    void cancellingKeepsTheFinishedSamplesAndReportsTheOthersCancelled() throws Exception {
        String[] ids = { "s1", "s2", "s3", "s4", "s5", "s6" };
        IProject project = WorkflowUi.project("cancel-pipeline", ids);
        IFile file = WorkflowUi.pipeline(project, "count", WorkflowUi.PIPELINE);
        RunPipelineJob job = new RunPipelineJob(file, RunPipelineJob.load(file), finished -> {
        });
        // the user presses Cancel as soon as the first sample is done
        IStatus status = job.run(new NullProgressMonitor() {
            @Override
            public void worked(int work) {
                setCanceled(true);
            }

            @Override
            public void internalWorked(double work) {
                setCanceled(true);
            }
        });
        assertEquals(IStatus.CANCEL, status.getSeverity());
        long done = job.summary().count(SampleOutcome.Status.DONE);
        long cancelled = job.summary().count(SampleOutcome.Status.CANCELLED);
        assertTrue(done >= 1 && cancelled >= 1, job.report());
        assertEquals(ids.length, done + cancelled, job.report());
        assertTrue(job.report().contains("cancelled"), job.report());
        Path results = QbiProjects.layout(project).results().resolve("count");
        for (SampleOutcome outcome : job.summary().outcomes()) {
            Path csv = results.resolve(outcome.sample()).resolve("nuclei.csv");
            if (outcome.status() == SampleOutcome.Status.DONE) {
                assertEquals(WorkflowUi.COUNT_SIGMA_1, WorkflowUi.rows(csv), outcome.sample());
            } else {
                assertFalse(Files.exists(csv), "nothing of cancelled sample " + outcome.sample());
            }
        }

        // the next run does the cancelled samples only
        RunPipelineJob resumed = new RunPipelineJob(file, RunPipelineJob.load(file), finished -> {
        });
        assertEquals(IStatus.OK, resumed.run(new NullProgressMonitor()).getSeverity());
        assertEquals(done, resumed.summary().count(SampleOutcome.Status.SKIPPED), resumed.report());
        assertEquals(cancelled, resumed.summary().count(SampleOutcome.Status.DONE), resumed.report());
    }

    @Test
    void aCorruptSampleIsReportedWithItsReasonAndTheOthersRun() throws Exception {
        IProject project = WorkflowUi.project("corrupt-sample", "good");
        ProjectLayout layout = QbiProjects.layout(project);
        Path broken = layout.raw().resolve("broken.tif");
        Files.copy(layout.raw().resolve("blobs.tif"), broken);
        TestFiles.truncate(broken, 4000);
        SampleCatalog catalog = SampleCatalog.load(layout.catalogFile());
        catalog.put(new Sample("broken", "A", "", List.of(layout.relativize(broken))));
        catalog.save(layout.catalogFile());
        IFile file = WorkflowUi.pipeline(project, "count", WorkflowUi.PIPELINE);

        RunPipelineJob job = RunPipelineHandler.run(page(), file);
        job.join();
        assertEquals(IStatus.OK, job.getResult().getSeverity(), "a failed sample is reported, not an error dialog");
        assertEquals(1, job.summary().count(SampleOutcome.Status.DONE), job.report());
        assertEquals(1, job.summary().count(SampleOutcome.Status.FAILED), job.report());
        assertTrue(job.report().startsWith("count: 1 done, 0 skipped as up to date, 1 failed"), job.report());
        assertTrue(job.report().contains("FAILED broken: ") && job.report().contains("broken.tif"), job.report());
        assertEquals(WorkflowUi.COUNT_SIGMA_1, WorkflowUi.rows(layout.results().resolve("count/good/nuclei.csv")));
    }

    @Test
    void aYamlErrorIsShownWithTheFileAndLineAndNothingRuns() throws Exception {
        IProject project = WorkflowUi.project("broken-pipeline", "blobs");
        IFile file = WorkflowUi.pipeline(project, "broken", """
                qbi-pipeline: 1
                name: broken
                steps:
                  - id: smooth
                    op: [filter.gaussian
                """);
        assertNull(RunPipelineHandler.run(page(), file), "a pipeline that does not read does not run");
        PipelineView view = WorkflowUi.view();
        assertNotNull(view.problem());
        assertTrue(view.problem().startsWith(file.getLocation().toOSString() + ": not valid YAML at line "),
                view.problem());
        assertFalse(Files.exists(QbiProjects.layout(project).results().resolve("broken")));
    }

    @Test
    void aPipelineSelectingNoSampleSaysSo() throws Exception {
        IProject project = WorkflowUi.project("no-sample", "blobs");
        IFile file = WorkflowUi.pipeline(project, "count", WorkflowUi.PIPELINE.replace("name: count",
                "name: count\nsamples: group=none"));
        RunPipelineJob job = RunPipelineHandler.run(page(), file);
        job.join();
        assertNull(job.summary(), "nothing ran");
        assertTrue(job.report().contains("matches 'group=none'"), job.report());
    }
}
