package org.qbi.ui.workbench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;

import java.util.List;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.qbi.ui.workbench.QbiPerspectives;

class PerspectivesTest {

    private final IWorkbench workbench = PlatformUI.getWorkbench();

    @Test
    void theWorkbenchStartsInExplore() {
        assertEquals(QbiPerspectives.EXPLORE, workbench.getPerspectiveRegistry().getDefaultPerspective());
    }

    @Test
    void eachPerspectiveOpensWithTheProjectExplorer() {
        for (String id : List.of(QbiPerspectives.EXPLORE, QbiPerspectives.PROCESS, QbiPerspectives.STATISTICS)) {
            page().setPerspective(workbench.getPerspectiveRegistry().findPerspectiveWithId(id));
            processEvents();
            assertEquals(id, page().getPerspective().getId());
            assertNotNull(page().findView(IPageLayout.ID_PROJECT_EXPLORER), "Project Explorer in " + id);
        }
    }

    @Test
    void processShowsProgressAndTheOthersTheSamplesByGroup() {
        page().setPerspective(workbench.getPerspectiveRegistry().findPerspectiveWithId(QbiPerspectives.PROCESS));
        assertNotNull(page().findView(PerspectiveLayouts.PROGRESS_VIEW), "long work is visible in Process");
        for (String id : List.of(QbiPerspectives.EXPLORE, QbiPerspectives.STATISTICS)) {
            page().setPerspective(workbench.getPerspectiveRegistry().findPerspectiveWithId(id));
            assertNotNull(page().findView("org.qbi.ui.views.samples"), "the Samples view in " + id);
        }
    }
}
