package org.qbi.ui.project.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.openNonBlocking;
import static org.qbi.ui.testing.UiTesting.processEvents;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Random;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.project.workspace.QbiNature;

/** File > New > QBI Project and File > Import > Images into QBI Project, checked on disk. */
class ProjectWizardsTest {

    @AfterEach
    void deleteProjects() throws Exception {
        for (IProject project : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            project.delete(true, true, null);
        }
    }

    @Test
    void newProjectWizardCreatesTheLayoutOnDisk() throws Exception {
        IProject project = createProjectWithWizard("Bone study");
        assertTrue(project.hasNature(QbiNature.ID));
        Path root = Path.of(project.getLocationURI());
        for (String folder : ProjectLayout.FOLDERS) {
            assertTrue(Files.isDirectory(root.resolve(folder)), folder + "/ exists");
        }
        assertEquals("sample_id,group,notes,files\n",
                Files.readString(root.resolve(ProjectLayout.CATALOG_FILE), StandardCharsets.UTF_8));
        assertTrue(Files.readString(root.resolve(".project")).contains(QbiNature.ID));
        assertTrue(project.getFolder("raw").exists(), "the workspace sees raw/");
    }

    @Test
    void importWizardCopiesIntoRawAndRegistersTheSample(@TempDir Path outside) throws Exception {
        IProject project = createProjectWithWizard("Import study");
        Path scan = outside.resolve("scan01.raw");
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(bytes);
        Files.write(scan, bytes);

        ImportImagesWizard wizard = new ImportImagesWizard();
        wizard.init(PlatformUI.getWorkbench(), new StructuredSelection(project));
        WizardDialog dialog = openNonBlocking(wizard);
        try {
            assertFalse(wizard.canFinish(), "nothing to import yet");
            wizard.page().addSource(scan);
            wizard.page().setSample("bone 01", "healthy");
            assertFalse(wizard.canFinish(), "an id with a space is refused");
            assertTrue(wizard.page().getErrorMessage().contains("'bone 01'"), wizard.page().getErrorMessage());
            wizard.page().setSample("bone-01", "healthy");
            assertTrue(wizard.canFinish(), wizard.page().getErrorMessage());
            assertTrue(wizard.performFinish());
        } finally {
            dialog.close();
        }
        Job.getJobManager().join(ImportImagesJob.FAMILY, null);
        processEvents();

        Path copied = Path.of(project.getLocationURI()).resolve("raw/scan01.raw");
        assertArrayEquals(bytes, Files.readAllBytes(copied));
        assertFalse(Files.getPosixFilePermissions(copied).contains(PosixFilePermission.OWNER_WRITE), "raw data is read-only");
        assertArrayEquals(bytes, Files.readAllBytes(scan), "the source is untouched");
        assertTrue(project.getFile("raw/scan01.raw").exists(), "the workspace was refreshed");
        SampleCatalog catalog = SampleCatalog.load(Path.of(project.getLocationURI()).resolve("samples.csv"));
        assertEquals(new Sample("bone-01", "healthy", "", List.of("raw/scan01.raw")), catalog.find("bone-01").orElseThrow());
    }

    @Test
    void importingANameThatExistsFailsAndLeavesRawAsItWas(@TempDir Path outside) throws Exception {
        IProject project = createProjectWithWizard("Clash study");
        Path scan = outside.resolve("scan.raw");
        Files.writeString(scan, "new");
        Path existing = Path.of(project.getLocationURI()).resolve("raw/scan.raw");
        Files.writeString(existing, "acquired first");

        ImportImagesJob job = new ImportImagesJob(new ImportImagesJob.Request(project, List.of(scan), "",
                org.qbi.project.ImportMode.COPY, null, null));
        job.schedule();
        job.join();

        assertFalse(job.getResult().isOK());
        assertTrue(job.getResult().getMessage().contains("raw/scan.raw exists already"), job.getResult().getMessage());
        assertEquals("acquired first", Files.readString(existing));
    }

    static IProject createProjectWithWizard(String name) {
        NewQbiProjectWizard wizard = new NewQbiProjectWizard();
        wizard.init(PlatformUI.getWorkbench(), StructuredSelection.EMPTY);
        wizard.setInitialProjectName(name);
        WizardDialog dialog = openNonBlocking(wizard);
        try {
            assertTrue(wizard.canFinish());
            assertTrue(wizard.performFinish());
        } finally {
            dialog.close();
        }
        IProject project = wizard.createdProject();
        assertNotNull(project);
        assertEquals(name, project.getName());
        return project;
    }
}
