package org.qbi.ui.ops.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.shell;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IEditorPart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.table.Table;
import org.qbi.ui.ops.OperatorViews;
import org.qbi.ui.viewer.ImageViewer;
import org.qbi.ui.viewer.ShownImage;

/**
 * The Result Table view linked to the active Image editor: selecting a row of a measurements table highlights
 * that object's label and moves the slice to its centroid; clicking an object in the image selects its row.
 */
class ResultTableLinkTest {

    @TempDir
    Path folder;

    @AfterEach
    void close() {
        page().closeAllEditors(false);
        processEvents();
    }

    @Test
    void rowsAndObjectsSelectEachOther() throws Exception {
        // 40 x 30 x 6 uint8 image and uint16 labels, spacing 0.5 x 0.5 x 2 mm, origin (1, 2, 3) mm; three boxes
        int[][] boxes = { { 1, 2, 9, 3, 8, 1, 2 }, { 2, 20, 29, 10, 19, 3, 5 }, { 3, 5, 14, 20, 27, 0, 5 } };
        byte[] image = new byte[40 * 30 * 6];
        byte[] labels = new byte[2 * image.length];
        for (int[] b : boxes) {
            for (int z = b[5]; z <= b[6]; z++) {
                for (int y = b[3]; y <= b[4]; y++) {
                    for (int x = b[1]; x <= b[2]; x++) {
                        labels[2 * (x + 40 * (y + 30 * z))] = (byte) b[0];
                        image[x + 40 * (y + 30 * z)] = (byte) (50 * b[0]);
                    }
                }
            }
        }
        String calibration = "\"spacing\": [0.5, 0.5, 2], \"origin\": [1, 2, 3], \"unit\": \"mm\"}";
        Files.write(folder.resolve("cells.raw"), image);
        Files.writeString(folder.resolve("cells.raw.json"), "{\"shape\": [40, 30, 6], \"dtype\": \"uint8\", " + calibration);
        Files.write(folder.resolve("labels.raw"), labels);
        Files.writeString(folder.resolve("labels.raw.json"), "{\"shape\": [40, 30, 6], \"dtype\": \"uint16\", "
                + calibration);
        shell().setSize(1400, 900);
        IEditorPart part = ImageViewer.open(page(), folder.resolve("cells.raw.json"));
        ShownImage shown = ShownImage.of(part);
        waitFor("the image", () -> shown.position() != null);
        shown.showOverlay(folder.resolve("labels.raw.json"));
        waitFor("the overlay", () -> overlayShown(part));

        // the centroids as measure.regions writes them: origin + spacing * mean voxel index (box centres)
        Table regions = Table.builder("regions").numbers("label", "", 1, 2, 3)
                .numbers("centroid_x", "mm", 1 + 0.5 * 5.5, 1 + 0.5 * 24.5, 1 + 0.5 * 9.5)
                .numbers("centroid_y", "mm", 2 + 0.5 * 5.5, 2 + 0.5 * 14.5, 2 + 0.5 * 23.5)
                .numbers("centroid_z", "mm", 3 + 2 * 1.5, 3 + 2 * 4, 3 + 2 * 2.5).build();
        ResultTableView view = (ResultTableView) page().showView(OperatorViews.TABLE_VIEW_ID);
        view.show(folder.resolve("regions.csv"), regions);
        page().activate(part); // the table follows the active Image editor
        processEvents();

        view.table().setSelection(1);
        view.table().notifyListeners(SWT.Selection, new Event());
        processEvents();
        assertArrayEquals(new long[] { 2 }, shown.highlightedLabels());
        waitFor("the slice through label 2's centroid", () -> shown.position() != null && shown.position()[0] == 4);

        view.table().setSelection(new int[] { 0, 2 });
        view.table().notifyListeners(SWT.Selection, new Event());
        processEvents();
        assertArrayEquals(new long[] { 1, 3 }, shown.highlightedLabels());
        waitFor("the slice through label 1's centroid (z 1.5 rounds to 2)", () -> shown.position()[0] == 2);

        // a click on label 3 at (10, 24) of plane z 2 (the editor's own click handling is tested in its fragment)
        Method pickAt = part.getClass().getDeclaredMethod("pickAt", int[].class);
        pickAt.setAccessible(true);
        pickAt.invoke(part, (Object) new int[] { 10, 24 });
        processEvents();
        assertEquals(3, shown.pickedLabel());
        assertArrayEquals(new int[] { 2 }, view.table().getSelectionIndices(), "label 3's row selected");
        screenshot("viewer-table-link.png");
    }

    /** The screen's pixels of the workbench window into target/screenshots/{@code name}. */
    private static void screenshot(String name) throws Exception {
        for (int i = 0; i < 10; i++) {
            processEvents();
            Thread.sleep(30);
        }
        Path target = Path.of(System.getProperty("user.dir"), "target", "screenshots", name);
        Files.createDirectories(target.getParent());
        org.eclipse.swt.graphics.Rectangle bounds = shell().getBounds();
        Image image = new Image(shell().getDisplay(), bounds.width, bounds.height);
        GC gc = new GC(shell().getDisplay());
        try {
            gc.copyArea(image, bounds.x, bounds.y);
        } finally {
            gc.dispose();
        }
        ImageLoader loader = new ImageLoader();
        loader.data = new org.eclipse.swt.graphics.ImageData[] { image.getImageData() };
        loader.save(target.toString(), SWT.IMAGE_PNG);
        image.dispose();
    }

    /** True when the editor's picture carries the overlay's labels (read through its package-private API). */
    private static boolean overlayShown(IEditorPart part) {
        try {
            Method slice = part.getClass().getDeclaredMethod("slice");
            slice.setAccessible(true);
            Object s = slice.invoke(part);
            if (s == null) {
                return false;
            }
            Method picture = s.getClass().getDeclaredMethod("picture");
            picture.setAccessible(true);
            Object p = picture.invoke(s);
            Method labels = p.getClass().getDeclaredMethod("labels");
            return labels.invoke(p) != null;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
