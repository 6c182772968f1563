package org.qbi.ui.viewer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qbi.ui.viewer.ImageViewer;
import org.qbi.ui.workbench.QbiPerspectives;

/** The Metadata view: header facts and entries of the active Image editor, the filter, following the editor. */
class MetadataViewTest {

    private IProject project;
    private IFile volume;
    private IFile aniso;

    @BeforeEach
    void testProject() throws Exception {
        project = ViewerFiles.project("metadata-test");
        volume = ViewerFiles.write(project, "volume.qbitest", ViewerFiles.VOLUME);
        aniso = ViewerFiles.write(project, "aniso.qbitest", ViewerFiles.ANISOTROPIC);
    }

    @AfterEach
    void closeAndDelete() throws Exception {
        page().closeAllEditors(false);
        processEvents();
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }

    @Test
    void theExplorePerspectiveHasTheMetadataView() {
        page().setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(QbiPerspectives.EXPLORE));
        page().resetPerspective();
        processEvents();
        assertNotNull(page().findView(ImageViewer.METADATA_VIEW_ID));
    }

    @Test
    void listsTheHeaderFactsAndEveryEntryAndTheFilterNarrowsThem() throws Exception {
        MetadataView view = showView();
        ImageEditor editor = open(volume);
        waitFor("the volume's metadata", () -> view.shown() == editor && rows(view.entriesViewer().getTable()).size()
                == ViewerFiles.VOLUME_ENTRIES);
        List<List<String>> entries = rows(view.entriesViewer().getTable());
        assertTrue(entries.contains(List.of("qbitest:modality", "Modality", "DICOM", "CT")), entries.toString());
        assertTrue(entries.contains(List.of("qbitest:kvp", "KVP", "DICOM", "120")), entries.toString());
        assertTrue(entries.contains(List.of("qbitest:patient", "Patient name", "Patient", "Phantom^Test")), entries.toString());
        List<List<String>> facts = rows(view.factsViewer().getTable());
        assertTrue(facts.contains(List.of("Format", "QBI test")), facts.toString());
        assertTrue(facts.contains(List.of("Pixel type", "uint16")), facts.toString());
        assertTrue(facts.contains(List.of("Axis x", "size 64, spacing 0.5 mm, origin -16 mm, field of view 32 mm")), facts.toString());
        assertTrue(facts.contains(List.of("Axis z", "size 5, spacing 2 mm, origin 100 mm, field of view 10 mm")), facts.toString());
        assertTrue(facts.contains(List.of("Orientation", "not given")), facts.toString());
        assertTrue(facts.contains(List.of("Rescale", "value = 2 \u00d7 stored \u2212 1000 HU")), facts.toString());

        view.filter().setText("equipment");
        processEvents();
        assertEquals(List.of(List.of("qbitest:station", "Station name", "Equipment", "QBI-TEST-01"),
                List.of("qbitest:manufacturer", "Manufacturer", "Equipment", "QBI")), rows(view.entriesViewer().getTable()));
        view.filter().setText("modal");
        processEvents();
        assertEquals(1, rows(view.entriesViewer().getTable()).size());
        view.filter().setText("0.75");
        processEvents();
        assertEquals(List.of(List.of("qbitest:exposure", "Exposure time", "DICOM", "0.75")), rows(view.entriesViewer().getTable()));
        view.filter().setText("");
        processEvents();
        assertEquals(ViewerFiles.VOLUME_ENTRIES, rows(view.entriesViewer().getTable()).size());
    }

    @Test
    void followsTheActiveImageEditor() throws Exception {
        MetadataView view = showView();
        ImageEditor first = open(volume);
        waitFor("the volume", () -> view.shown() == first && rows(view.entriesViewer().getTable()).size() == ViewerFiles.VOLUME_ENTRIES);
        ImageEditor second = open(aniso);
        waitFor("the anisotropic image", () -> view.shown() == second && second.header() != null
                && rows(view.entriesViewer().getTable()).size() == 1);
        assertTrue(rows(view.factsViewer().getTable()).contains(List.of("Axis y", "size 48, spacing 1.5 mm, origin 0 mm, field of view 72 mm")));
        assertTrue(view.getContentDescription().endsWith("aniso.qbitest"), view.getContentDescription());
        page().activate(first);
        processEvents();
        assertEquals(first, view.shown());
        assertEquals(ViewerFiles.VOLUME_ENTRIES, rows(view.entriesViewer().getTable()).size());
        page().closeAllEditors(false);
        processEvents();
        assertNull(view.shown());
        assertEquals(0, rows(view.entriesViewer().getTable()).size());
        assertEquals(0, rows(view.factsViewer().getTable()).size());
    }

    @Test
    void saysWhenTheImageCouldNotBeRead() throws Exception {
        MetadataView view = showView();
        IFile corrupt = ViewerFiles.write(project, "corrupt.qbitest", ViewerFiles.CORRUPT);
        ImageEditor editor = open(corrupt);
        waitFor("the error", () -> editor.error() != null);
        processEvents();
        assertEquals("corrupt.qbitest could not be read.", view.getContentDescription());
        assertEquals(0, rows(view.entriesViewer().getTable()).size());
    }

    private static MetadataView showView() throws Exception {
        return assertInstanceOf(MetadataView.class, page().showView(ImageViewer.METADATA_VIEW_ID));
    }

    private static ImageEditor open(IFile file) throws Exception {
        IEditorPart part = IDE.openEditor(page(), file);
        processEvents();
        return assertInstanceOf(ImageEditor.class, part);
    }

    private static List<List<String>> rows(Table table) {
        List<List<String>> rows = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            List<String> row = new ArrayList<>();
            for (int column = 0; column < table.getColumnCount(); column++) {
                row.add(item.getText(column));
            }
            rows.add(row);
        }
        return rows;
    }
}
