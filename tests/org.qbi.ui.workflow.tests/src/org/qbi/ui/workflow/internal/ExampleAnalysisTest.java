package org.qbi.ui.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qbi.examples.ExampleProject;
import org.qbi.project.workspace.QbiProjects;
import org.qbi.ui.workbench.QbiPerspectives;
import org.qbi.workflow.SampleOutcome;

/**
 * The workbench opens the example project with its analysis: the cell-counting pipeline in the Process
 * perspective's Pipeline view, run over the example's two microscopy images (60 and 316 nuclei, scikit-image's
 * counts with the same steps; see org.qbi.examples' tests), its tables in the view's report.
 */
class ExampleAnalysisTest {

    private IProject project;

    @AfterEach
    void deleteProject() throws Exception {
        if (project != null) {
            project.delete(true, true, new NullProgressMonitor());
        }
    }

    @Test
    void theExamplePipelineRunsAndItsResultsShow() throws Exception {
        var window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        assertTrue(window.getService(ICommandService.class).getCommand(ShowExampleAnalysisHandler.COMMAND_ID)
                .isDefined(), "the command the workbench's example offer looks up is contributed");
        Path root = Path.of(ResourcesPlugin.getWorkspace().getRoot().getLocationURI());
        ExampleProject.materialize(root.resolve(ExampleProject.NAME));
        project = QbiProjects.create(ExampleProject.NAME, null, new NullProgressMonitor());

        RunPipelineJob job = ShowExampleAnalysisHandler.show(window);
        assertNotNull(job, "the example pipeline reads and runs");
        job.join();
        assertEquals(IStatus.OK, job.getResult().getSeverity(), job.getResult().toString());
        assertEquals(2, job.summary().count(SampleOutcome.Status.DONE), job.report());
        assertEquals(QbiPerspectives.PROCESS, page().getPerspective().getId());
        PipelineView view = WorkflowUi.view();
        waitFor("the example's report in the Pipeline view", () -> view.reportText().startsWith("nuclei: 2 done"));
        assertTrue(view.reportText().contains("Table nuclei: " + (60 + 316) + " rows"), view.reportText());
    }
}
