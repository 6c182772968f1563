package org.qbi.ui.project.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.findAll;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.project.workspace.QbiProjects;

/** The sample catalog editor: what it shows, an edit typed into a cell, a refused edit, save. */
class SampleCatalogEditorTest {

    private IProject project;
    private Path catalogFile;

    @BeforeEach
    void projectWithTwoSamples() throws Exception {
        project = QbiProjects.create("Catalog study", null, null);
        catalogFile = Path.of(project.getLocationURI()).resolve(ProjectLayout.CATALOG_FILE);
        SampleCatalog catalog = new SampleCatalog();
        catalog.addColumn("age_weeks");
        catalog.put(new Sample("bone-01", "control", "first scan", List.of("raw/a.tif"), Map.of("age_weeks", "12")));
        catalog.put(new Sample("bone-02", "treated", "", List.of(), Map.of("age_weeks", "14")));
        catalog.save(catalogFile);
        project.refreshLocal(IResource.DEPTH_INFINITE, null);
    }

    @AfterEach
    void closeAndDelete() throws Exception {
        page().closeAllEditors(false);
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }

    @Test
    void showsEverySampleAndColumnAndSavesATypedEdit() throws Exception {
        SampleCatalogEditor editor = open();
        Table table = catalogTable();
        assertEquals(List.of("Sample id", "Group", "Notes", "Files", "age_weeks"),
                java.util.Arrays.stream(table.getColumns()).map(c -> c.getText()).toList());
        assertEquals(2, table.getItemCount());
        assertEquals("bone-01", table.getItem(0).getText(0));
        assertEquals("12", table.getItem(0).getText(4));
        assertTrue(summary().getText().contains("missing files: bone-01: raw/a.tif"), summary().getText());

        typeIntoCell(editor, 1, 1, "control");
        assertTrue(editor.isDirty());
        editor.doSave(null);
        assertFalse(editor.isDirty());
        assertEquals("""
                sample_id,group,notes,files,age_weeks
                bone-01,control,first scan,raw/a.tif,12
                bone-02,control,,,14
                """, Files.readString(catalogFile));
    }

    @Test
    void anInvalidIdIsRefusedWithTheReasonAndNothingChanges() throws Exception {
        SampleCatalogEditor editor = open();
        typeIntoCell(editor, 1, 0, "bone-01");
        assertFalse(editor.isDirty(), "a duplicate id is refused");
        assertTrue(findAll(shell(), Label.class).stream().anyMatch(l -> l.getText().contains("'bone-01' is taken")));
        typeIntoCell(editor, 1, 0, "bone 02");
        assertFalse(editor.isDirty(), "an id with a space is refused");
        assertEquals(List.of("bone-01", "bone-02"), editor.catalog().samples().stream().map(Sample::id).toList());
    }

    private SampleCatalogEditor open() throws Exception {
        IEditorPart part = IDE.openEditor(page(), project.getFile(ProjectLayout.CATALOG_FILE));
        processEvents();
        return assertInstanceOf(SampleCatalogEditor.class, part);
    }

    private static Table catalogTable() {
        return findAll(shell(), Table.class).stream()
                .filter(t -> t.getColumnCount() > 0 && t.getColumn(0).getText().equals("Sample id")).findFirst()
                .orElseThrow();
    }

    private static Label summary() {
        return findAll(shell(), Label.class).stream().filter(l -> l.getText().contains("sample(s) in")).findFirst()
                .orElseThrow();
    }

    /** Activates the cell editor as a click would, types {@code value} and applies it as Enter would. */
    private static void typeIntoCell(SampleCatalogEditor editor, int row, int column, String value) {
        TableViewer viewer = editor.viewer();
        viewer.editElement(viewer.getTable().getItem(row).getData(), column);
        processEvents();
        Text cell = findAll(viewer.getTable(), Text.class).getFirst();
        cell.setText(value);
        viewer.applyEditorValue();
        processEvents();
    }
}
