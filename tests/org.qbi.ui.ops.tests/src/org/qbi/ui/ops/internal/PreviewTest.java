package org.qbi.ui.ops.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.shell;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Scale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qbi.core.image.ArrayImage;
import org.qbi.io.testing.SharedData;
import org.qbi.ops.filters.GaussianFilter;
import org.qbi.ops.testing.OpTesting;
import org.qbi.ui.testing.UiTesting;
import org.qbi.ui.viewer.ShownImage;

/** The preview: the operator on a crop of the current slice, exactly as on the whole image, following changes. */
class PreviewTest {

    @AfterEach
    void cleanUp() throws Exception {
        OpsUi.cleanUp();
    }

    @Test
    void aCropOfA2dImageGivesTheWholeImagesValues() throws Exception {
        IProject project = OpsUi.project("preview-2d");
        IFile blobs = OpsUi.importRaw(project, SharedData.file("tiff/8bit/blobs.tif"));
        OpsUi.openImage(blobs);
        OperatorFormView form = OpsUi.form("filter.gaussian");
        OpsUi.type(form, "sigma", "3");
        PreviewJob.Result result = waitForPreview(form, "3 px");
        // blobs is 256 x 254: the middle 192 x 192, read with a halo of int(4 * 3 + 0.5) = 12
        assertEquals(192, result.width());
        assertEquals(192, result.height());
        assertArrayEquals(new long[] { 32 - 12, 31 - 12, 0, 0, 0 }, result.crop().origin());
        assertArrayEquals(new long[] { 192 + 24, 192 + 24, 1, 1, 1 }, result.crop().size());
        ArrayImage input = OpTesting.open(blobs.getLocation().toPath());
        ArrayImage whole = (ArrayImage) OpTesting.run(new GaussianFilter(), input, "sigma=3").image();
        assertArrayEquals(region(input, 32, 31, 0, 192, 192), result.before());
        assertArrayEquals(region(whole, 32, 31, 0, 192, 192), result.after(), "bit-identical to the whole image's");
        assertTrue(form.preview().status().startsWith("blobs.tif: the middle 192 x 192 pixels of slice z 0"),
                form.preview().status());
        // a smoothing keeps the data's scale: After is drawn in Before's grey scale (blobs: 8 to 248)
        assertTrue(form.preview().status().endsWith("one grey scale, 8 to 248"), form.preview().status());
    }

    @Test
    void aSliceOfA3dImageIsComputedWithItsNeighbours() throws Exception {
        IProject project = OpsUi.project("preview-3d");
        IFile head = OpsUi.importRaw(project, SharedData.file("tiff/3d/mini-t1-head.tif"));
        ShownImage shown = OpsUi.openImage(head);
        // the user moves to slice 17 of the 32
        Scale z = UiTesting.findAll(shell(), Scale.class).getFirst();
        z.setSelection(17);
        z.notifyListeners(SWT.Selection, new Event());
        waitFor("slice 17 on screen", () -> shown.position()[0] == 17);
        OperatorFormView form = OpsUi.form("filter.gaussian");
        OpsUi.type(form, "sigma", "1.5");
        PreviewJob.Result result = waitForPreview(form, "1.5 px");
        assertEquals(17, result.request().position()[0]);
        // 32 x 32 planes: shown whole; z halo int(4 * 1.5 + 0.5) = 6 planes each side
        assertArrayEquals(new long[] { 0, 0, 11, 0, 0 }, result.crop().origin());
        assertArrayEquals(new long[] { 32, 32, 13, 1, 1 }, result.crop().size());
        ArrayImage input = OpTesting.open(head.getLocation().toPath());
        ArrayImage whole = (ArrayImage) OpTesting.run(new GaussianFilter(), input, "sigma=1.5").image();
        assertArrayEquals(region(input, 0, 0, 17, 32, 32), result.before());
        assertArrayEquals(region(whole, 0, 0, 17, 32, 32), result.after(), "3D smoothing, not 2D");
    }

    @Test
    void followsEveryChangeAndComputesOnlyTheLast() throws Exception {
        IProject project = OpsUi.project("preview-debounce");
        IFile blobs = OpsUi.importRaw(project, SharedData.file("tiff/8bit/blobs.tif"));
        OpsUi.openImage(blobs);
        OperatorFormView form = OpsUi.form("filter.gaussian");
        for (String sigma : List.of("1", "1.5", "2", "2.5", "3", "4")) {
            OpsUi.type(form, "sigma", sigma);
        }
        PreviewJob.Result result = waitForPreview(form, "4 px");
        assertNull(result.problem());
        OpsUi.type(form, "sigma", "-1");
        assertTrue(form.preview().status().startsWith("No preview while a value is invalid"), form.preview().status());
        Job.getJobManager().join(PreviewJob.FAMILY, null);
        processEvents();
        assertEquals("4 px", form.preview().shown().request().arguments().asText().get("sigma"),
                "an invalid value computes nothing: the last preview stays");
    }

    @Test
    void screenshotOfPaletteFormAndPreview() throws Exception {
        OpsUi.processPerspective();
        shell().setSize(1400, 900);
        IProject project = OpsUi.project("Screenshot");
        IFile blobs = OpsUi.importRaw(project, SharedData.file("tiff/8bit/blobs.tif"));
        OpsUi.openImage(blobs);
        OperatorFormView form = OpsUi.form("filter.gaussian");
        OpsUi.type(form, "sigma", "3");
        waitForPreview(form, "3 px");
        OpsUi.palette().filter().setText("");
        processEvents();
        OpsUi.palette().select("filter.gaussian");
        processEvents();
        Path target = Path.of(System.getProperty("user.dir"), "target", "screenshots", "screenshot-operators.png");
        Files.createDirectories(target.getParent());
        // the screen's pixels (Control.print renders some GTK widgets differently from the screen)
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
        assertTrue(Files.size(target) > 10_000, "a real picture");
    }

    private static PreviewJob.Result waitForPreview(OperatorFormView form, String sigma) {
        waitFor("the preview with sigma " + sigma, () -> {
            PreviewJob.Result shown = form.preview().shown();
            return shown != null && sigma.equals(shown.request().arguments().asText().get("sigma"));
        });
        PreviewJob.Result result = form.preview().shown();
        assertNull(result.problem());
        return result;
    }

    /** Values of plane z of {@code image} in the w x h rectangle at (x0, y0), as floats, x fastest. */
    private static float[] region(ArrayImage image, int x0, int y0, int z, int w, int h) throws Exception {
        double[] all = OpTesting.values(image);
        long[] dims = image.header().dimensions();
        float[] values = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                values[y * w + x] = (float) all[(int) ((z * dims[1] + y0 + y) * dims[0] + x0 + x)];
            }
        }
        return values;
    }
}
