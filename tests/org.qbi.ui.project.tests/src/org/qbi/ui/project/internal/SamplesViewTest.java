package org.qbi.ui.project.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.project.workspace.QbiProjects;

/** The Samples view: groups, samples and files of the project, re-read when samples.csv changes. */
class SamplesViewTest {

    @AfterEach
    void deleteProjects() throws Exception {
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }

    @Test
    void showsSamplesByGroupAndFollowsCatalogChanges() throws Exception {
        IProject project = QbiProjects.create("Groups study", null, null);
        Path catalogFile = Path.of(project.getLocationURI()).resolve(ProjectLayout.CATALOG_FILE);
        SampleCatalog catalog = new SampleCatalog();
        catalog.put(new Sample("a1", "control", "", List.of("raw/missing.tif")));
        catalog.put(new Sample("b1", "treated", "", List.of()));
        catalog.put(new Sample("a2", "control", "", List.of()));
        catalog.save(catalogFile);
        project.refreshLocal(IResource.DEPTH_INFINITE, null);

        SamplesView view = (SamplesView) page().showView(SamplesView.ID);
        view.show(project);
        processEvents();
        Tree tree = view.viewer().getTree();
        assertEquals(List.of("control  (2)", "treated  (1)"), texts(tree.getItems()));
        assertEquals(List.of("a1", "a2"), texts(tree.getItems()[0].getItems()));
        view.viewer().expandAll();
        assertEquals(List.of("raw/missing.tif  (missing)"), texts(tree.getItems()[0].getItems()[0].getItems()));

        catalog.put(new Sample("c1", "sham", "", List.of()));
        catalog.save(catalogFile);
        project.getFile(ProjectLayout.CATALOG_FILE).refreshLocal(IResource.DEPTH_ZERO, null);
        waitFor("the view shows the new group", () -> tree.getItemCount() == 3);
        page().hideView(view);
    }

    private static List<String> texts(TreeItem[] items) {
        return Arrays.stream(items).map(item -> item.getText().replaceAll("  \u2014 .*", "")).toList();
    }
}
