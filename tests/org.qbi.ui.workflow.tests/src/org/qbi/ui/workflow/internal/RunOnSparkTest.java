package org.qbi.ui.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.shell;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qbi.examples.ExampleProject;
import org.qbi.project.workspace.QbiProjects;
import org.qbi.workflow.SampleOutcome;
import org.qbi.workflow.SparkRun;

/**
 * Run on Spark in the workbench: the example's nuclei pipeline on Spark local[2] as a job (the job jar the build
 * made, in a process of its own), its progress counting every sample, its report in the Pipeline view, results/
 * refreshed and its table byte for byte the local run's. A missing job jar names the preference to set. Skipped
 * with a message when the job jar has not been built (spark/org.qbi.spark).
 */
class RunOnSparkTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("qbi.repository", "."));

    private String savedJob;

    @BeforeEach
    void keepPreferences() {
        savedJob = SparkPreferences.store().getString(SparkPreferences.JOB_JAR);
    }

    @AfterEach
    void cleanUp() throws Exception {
        SparkPreferences.store().setValue(SparkPreferences.JOB_JAR, savedJob);
        WorkflowUi.cleanUp();
    }

    @Test
    void theCommandAndThePreferencePageAreContributed() {
        var window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        assertTrue(window.getService(ICommandService.class).getCommand("org.qbi.ui.commands.runOnSpark").isDefined());
        assertNotNull(PlatformUI.getWorkbench().getPreferenceManager().find("org.qbi.ui.preferences.general/"
                + SparkPreferences.PAGE_ID), "Window > Preferences > QBI Workbench > Spark");
        assertEquals("local[*]", SparkPreferences.store().getDefaultString(SparkPreferences.MASTER));
    }

    @Test
    void aMissingJobJarNamesThePreferenceToSet() throws Exception {
        IProject project = WorkflowUi.project("spark-no-jar", "blobs");
        IFile file = WorkflowUi.pipeline(project, "count", WorkflowUi.PIPELINE);
        SparkPreferences.store().setValue(SparkPreferences.JOB_JAR, "/nonexistent/qbi-job.jar");
        SparkRun.SetupException e = assertThrows(SparkRun.SetupException.class, () -> SparkPreferences.run(
                Path.of(file.getLocationURI()), Path.of(project.getLocationURI()), "local[2]"));
        assertEquals(SparkRun.Setting.JOB_JAR, e.setting());
        assertTrue(e.getMessage().contains("/nonexistent/qbi-job.jar"), e.getMessage());
        assertEquals("Job jar", SparkPreferences.label(e.setting()));
    }

    @Test
    void theExamplePipelineRunsOnSparkWithProgressPerSampleAndTheLocalRunsTable() throws Exception {
        Path target = REPOSITORY.resolve("spark/org.qbi.spark/target");
        Path job;
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            job = files.filter(f -> f.getFileName().toString().endsWith("-job.jar")).findFirst().orElse(null);
        }
        assumeTrue(job != null && Files.isRegularFile(target.resolve(SparkPreferences.CLASSPATH_FILE_NAME)),
                "the Spark job jar is not built in " + target + " (build spark/org.qbi.spark first)");
        IPreferenceStore prefs = SparkPreferences.store();
        // the class path file is found beside the job jar, where the build writes both
        prefs.setValue(SparkPreferences.JOB_JAR, job.toString());
        assertEquals("", prefs.getString(SparkPreferences.CLASSPATH_FILE));

        IProject local = example("QBI Example local");
        IProject spark = example("QBI Example spark");
        RunPipelineJob localRun = RunPipelineHandler.run(page(), local.getFile(ShowExampleAnalysisHandler.PIPELINE));
        localRun.join();
        assertEquals(IStatus.OK, localRun.getResult().getSeverity(), localRun.report());
        PipelineView view = WorkflowUi.view();
        waitFor("the local run's report", () -> view.reportText().startsWith("nuclei: 2 done"));

        SparkRunJob run = RunOnSparkHandler.start(shell(), page(), spark.getFile(ShowExampleAnalysisHandler.PIPELINE),
                "local[2]");
        assertNotNull(run, "the settings are complete");
        assertNull(RunOnSparkHandler.start(shell(), page(), spark.getFile(ShowExampleAnalysisHandler.PIPELINE),
                "local[2]"), "one run at a time");
        run.join();

        assertEquals(IStatus.OK, run.getResult().getSeverity(), run.getResult() + "\n" + run.report());
        assertEquals(2, run.samplesTotal(), "the example's two microscopy samples");
        assertEquals(2, run.samplesReported(), "progress reached 100 %");
        assertEquals(2, run.summary().count(SampleOutcome.Status.DONE), run.report());
        assertTrue(run.getName().endsWith("on Spark local[2]"), run.getName());
        waitFor("the Spark run's report in the Pipeline view", () -> view.reportText().startsWith("nuclei: 2 done"));
        assertTrue(view.reportText().contains("Table nuclei: " + (60 + 316) + " rows"), view.reportText());
        assertTrue(spark.getFile("results/nuclei/nuclei.csv").exists(), "results/ refreshed in the workspace");
        assertTrue(spark.getFile("results/nuclei/nuclei.parquet").exists(), "Spark's Parquet copy");
        Path localTable = QbiProjects.layout(local).results().resolve("nuclei/nuclei.csv");
        Path sparkTable = QbiProjects.layout(spark).results().resolve("nuclei/nuclei.csv");
        assertArrayEquals(Files.readAllBytes(localTable), Files.readAllBytes(sparkTable),
                "the table on Spark equals the local run's, byte for byte");
    }

    /** A copy of the example project in the workspace, without results. */
    private static IProject example(String name) throws Exception {
        Path root = Path.of(ResourcesPlugin.getWorkspace().getRoot().getLocationURI());
        ExampleProject.materialize(root.resolve(name));
        return QbiProjects.create(name, null, new NullProgressMonitor());
    }
}
