package org.qbi.ui.viewer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPropertyListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.ui.viewer.ImageViewer;
import org.qbi.ui.viewer.internal.render.Picture;
import org.qbi.ui.viewer.internal.render.SlicePlane;
import org.qbi.ui.viewer.internal.render.SliceRenderer;

/**
 * The Image editor on a raw volume larger than the pyramid threshold and budget (set small here: a 16 MB volume
 * stands for one larger than memory): the pyramid is built in the background, a coronal plane (whose chunks cost
 * more than the overview threshold) is shown first from the pyramid, as the mean of each 8 x 8 x 8 block, then at
 * full resolution; axial planes (one chunk) are read at once.
 */
class PyramidEditorTest {

    private static final int X = 256;
    private static final int Y = 256;
    private static final int Z = 128;

    @TempDir
    Path folder;
    private long[] thresholds;

    @BeforeEach
    void smallThresholds() {
        // image above 1 MB gets a pyramid of at most 40 KB (so 8 x 8 x 8 blocks); planes costing more than 8 MB
        // of chunks (the raw reader's chunks are 4 MB = 32 planes: coronal and sagittal planes cost 16 MB) show
        // an overview first
        thresholds = Overviews.set(1 << 20, 40 << 10, 8 << 20);
    }

    @AfterEach
    void restore() {
        Overviews.set(thresholds[0], thresholds[1], thresholds[2]);
        Overviews.setRefine(true);
        page().closeAllEditors(false);
        processEvents();
    }

    /** x + 2y + 3z: the mean of a block is the value at its centre, so the overview's values are exact. */
    private static int value(long x, long y, long z) {
        return (int) (x + 2 * y + 3 * z);
    }

    private Path volume() throws IOException {
        Path raw = folder.resolve("large.raw");
        try (FileChannel channel = FileChannel.open(raw, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer plane = ByteBuffer.allocate(X * Y * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int z = 0; z < Z; z++) {
                plane.clear();
                for (int y = 0; y < Y; y++) {
                    for (int x = 0; x < X; x++) {
                        plane.putShort((short) value(x, y, z));
                    }
                }
                plane.flip();
                channel.write(plane);
            }
        }
        Path sidecar = folder.resolve("large.raw.json");
        Files.writeString(sidecar, "{\"shape\": [256, 256, 128], \"dtype\": \"uint16\", \"spacing\": [0.1, 0.1, 0.1],"
                + " \"unit\": \"mm\"}");
        return sidecar;
    }

    @Test
    void aCoronalPlaneShowsTheBlockMeansFirstThenEveryVoxel() throws Exception {
        Overviews.setRefine(false);
        ImageEditor editor = opened(open(volume()));
        Picture axial = ViewerViewsTest.waitForPicture(editor, p -> true);
        assertNull(axial.overview(), "an axial plane is one chunk: read at full resolution at once");
        assertEquals(value(17, 33, 0), axial.planeValues().get(33 * X + 17), 0);
        assertNotNull(editor.pyramid(), "a 16 MB image is above the 1 MB threshold");
        waitFor("the pyramid built", () -> editor.pyramid().complete());
        assertEquals(8, editor.pyramid().factor(0)[0]);

        editor.display().setContrast(SliceRenderer.Contrast.MIN_MAX);
        editor.view().setPlane(SlicePlane.CORONAL);
        editor.scale(org.qbi.core.image.Axis.Y).setSelection(100);
        editor.requestSlice();
        Picture overview = ViewerViewsTest.waitForPicture(editor, p -> p.request().plane() == SlicePlane.CORONAL
                && p.request().index() == 100);
        assertNotNull(overview.overview(), "the overview comes first");
        assertEquals(1.0, overview.overview().fraction());
        for (int z = 0; z < Z; z += 7) {
            for (int x = 0; x < X; x += 5) {
                // the block (x / 8, 100 / 8, z / 8) has its centre at 8 (x / 8) + 3.5, ...
                double mean = 8 * (x / 8) + 3.5 + 2 * (8 * (100 / 8) + 3.5) + 3 * (8 * (z / 8) + 3.5);
                assertEquals(mean, overview.planeValues().get(z * X + x), 0, "x " + x + " z " + z);
            }
        }
        assertTrue(editor.status().getText().startsWith("Overview 1:8"), editor.status().getText());
        ViewerViewsTest.screenshot("viewer-pyramid.png");

        Overviews.setRefine(true);
        List<Picture> shown = new ArrayList<>();
        IPropertyListener record = (source, property) -> {
            if (property == ImageEditor.PROP_SLICE && editor.slice() != null) {
                shown.add(editor.slice().picture());
            }
        };
        editor.addPropertyListener(record);
        editor.scale(org.qbi.core.image.Axis.Y).setSelection(57);
        editor.requestSlice();
        Picture full = ViewerViewsTest.waitForPicture(editor, p -> p.request().index() == 57 && p.overview() == null);
        editor.removePropertyListener(record);
        assertNotNull(shown.getFirst().overview(), "y 57: the overview first");
        assertEquals(57, shown.getFirst().request().index());
        for (int z = 0; z < Z; z += 3) {
            for (int x = 0; x < X; x += 7) {
                assertEquals(value(x, 57, z), full.planeValues().get(z * X + x), 0, "x " + x + " z " + z);
            }
        }
    }

    @Test
    void smallImagesHaveNoPyramid() throws Exception {
        Overviews.set(1L << 40, 40 << 10, 8 << 20);
        ImageEditor editor = opened(open(volume()));
        ViewerViewsTest.waitForPicture(editor, p -> true);
        assertNull(editor.pyramid());
    }

    /** The Image editor {@code part}, once its image is read (fails with the editor's error otherwise). */
    static ImageEditor opened(IEditorPart part) {
        ImageEditor editor = assertInstanceOf(ImageEditor.class, part);
        waitFor("the image read", () -> editor.header() != null || editor.error() != null);
        assertNull(editor.error(), editor.error());
        return editor;
    }

    private static IEditorPart open(Path file) throws Exception {
        IEditorPart part = ImageViewer.open(page(), file);
        processEvents();
        return part;
    }
}
