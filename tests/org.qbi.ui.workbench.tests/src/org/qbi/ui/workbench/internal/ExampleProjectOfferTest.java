package org.qbi.ui.workbench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qbi.examples.ExampleProject;
import org.qbi.project.ProjectLayout;
import org.qbi.project.SampleCatalog;
import org.qbi.project.workspace.QbiNature;

class ExampleProjectOfferTest {

    private final IProject example = ResourcesPlugin.getWorkspace().getRoot().getProject(ExampleProject.NAME);

    @AfterEach
    void deleteExample() throws Exception {
        example.delete(true, true, null);
    }

    @Test
    void openingTheExampleAddsItToTheWorkspaceWithItsSamples() throws Exception {
        ExampleProjectOffer.open();
        waitFor("the example project in the workspace",
                () -> QbiNature.isQbiProject(example) && example.getFile(ProjectLayout.CATALOG_FILE).exists()
                        && example.getFile("raw/mri/mini-t1-head.tif").exists());
        Path root = Path.of(example.getLocationURI());
        assertEquals(Path.of(ResourcesPlugin.getWorkspace().getRoot().getLocationURI()).resolve(ExampleProject.NAME), root);
        assertTrue(example.getFile("raw/mri/mini-t1-head.tif").exists());
        assertTrue(example.getFile("SOURCES.md").exists(), "sources and licences travel with the images");
        SampleCatalog catalog = SampleCatalog.load(root.resolve(ProjectLayout.CATALOG_FILE));
        assertEquals(8, catalog.samples().size());
        assertTrue(Files.isDirectory(root.resolve("results")));
    }
}
