package org.qbi.ui.viewer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IPropertyListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.ui.viewer.ImageViewer;
import org.qbi.ui.viewer.ShownImage;
import org.qbi.ui.viewer.internal.render.LabelOverlay;
import org.qbi.ui.viewer.internal.render.Picture;
import org.qbi.ui.viewer.internal.render.RenderedSlice;
import org.qbi.ui.viewer.internal.render.SlicePlane;
import org.qbi.ui.viewer.internal.render.ViewTransform;

/**
 * The Image editor's side of the measurements table link, through the API the Result Table view uses
 * ({@link ShownImage#highlightLabels}, {@link ShownImage#pickedLabel}): highlighted labels are drawn in the
 * highlight colour on exactly their pixels, the slice moves to the centroid given in world units, and a click on
 * an object picks it (and fires {@link ShownImage#PROP_PICKED_LABEL}).
 */
class LabelLinkTest {

    /** 40 x 30 x 6, spacing 0.5 x 0.5 x 2 mm, origin (1, 2, 3) mm. Boxes: label, x0, x1, y0, y1, z0, z1 (inclusive). */
    static final int[][] BOXES = { { 1, 2, 9, 3, 8, 1, 2 }, { 2, 20, 29, 10, 19, 3, 5 }, { 3, 5, 14, 20, 27, 0, 5 } };

    @TempDir
    Path folder;

    @AfterEach
    void close() {
        page().closeAllEditors(false);
        processEvents();
    }

    static int label(int x, int y, int z) {
        for (int[] b : BOXES) {
            if (x >= b[1] && x <= b[2] && y >= b[3] && y <= b[4] && z >= b[5] && z <= b[6]) {
                return b[0];
            }
        }
        return 0;
    }

    /** Writes the image (uint8, 4 x + y) and its labels (uint16) as raw volumes; returns {image, labels}. */
    static Path[] write(Path folder) throws IOException {
        byte[] image = new byte[40 * 30 * 6];
        byte[] labels = new byte[2 * 40 * 30 * 6];
        for (int z = 0; z < 6; z++) {
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 40; x++) {
                    int i = x + 40 * (y + 30 * z);
                    image[i] = (byte) (4 * x + y);
                    labels[2 * i] = (byte) label(x, y, z);
                }
            }
        }
        String calibration = "\"spacing\": [0.5, 0.5, 2], \"origin\": [1, 2, 3], \"unit\": \"mm\"}";
        Files.write(folder.resolve("cells.raw"), image);
        Files.writeString(folder.resolve("cells.raw.json"), "{\"shape\": [40, 30, 6], \"dtype\": \"uint8\", "
                + calibration);
        Files.write(folder.resolve("labels.raw"), labels);
        Files.writeString(folder.resolve("labels.raw.json"), "{\"shape\": [40, 30, 6], \"dtype\": \"uint16\", "
                + calibration);
        return new Path[] { folder.resolve("cells.raw.json"), folder.resolve("labels.raw.json") };
    }

    @Test
    void aHighlightedLabelTakesTheHighlightColourOnExactlyItsPixelsAtItsCentroid() throws Exception {
        Path[] files = write(folder);
        ImageEditor editor = PyramidEditorTest.opened(ImageViewer.open(page(), files[0]));
        ViewerViewsTest.waitForPicture(editor, p -> true);
        editor.showOverlay(files[1]);
        ViewerViewsTest.waitForPicture(editor, p -> p.labels() != null);
        // label 2's centroid: voxel (24.5, 14.5, 4) -> world origin + index * spacing = (13.25, 9.25, 11)
        editor.highlightLabels(new long[] { 2 }, new double[] { 13.25, 9.25, 11 });
        Picture picture = ViewerViewsTest.waitForPicture(editor, p -> p.labels() != null && p.request().index() == 4);
        assertArrayEquals(new long[] { 2 }, editor.highlightedLabels());
        assertEquals(4, editor.scale(org.qbi.core.image.Axis.Z).getSelection(), "the z slider moved to the centroid");
        RenderedSlice rendered = picture.rendered();
        int highlighted = 0;
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                if (label(x, y, 4) == 2) {
                    assertEquals(LabelOverlay.HIGHLIGHT, rendered.rgb(x, y), "label 2 at " + x + ", " + y);
                    highlighted++;
                } else {
                    assertNotEquals(LabelOverlay.HIGHLIGHT, rendered.rgb(x, y), "not label 2 at " + x + ", " + y);
                }
            }
        }
        assertEquals(100, highlighted);
        ViewerViewsTest.screenshot("viewer-table-link-editor.png");

        // the orthogonal views show the overlay and the highlight too: the coronal plane through y 15
        editor.showRenderer(OrthogonalViews.ID);
        OrthogonalViews ortho = (OrthogonalViews) editor.renderer(OrthogonalViews.ID);
        waitFor("the planes through the centroid", () -> ortho.showsCursor(25, 15, 4));
        org.eclipse.swt.graphics.ImageData coronal = ortho.canvas(SlicePlane.CORONAL).data();
        assertEquals(40, coronal.width);
        assertEquals(6, coronal.height);
        int coronalHighlighted = 0;
        for (int z = 0; z < 6; z++) {
            for (int x = 0; x < 40; x++) {
                org.eclipse.swt.graphics.RGB rgb = coronal.palette.getRGB(coronal.getPixel(x, z));
                int colour = rgb.red << 16 | rgb.green << 8 | rgb.blue;
                if (label(x, 15, z) == 2) {
                    assertEquals(LabelOverlay.HIGHLIGHT, colour, "coronal: label 2 at x " + x + ", z " + z);
                    coronalHighlighted++;
                } else {
                    assertNotEquals(LabelOverlay.HIGHLIGHT, colour, "coronal: not label 2 at x " + x + ", z " + z);
                }
            }
        }
        assertEquals(30, coronalHighlighted);

        // z upwards: the coronal plane's first row is z 5 (label 2 there), its last z 0 (none); a click on the
        // first row moves the cursor to z 5
        ortho.setZUp(true);
        processEvents();
        org.eclipse.swt.graphics.ImageData up = ortho.canvas(SlicePlane.CORONAL).data();
        for (int v = 0; v < 6; v++) {
            for (int x = 0; x < 40; x++) {
                assertEquals(coronal.getPixel(x, 5 - v), up.getPixel(x, v), "flipped row " + v + ", x " + x);
            }
        }
        ortho.moveCursor(SlicePlane.CORONAL, 25, 0);
        waitFor("the cursor at z 5", () -> ortho.showsCursor(25, 15, 5));
        ViewerViewsTest.screenshot("viewer-orthogonal-roi.png");
    }

    @Test
    void clickingAnObjectPicksItsLabel() throws Exception {
        Path[] files = write(folder);
        ImageEditor editor = PyramidEditorTest.opened(ImageViewer.open(page(), files[0]));
        ViewerViewsTest.waitForPicture(editor, p -> true);
        editor.showOverlay(files[1]);
        ViewerViewsTest.waitForPicture(editor, p -> p.labels() != null);
        AtomicInteger fired = new AtomicInteger();
        IPropertyListener listener = (source, property) -> {
            if (property == ShownImage.PROP_PICKED_LABEL) {
                fired.incrementAndGet();
            }
        };
        editor.addPropertyListener(listener);
        ViewTransform view = editor.canvas().transform();
        click(editor, view.screenX(30.5), view.screenY(5.5)); // background: nothing picked
        assertEquals(0, editor.pickedLabel());
        click(editor, view.screenX(10.5), view.screenY(24.5)); // label 3 at z 0
        assertEquals(3, editor.pickedLabel());
        assertEquals(1, fired.get());
        assertArrayEquals(new long[] { 3 }, editor.highlightedLabels());
        waitFor("label 3 highlighted", () -> editor.slice().picture().rendered().rgb(10, 24) == LabelOverlay.HIGHLIGHT);
        editor.removePropertyListener(listener);
        assertTrue(editor.slice().picture().rendered().rgb(3, 4) != LabelOverlay.HIGHLIGHT, "label 1 is not");
    }

    private static void click(ImageEditor editor, double x, double y) {
        for (int type : new int[] { SWT.MouseDown, SWT.MouseUp }) {
            Event e = new Event();
            e.button = 1;
            e.x = (int) Math.round(x);
            e.y = (int) Math.round(y);
            editor.canvas().control().notifyListeners(type, e);
        }
        processEvents();
    }
}
