package org.qbi.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.examples.ExampleProject;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.project.workspace.QbiNature;
import org.qbi.ui.project.internal.ImportImagesJob;
import org.qbi.ui.project.internal.ImportImagesWizard;
import org.qbi.ui.project.internal.NewQbiProjectWizard;
import org.qbi.ui.project.internal.SampleCatalogEditor;
import org.qbi.ui.project.internal.SamplesView;
import org.qbi.ui.workbench.QbiPerspectives;
import org.qbi.ui.workbench.internal.ExampleProjectOffer;
import org.qbi.ui.workbench.internal.UserGuideView;

/** Runs inside the QBI Workbench application: what a user does on the first day, checked on disk. */
class WorkbenchTest {

    private final IWorkbench workbench = PlatformUI.getWorkbench();

    @AfterEach
    void closeEditorsAndDeleteProjects() throws Exception {
        page().closeAllEditors(false);
        for (IProject project : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            project.delete(true, true, null);
        }
    }

    private IWorkbenchPage page() {
        return workbench.getActiveWorkbenchWindow().getActivePage();
    }

    @Test
    void eachPerspectiveOpensWithTheProjectExplorer() {
        for (String id : List.of(QbiPerspectives.EXPLORE, QbiPerspectives.PROCESS, QbiPerspectives.STATISTICS)) {
            page().setPerspective(workbench.getPerspectiveRegistry().findPerspectiveWithId(id));
            processEvents();
            assertEquals(id, page().getPerspective().getId());
            assertNotNull(page().findView(IPageLayout.ID_PROJECT_EXPLORER), "Project Explorer in " + id);
        }
        page().setPerspective(workbench.getPerspectiveRegistry().findPerspectiveWithId(QbiPerspectives.STATISTICS));
        assertNotNull(page().findView(SamplesView.ID), "the Statistics perspective shows the samples by group");
        page().setPerspective(workbench.getPerspectiveRegistry().findPerspectiveWithId(QbiPerspectives.EXPLORE));
        assertNotNull(page().findView(SamplesView.ID), "the Explore perspective shows the samples by group");
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
        new java.util.Random(42).nextBytes(bytes);
        Files.write(scan, bytes);

        ImportImagesWizard wizard = new ImportImagesWizard();
        wizard.init(workbench, new StructuredSelection(project));
        WizardDialog dialog = openNonBlocking(wizard);
        try {
            wizard.page().addSource(scan);
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
        assertFalse(Files.getPosixFilePermissions(copied).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE),
                "raw data is read-only");
        assertArrayEquals(bytes, Files.readAllBytes(scan), "the source is untouched");
        assertTrue(project.getFile("raw/scan01.raw").exists(), "the workspace was refreshed");
        SampleCatalog catalog = SampleCatalog.load(Path.of(project.getLocationURI()).resolve("samples.csv"));
        assertEquals(new Sample("bone-01", "healthy", "", List.of("raw/scan01.raw")), catalog.find("bone-01").orElseThrow());
    }

    @Test
    void exampleProjectOpensWithItsSamplesAndCatalogEditor() throws Exception {
        ExampleProjectOffer.open();
        IProject example = ResourcesPlugin.getWorkspace().getRoot().getProject(ExampleProject.NAME);
        waitFor(() -> QbiNature.isQbiProject(example) && example.getFile(ProjectLayout.CATALOG_FILE).exists());
        assertTrue(QbiNature.isQbiProject(example));
        assertTrue(example.getFile("raw/mri/mini-t1-head.tif").exists());
        assertTrue(example.getFile("SOURCES.md").exists(), "sources and licences travel with the images");

        IFile catalogFile = example.getFile(ProjectLayout.CATALOG_FILE);
        IEditorPart editor = IDE.openEditor(page(), catalogFile);
        SampleCatalogEditor catalogEditor = assertInstanceOf(SampleCatalogEditor.class, editor);
        assertEquals(5, catalogEditor.catalog().samples().size());
        assertEquals(List.of("MRI", "CT", "microscopy", "micro-CT"), catalogEditor.catalog().groups());
        processEvents();
        Table table = findAll(shell(), Table.class).stream()
                .filter(t -> t.getColumnCount() > 0 && t.getColumn(0).getText().equals("Sample id")).findFirst()
                .orElseThrow();
        assertEquals(5, table.getItemCount());
        assertEquals("mri-head", table.getItem(0).getText(0));
    }

    @Test
    void userGuideShowsTheGuide() throws Exception {
        IViewPart view = page().showView(UserGuideView.ID);
        processEvents();
        StyledText text = findAll(shell(), StyledText.class).stream()
                .filter(t -> t.getText().contains("QBI Workbench")).findFirst().orElseThrow();
        assertTrue(text.getText().contains("QBI Workbench"), "the guide's text is shown");
        assertTrue(text.getStyleRanges().length > 5, "headings and code are styled");
        page().hideView(view);
    }

    private IProject createProjectWithWizard(String name) throws Exception {
        NewQbiProjectWizard wizard = new NewQbiProjectWizard();
        wizard.init(workbench, StructuredSelection.EMPTY);
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

    private WizardDialog openNonBlocking(org.eclipse.jface.wizard.IWizard wizard) {
        Shell shell = workbench.getActiveWorkbenchWindow().getShell();
        WizardDialog dialog = new WizardDialog(shell, wizard);
        dialog.setBlockOnOpen(false);
        dialog.open();
        processEvents();
        return dialog;
    }

    private Shell shell() {
        return workbench.getActiveWorkbenchWindow().getShell();
    }

    private static <T extends Control> List<T> findAll(Composite parent, Class<T> type) {
        List<T> found = new java.util.ArrayList<>();
        for (Control child : parent.getChildren()) {
            if (type.isInstance(child)) {
                found.add(type.cast(child));
            }
            if (child instanceof Composite composite) {
                found.addAll(findAll(composite, type));
            }
        }
        return found;
    }

    private static void processEvents() {
        Display display = Display.getCurrent();
        while (display.readAndDispatch()) {
            // drain the event queue
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            processEvents();
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean(), "condition not met within 30 s");
    }
}
