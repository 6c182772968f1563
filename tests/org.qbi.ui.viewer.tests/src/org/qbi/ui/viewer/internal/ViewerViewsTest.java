package org.qbi.ui.viewer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.io.testing.SharedData;
import org.qbi.project.ProjectLayout;
import org.qbi.ui.testing.UiTesting;
import org.qbi.ui.viewer.ImageViewer;
import org.qbi.ui.viewer.internal.render.DisplayWindow;
import org.qbi.ui.viewer.internal.render.Picture;
import org.qbi.ui.viewer.internal.render.Projection;
import org.qbi.ui.viewer.internal.render.Roi;
import org.qbi.ui.viewer.internal.render.RoiMeasure;
import org.qbi.ui.viewer.internal.render.SliceRenderer;
import org.qbi.ui.viewer.internal.render.SlicePlane;
import org.qbi.ui.viewer.internal.render.ViewRequest;
import org.qbi.ui.viewer.testformat.MiddlePlaneRenderer;

/**
 * The Image editor's views of real files from ../shared/data (skipped where it is absent): orthogonal planes with
 * a linked cursor, projections and montages, the channel composite, mask overlays, ROIs, export, the renderers'
 * extension point and the Display controls view. Rendered pixels are checked against values numpy, tifffile,
 * Pillow and pydicom computed independently (data/views/make_expected.py); screenshots go to
 * target/screenshots/.
 */
class ViewerViewsTest {

    private static final String HEAD = "tiff/3d/mini-t1-head.tif";
    private static final String CELLS = "tiff/multichannel/BBBC022_IXMtest_A02_s9.tif";
    private static final String LUNG = "tiff/8bit/lung_CT_41_40_lzw.tif";
    private static final String LUNG_MASK = "tiff/8bit/lung_CT_41_40_mask_lzw.tif";
    /** 128 x 96 x 24 x 2 int16, 2 x 2 x 2.2 mm. (The HU CT slices of the shared data carry a TIFF header in their
     * DICOM preamble and are opened by the TIFF reader when both readers are installed: see the report.) */
    private static final String FMRI = "nifti/example4d.nii.gz";
    private static final String MEMBRANES = "tiff/16bit/membranes.tif";

    @AfterEach
    void closeEditors() {
        ViewerMemory.forgetAll();
        page().closeAllEditors(false);
        processEvents();
    }

    @Test
    void orthogonalViewsShowThePlanesThroughTheCursorAndAClickMovesIt() throws Exception {
        ImageEditor editor = open(SharedData.file(HEAD));
        waitForPicture(editor, p -> true);
        assertEquals(32, editor.header().size(Axis.Z));
        DisplayWindow window = new DisplayWindow(0, 421);
        editor.display().setWindow(window);
        editor.showRenderer(OrthogonalViews.ID);
        OrthogonalViews ortho = assertInstanceOf(OrthogonalViews.class, editor.renderer(OrthogonalViews.ID));
        assertEquals(OrthogonalViews.ID, editor.rendererId());
        ortho.moveCursor(SlicePlane.AXIAL, 10, 20);
        ortho.moveCursor(SlicePlane.CORONAL, 10, 5);
        waitFor("the planes through x 10, y 20, z 5", () -> ortho.showsCursor(10, 20, 5)
                && ortho.canvas(SlicePlane.CORONAL).data() != null);
        assertPlane(ortho.canvas(SlicePlane.CORONAL).data(), read("head-coronal-y20.txt"), window, "coronal y 20");
        assertPlane(ortho.canvas(SlicePlane.SAGITTAL).data(), read("head-sagittal-x10.txt"), window, "sagittal x 10");
        assertEquals(1.0, ortho.canvas(SlicePlane.CORONAL).transform().aspect(), "1.5 mm voxels: square pixels");

        // a click in the sagittal plane (y to the right, z down) moves y and z; x stays
        ImageCanvas sagittal = ortho.canvas(SlicePlane.SAGITTAL);
        Event click = new Event();
        click.button = 1;
        click.x = (int) Math.round(sagittal.transform().screenX(7.5));
        click.y = (int) Math.round(sagittal.transform().screenY(12.5));
        sagittal.control().notifyListeners(SWT.MouseDown, click);
        waitFor("the cursor at x 10, y 7, z 12", () -> ortho.showsCursor(10, 7, 12));
        assertEquals(12, editor.scale(Axis.Z).getSelection(), "the slice viewer's z slider follows the cursor");

        editor.showRenderer(RendererRegistry.SLICES);
        waitForPicture(editor, p -> p.request().index() == 12);
    }

    @Test
    void aBrainInOrthogonalViewsWithOrientationLettersFromItsHeader() throws Exception {
        ImageEditor editor = open(SharedData.file("nifti/ch2bet.nii.gz"));
        waitForPicture(editor, p -> true);
        assertTrue(editor.header().orientation().isPresent(), "NIfTI gives the orientation");
        // stored RAS (nibabel: aff2axcodes R, A, S); in LPS +x points right, +y anterior, +z superior
        assertEquals(new org.qbi.ui.viewer.internal.render.OrientationLabels("L", "R", "P", "A"),
                org.qbi.ui.viewer.internal.render.OrientationLabels.of(editor.header().orientation().get(),
                        SlicePlane.AXIAL));
        editor.showRenderer(OrthogonalViews.ID);
        OrthogonalViews ortho = assertInstanceOf(OrthogonalViews.class, editor.renderer(OrthogonalViews.ID));
        ortho.moveCursor(SlicePlane.AXIAL, 90, 108);
        ortho.moveCursor(SlicePlane.CORONAL, 90, 80);
        waitFor("the planes through the centre", () -> ortho.showsCursor(90, 108, 80));
        assertEquals(181, ortho.canvas(SlicePlane.SAGITTAL).data().height, "z runs down the sagittal plane");
        assertEquals(217, ortho.canvas(SlicePlane.SAGITTAL).data().width);
        screenshot("screenshot-viewer-orthogonal.png");
    }

    @Test
    void theMeanProjectionOfTheBoneStackAlongYMatchesNumpy() throws Exception {
        ImageEditor editor = open(SharedData.file("tiff/3d/bone_7H3A_B1.tif"));
        waitForPicture(editor, p -> true);
        editor.display().setContrast(SliceRenderer.Contrast.MIN_MAX);
        editor.view().setProjection(Projection.Kind.MEAN, Axis.Y);
        Picture mean = waitForPicture(editor, p -> p.request().mode() == ViewRequest.Mode.PROJECTION);
        assertEquals(350, mean.width());
        assertEquals(600, mean.height());
        String[] lines = text("bone-mean-y.txt").split("\n"); // "mean v", then "x z v" per point
        double[][] rows = Arrays.stream(lines).skip(1).map(l -> Arrays.stream(l.trim().split(" "))
                .mapToDouble(Double::parseDouble).toArray()).toArray(double[][]::new);
        double sum = 0;
        for (int i = 0; i < mean.width() * mean.height(); i++) {
            sum += mean.planeValues().get(i);
        }
        assertEquals(Double.parseDouble(lines[0].split(" ")[1]), sum / (mean.width() * mean.height()), 1e-9,
                "mean of the projection (numpy)");
        for (double[] row : rows) {
            assertEquals(row[2], mean.planeValues().get((int) row[1] * 350 + (int) row[0]), 1e-9,
                    "mean along y at x " + row[0] + ", z " + row[1]);
        }
        screenshot("screenshot-viewer-projection.png");
    }

    @Test
    void coronalAndSagittalPlanesInTheSliceViewerHaveTheirSliderAndReadout() throws Exception {
        ImageEditor editor = open(SharedData.file(HEAD));
        waitForPicture(editor, p -> true);
        DisplayWindow window = new DisplayWindow(0, 421);
        editor.display().setWindow(window);
        editor.view().setPlane(SlicePlane.CORONAL);
        assertNull(editor.scale(Axis.Z), "the coronal plane's slider runs along y");
        assertNotNull(editor.scale(Axis.Y));
        editor.scale(Axis.Y).setSelection(20);
        editor.scale(Axis.Y).notifyListeners(SWT.Selection, new Event());
        Picture coronal = waitForPicture(editor, p -> p.request().plane() == SlicePlane.CORONAL
                && p.request().index() == 20);
        assertPlane(editor.canvas().data(), read("head-coronal-y20.txt"), window, "coronal plane y 20 of the editor");
        double[][] expected = read("head-coronal-y20.txt");
        String readout = editor.readout(coronal, 10, 5);
        assertTrue(readout.startsWith("x 10  y 20  z 5  \u00b7  "), readout);
        assertTrue(readout.endsWith("stored " + (long) expected[5][10]), readout);
    }

    @Test
    void projectionsAlongEachAxisAreComputedInAJobAndMatchNumpy() throws Exception {
        ImageEditor editor = open(SharedData.file(HEAD));
        waitForPicture(editor, p -> true);
        DisplayWindow window = new DisplayWindow(0, 421);
        editor.display().setWindow(window);
        check(editor, Projection.Kind.MAX, Axis.Z, "head-max-z.txt", window);
        check(editor, Projection.Kind.MEAN, Axis.Y, "head-mean-y.txt", window);
        check(editor, Projection.Kind.MIN, Axis.X, "head-min-x.txt", window);
        Picture mip = waitForPicture(editor, p -> p.request().mode() == ViewRequest.Mode.PROJECTION);
        assertTrue(editor.readout(mip, 3, 4).contains("minimum along x: stored "), editor.readout(mip, 3, 4));
    }

    private static void check(ImageEditor editor, Projection.Kind kind, Axis axis, String reference,
            DisplayWindow window) throws IOException {
        editor.view().setProjection(kind, axis);
        Picture picture = waitForPicture(editor, p -> p.request().mode() == ViewRequest.Mode.PROJECTION
                && p.request().kind() == kind && p.request().plane().normal() == axis);
        double[][] expected = read(reference);
        assertEquals(PixelType.FLOAT64, picture.type());
        for (int v = 0; v < expected.length; v++) {
            for (int h = 0; h < expected[v].length; h++) {
                assertEquals(expected[v][h], picture.planeValues().get(v * picture.width() + h), 1e-9,
                        kind + " along " + axis.label() + " at " + h + ", " + v);
            }
        }
        assertPlane(editor.canvas().data(), expected, window, kind + " projection along " + axis.label());
    }

    @Test
    void aMontageShowsEverySliceAsATile() throws Exception {
        ImageEditor editor = open(SharedData.file(HEAD));
        waitForPicture(editor, p -> true);
        DisplayWindow window = new DisplayWindow(0, 421);
        editor.display().setWindow(window);
        editor.view().setMontage();
        Picture montage = waitForPicture(editor, p -> p.request().mode() == ViewRequest.Mode.MONTAGE);
        assertEquals(32, montage.montage().slices().length);
        assertEquals(6, montage.montage().columns());
        ImageData data = editor.canvas().data();
        assertEquals(6 * 32, data.width);
        // tile of slice 5 (row 0, column 5) holds slice z 5: its row y 20 is the coronal plane's row z 5
        double[][] coronal = read("head-coronal-y20.txt");
        for (int x = 0; x < 32; x++) {
            assertEquals(window.gray(coronal[5][x]), gray(data, 5 * 32 + x, 20), "tile z 5, x " + x + ", y 20");
        }
        screenshot("screenshot-viewer-montage.png");
    }

    @Test
    void theCompositeShowsEachChannelInItsColourThroughItsWindowAndChannelsCanBeTurnedOff() throws Exception {
        ImageEditor editor = open(SharedData.file(CELLS));
        waitForPicture(editor, p -> true);
        assertEquals(3, editor.header().size(Axis.C), "the hyperstack's 3 channels");
        DisplayWindow[] windows = { new DisplayWindow(150, 700), new DisplayWindow(150, 1200),
                new DisplayWindow(150, 900) };
        int[] colours = { 0xFF00FF, 0x00FF00, 0x00FFFF };
        List<Picture.ChannelSetting> settings = List.of(new Picture.ChannelSetting(colours[0], true, windows[0]),
                new Picture.ChannelSetting(colours[1], true, windows[1]),
                new Picture.ChannelSetting(colours[2], true, windows[2]));
        editor.setChannels(settings);
        editor.view().setComposite(true);
        waitForPicture(editor, p -> p.request().composite());
        screenshot("screenshot-viewer-composite.png");
        double[][] pixels = read("cells-pixels.txt");
        ImageData data = editor.canvas().data();
        for (double[] p : pixels) {
            int x = (int) p[0];
            int y = (int) p[1];
            assertEquals(composite(p, windows, colours, new boolean[] { true, true, true }), rgb(data, x, y),
                    "composite at " + x + ", " + y);
        }
        editor.setChannels(List.of(settings.get(0), new Picture.ChannelSetting(colours[1], false, windows[1]),
                settings.get(2)));
        waitForPicture(editor, p -> !editor.slice().display().channels().get(1).visible());
        for (double[] p : pixels) {
            assertEquals(composite(p, windows, colours, new boolean[] { true, false, true }),
                    rgb(editor.canvas().data(), (int) p[0], (int) p[1]), "without channel 1 at " + p[0] + ", " + p[1]);
        }
    }

    private static int composite(double[] pixel, DisplayWindow[] windows, int[] colours, boolean[] on) {
        int r = 0;
        int g = 0;
        int b = 0;
        for (int c = 0; c < 3; c++) {
            if (on[c]) {
                int level = windows[c].gray(pixel[2 + c]);
                r += level * (colours[c] >> 16 & 0xFF);
                g += level * (colours[c] >> 8 & 0xFF);
                b += level * (colours[c] & 0xFF);
            }
        }
        return Math.min(255, (r + 127) / 255) << 16 | Math.min(255, (g + 127) / 255) << 8
                | Math.min(255, (b + 127) / 255);
    }

    @Test
    void aMaskOverlayColoursExactlyTheMaskedPixelsFilledOrOutlined() throws Exception {
        ImageEditor editor = open(SharedData.file(LUNG));
        waitForPicture(editor, p -> true);
        ImageData before = editor.canvas().data();
        int[] counts = Arrays.stream(text("lung-mask-counts.txt").trim().split(" ")).mapToInt(Integer::parseInt)
                .toArray();
        editor.overlay().setStyle(1, false);
        editor.showOverlay(SharedData.file(LUNG_MASK));
        Picture overlaid = waitForPicture(editor, p -> p.labels() != null);
        ImageData after = editor.canvas().data();
        int maskColour = SliceRenderer.labelColour(255);
        int labelled = 0;
        for (int y = 0; y < after.height; y++) {
            for (int x = 0; x < after.width; x++) {
                double label = overlaid.labels().get(y * after.width + x);
                if (label != 0) {
                    labelled++;
                    assertEquals(maskColour, rgb(after, x, y), "masked pixel " + x + ", " + y);
                } else {
                    assertEquals(rgb(before, x, y), rgb(after, x, y), "unmasked pixel " + x + ", " + y);
                }
            }
        }
        assertEquals(counts[0], labelled, "the mask's non-zero pixels (Pillow)");
        screenshot("screenshot-viewer-overlay.png");

        editor.overlay().setStyle(1, true);
        waitFor("outlines", () -> {
            ImageData d = editor.canvas().data();
            return d != null && changed(before, d) == counts[1];
        });
        assertEquals(counts[1], changed(before, editor.canvas().data()), "only the mask's border pixels (numpy)");
        editor.overlay().setStyle(0.5, false);
        waitFor("half opacity", () -> changed(before, editor.canvas().data()) > counts[1]);
        int[] p = firstMasked(overlaid);
        int under = rgb(before, p[0], p[1]) & 0xFF;
        int expectedRed = (under + (maskColour >> 16 & 0xFF) + 1) / 2;
        assertEquals(expectedRed, rgb(editor.canvas().data(), p[0], p[1]) >> 16 & 0xFF, "red at half opacity");
        String readout = editor.readout(editor.slice().picture(), p[0], p[1]);
        assertTrue(readout.endsWith("label 255"), readout);

        editor.overlay().remove();
        waitFor("no overlay", () -> editor.slice() != null && editor.slice().picture().labels() == null);
        assertEquals(0, changed(before, editor.canvas().data()));
        // a mask of another size is refused with both sizes named
        editor.showOverlay(SharedData.file(MEMBRANES));
        waitFor("the refusal", () -> editor.status().getText().startsWith("Cannot use membranes.tif as an overlay"));
        assertTrue(editor.status().getText().contains("256 x 256 x 1 pixels, the image 580 x 420 x 1"),
                editor.status().getText());
    }

    @Test
    void aLabelOverlayColoursEachLabelledPixelInItsLabelsColour(@TempDir Path dir) throws Exception {
        // three labels (1, 2 and 1000) in rectangles, written as a uint16 TIFF the size of the lung slice
        ArrayImage labels = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.UINT16, 580, 420));
        int[][] boxes = { { 1, 10, 10, 100, 60 }, { 2, 200, 100, 300, 200 }, { 1000, 400, 300, 450, 400 } };
        for (int[] b : boxes) {
            for (int y = b[2]; y < b[4]; y++) {
                for (int x = b[1]; x < b[3]; x++) {
                    PixelValues.set(PixelType.UINT16, labels.values(), (long) y * 580 + x, b[0]);
                }
            }
        }
        Path file = dir.resolve("labels.tif");
        ImageFormats.installed().writerFor(file).write(labels, file, ProgressMonitor.NULL);

        ImageEditor editor = open(SharedData.file(LUNG));
        waitForPicture(editor, p -> true);
        ImageData before = editor.canvas().data();
        editor.overlay().setStyle(1, false);
        editor.showOverlay(file);
        Picture overlaid = waitForPicture(editor, p -> p.labels() != null);
        ImageData after = editor.canvas().data();
        int coloured = 0;
        for (int y = 0; y < 420; y++) {
            for (int x = 0; x < 580; x++) {
                int label = 0;
                for (int[] b : boxes) {
                    if (x >= b[1] && x < b[3] && y >= b[2] && y < b[4]) {
                        label = b[0];
                    }
                }
                int expected = label == 0 ? rgb(before, x, y) : SliceRenderer.labelColour(label);
                assertEquals(expected, rgb(after, x, y), "pixel " + x + ", " + y + " of label " + label);
                coloured += rgb(after, x, y) != rgb(before, x, y) ? 1 : 0;
            }
        }
        assertTrue(coloured <= 90 * 50 + 100 * 100 + 50 * 100, "only labelled pixels change: " + coloured);
        assertNotEquals(SliceRenderer.labelColour(1), SliceRenderer.labelColour(2), "neighbouring labels differ");
        assertTrue(editor.readout(overlaid, 420, 350).endsWith("label 1000"), editor.readout(overlaid, 420, 350));
    }

    private static int[] firstMasked(Picture picture) {
        for (int i = 0; i < picture.width() * picture.height(); i++) {
            if (picture.labels().get(i) != 0) {
                return new int[] { i % picture.width(), i / picture.width() };
            }
        }
        throw new AssertionError("no masked pixel");
    }

    private static int changed(ImageData a, ImageData b) {
        int n = 0;
        for (int y = 0; y < a.height; y++) {
            for (int x = 0; x < a.width; x++) {
                if (rgb(a, x, y) != rgb(b, x, y)) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void roiStatisticsInPhysicalUnitsAndTheLineProfileMatchNibabel() throws Exception {
        ImageEditor editor = openFmriAtZ12T1(SharedData.file(FMRI));
        String[] lines = text("fmri-roi-stats.txt").split("\n");
        editor.rois().setRoi(new Roi.Rectangle(30, 40, 70, 80));
        assertStatistics(editor.rois().statistics(), lines[0]);
        assertTrue(editor.status().getText().startsWith("Rectangle: 1600 pixels, mean 425.2"),
                editor.status().getText());
        assertTrue(editor.status().getText().endsWith("area 6400 mm^2"), editor.status().getText());
        editor.rois().setRoi(new Roi.Ellipse(20, 20, 100, 80));
        assertStatistics(editor.rois().statistics(), lines[1]);

        LineProfileView.open();
        processEvents();
        LineProfileView view = assertInstanceOf(LineProfileView.class, page().findView(ImageViewer.LINE_PROFILE_VIEW_ID));
        page().activate(editor);
        editor.rois().setRoi(new Roi.Line(10.5, 64.5, 110.5, 64.5));
        waitFor("the profile in the view", () -> view.profile() != null && view.chart() != null);
        double[] expected = Arrays.stream(lines[2].substring("profile ".length()).trim().split(" "))
                .mapToDouble(Double::parseDouble).toArray();
        RoiMeasure.Profile profile = view.profile();
        assertEquals(expected.length, profile.values().length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], profile.values()[i], 1e-9, "profile sample " + i);
        }
        assertEquals(200, profile.distance()[100], 1e-9, "100 pixels of 2 mm");
        screenshot("screenshot-viewer-profile.png");
    }

    /** Opens the fMRI volume and moves to plane z 12 at time point t 1. */
    private static ImageEditor openFmriAtZ12T1(Path file) throws Exception {
        ImageEditor editor = open(file);
        waitForPicture(editor, p -> true);
        editor.scale(Axis.Z).setSelection(12);
        editor.scale(Axis.Z).notifyListeners(SWT.Selection, new Event());
        editor.scale(Axis.T).setSelection(1);
        editor.scale(Axis.T).notifyListeners(SWT.Selection, new Event());
        waitForPicture(editor, p -> p.request().index() == 12 && p.request().t() == 1);
        return editor;
    }

    @Test
    void theTimeCurveUnderTheMouseAndOverARoiMatchNibabel() throws Exception {
        ImageEditor editor = open(SharedData.file("nifti/dipy_small_64D.nii"));
        waitForPicture(editor, p -> true);
        editor.scale(Axis.Z).setSelection(5);
        editor.scale(Axis.Z).notifyListeners(SWT.Selection, new Event());
        waitForPicture(editor, p -> p.request().index() == 5);
        CurveView view = assertInstanceOf(CurveView.class, page().showView(ImageViewer.CURVE_VIEW_ID));
        page().activate(editor);
        processEvents();
        double[][] expected = read("dwi-curves.txt");
        Event move = new Event();
        move.x = (int) Math.round(editor.canvas().transform().screenX(6.5));
        move.y = (int) Math.round(editor.canvas().transform().screenY(4.5));
        editor.canvas().control().notifyListeners(SWT.MouseMove, move);
        assertArrayEquals(new long[] { 6, 4, 5, 0, 0 }, editor.hovered());
        waitFor("the curve at the voxel", () -> view.curve() != null && view.curve().values().length == 65
                && view.curve().values()[0] == expected[0][0] && view.summary().getText().contains("x 6  y 4  z 5"));
        assertArrayEquals(expected[0], view.curve().values(), 1e-9);
        assertEquals(Axis.T, view.curve().along());
        assertEquals(64, view.curve().positions()[64], 1e-12, "t spacing 1 (pixdim[4])");
        editor.rois().setRoi(new Roi.Rectangle(2, 3, 8, 9));
        waitFor("the mean over the ROI", () -> view.summary().getText().contains("mean over the rectangle"));
        assertArrayEquals(expected[1], view.curve().values(), 1e-9);
        assertNotNull(view.chart());
        screenshot("screenshot-viewer-curve.png");
    }

    private static void assertStatistics(RoiMeasure.Statistics s, String line) {
        String[] f = line.split(" ");
        assertEquals(Long.parseLong(f[1]), s.count(), f[0] + " count");
        assertEquals(Double.parseDouble(f[2]), s.mean(), 1e-9, f[0] + " mean");
        assertEquals(Double.parseDouble(f[3]), s.std(), 1e-9, f[0] + " std");
        assertEquals(Double.parseDouble(f[4]), s.min(), f[0] + " min");
        assertEquals(Double.parseDouble(f[5]), s.max(), f[0] + " max");
        assertEquals(Double.parseDouble(f[6]), s.area(), 1e-6, f[0] + " area");
        assertEquals("mm^2", s.areaUnit());
    }

    @Test
    void aRoisPixelsAreExportedIntoTheProjectsResultsFolder(@TempDir Path dir) throws Exception {
        ProjectLayout project = new ProjectLayout(dir.resolve("study")).create();
        Path image = project.raw().resolve("example4d.nii.gz");
        Files.copy(SharedData.file(FMRI), image);
        ImageEditor editor = openFmriAtZ12T1(image);
        assertEquals(project.results(), RoiExport.resultsFolder(image));
        assertNull(RoiExport.resultsFolder(SharedData.file(FMRI)), "the shared data is in no project");
        editor.rois().setRoi(new Roi.Rectangle(30, 40, 70, 80));
        RoiExport.export(editor, editor.rois().roi());
        Path csv = project.results().resolve("example4d-roi-rectangle-z12.csv");
        waitFor("the CSV in results/", () -> Files.exists(csv));
        List<String> rows = Files.readAllLines(csv);
        assertEquals("x,y,z,t,value", rows.get(0));
        assertEquals(1 + 1600, rows.size());
        double sum = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            int x = Integer.parseInt(cells[0]);
            int y = Integer.parseInt(cells[1]);
            assertTrue(x >= 30 && x < 70 && y >= 40 && y < 80, row);
            assertEquals("12", cells[2]);
            assertEquals("1", cells[3]);
            sum += Double.parseDouble(cells[4]);
        }
        String[] stats = text("fmri-roi-stats.txt").split("\n")[0].split(" ");
        assertEquals(Double.parseDouble(stats[2]), sum / 1600, 1e-9, "the exported values' mean (nibabel)");
        assertTrue(rows.get(1).startsWith("30,40,12,1,"), rows.get(1));
        waitFor("the status line", () -> editor.status().getText().startsWith("ROI: 1600 pixels written to "));
    }

    @Test
    void theViewIsExportedAsPngAndSvgWithTheScaleBar(@TempDir Path dir) throws Exception {
        ImageEditor editor = open(SharedData.file(FMRI));
        waitForPicture(editor, p -> true);
        ImageData figure = ViewExport.figure(editor);
        assertEquals(128, figure.width);
        assertEquals(96, figure.height, "2 x 2 mm pixels: one figure pixel each");
        ImageData shown = editor.canvas().data();
        assertEquals(rgb(shown, 40, 50), figureRgb(figure, 40, 50), "the picture's pixels, unscaled");
        Path png = dir.resolve("view.png");
        Path svg = dir.resolve("view.svg");
        ViewExport.write(figure, ViewExport.scaleBar(editor, figure), png);
        ViewExport.write(figure, ViewExport.scaleBar(editor, figure), svg);
        ImageData back = new ImageLoader().load(png.toString())[0];
        assertEquals(128, back.width);
        assertEquals(figureRgb(figure, 40, 50), figureRgb(back, 40, 50));
        String text = Files.readString(svg);
        assertTrue(text.contains("<image width=\"128\" height=\"96\""), text.substring(0, 200));
        // 128 px of 2 mm; at most a fifth (25 px = 50 mm): 50 mm, 25 px
        assertTrue(text.contains(">50 mm</text>"), "scale bar label");
        assertTrue(text.contains("width=\"25\" height=\"4\""), "scale bar length");
        // the scale bar is white in the figure's bottom left (rows 80..83, columns 12..36)
        assertEquals(0xFFFFFF, figureRgb(figure, 14, 82));
        assertEquals(0xFFFFFF, figureRgb(figure, 36, 80));
        ViewExport.copy(editor);
        org.eclipse.swt.dnd.Clipboard clipboard = new org.eclipse.swt.dnd.Clipboard(Display.getCurrent());
        try {
            ImageData copied = (ImageData) clipboard.getContents(org.eclipse.swt.dnd.ImageTransfer.getInstance());
            assertNotNull(copied, "an image on the clipboard");
            assertEquals(128, copied.width);
            assertEquals(96, copied.height);
        } finally {
            clipboard.dispose();
        }
    }

    @Test
    void zoomOneToOneSmoothingAndTheLutRememberedPerImage() throws Exception {
        Path ct = SharedData.file(HEAD);
        ImageEditor editor = open(ct);
        waitForPicture(editor, p -> true);
        editor.canvas().oneToOne();
        assertEquals(1.0, editor.canvas().transform().scale(), 1e-12);
        editor.canvas().setSmooth(true);
        assertTrue(editor.canvas().smooth());
        assertTrue(editor.getTitleToolTip() != null);
        editor.setLut("org.qbi.ui.viewer.luts.viridis");
        page().closeAllEditors(false);
        processEvents();
        ImageEditor again = open(ct);
        waitForPicture(again, p -> true);
        assertEquals("org.qbi.ui.viewer.luts.viridis", again.lut().id(), "the LUT chosen for this image");
        ImageEditor other = open(SharedData.file(LUNG));
        waitForPicture(other, p -> true);
        assertEquals(ImageEditor.DEFAULT_LUT, other.lut().id(), "another image keeps gray");
        again.setLut(ImageEditor.DEFAULT_LUT);
        assertNull(ViewerMemory.lut(ct), "gray is the default: nothing to remember");
    }

    @Test
    void everyContributedRendererOpensAndABrokenOneFallsBackToTheSliceViewer() throws Exception {
        List<RendererRegistry.Entry> installed = RendererRegistry.installed();
        assertEquals(RendererRegistry.SLICES, installed.get(0).id(), "the slice viewer first");
        assertTrue(installed.stream().anyMatch(e -> e.id().equals(OrthogonalViews.ID)), installed.toString());
        ImageEditor editor = open(SharedData.file(HEAD));
        waitForPicture(editor, p -> true);
        for (RendererRegistry.Entry entry : installed) {
            editor.showRenderer(entry.id());
            processEvents();
            if (entry.id().equals(BROKEN)) {
                assertEquals(RendererRegistry.SLICES, editor.rendererId(), "a renderer that cannot load: slices");
                assertNull(editor.renderer(BROKEN));
            } else {
                assertEquals(entry.id(), editor.rendererId());
                assertNotNull(editor.renderer(entry.id()), entry.id());
            }
        }
        Job.getJobManager().join(editor.renderer(OrthogonalViews.ID), null);
        processEvents();
    }

    private static final String BROKEN = "org.qbi.ui.viewer.tests.broken";

    @Test
    void aRendererContributedFromAnotherBundleReadsThroughTheSiteAndIsColouredLikeTheEditor() throws Exception {
        ImageEditor editor = open(SharedData.file(HEAD));
        waitForPicture(editor, p -> true);
        DisplayWindow window = new DisplayWindow(0, 421);
        editor.display().setWindow(window);
        waitForPicture(editor, p -> editor.slice().rendered().window().equals(window));
        MiddlePlaneRenderer.last = null;
        editor.showRenderer("org.qbi.ui.viewer.tests.middle");
        assertTrue(Arrays.asList(editor.pages().viewCombo().getItems()).contains("Middle Plane (test)"));
        assertEquals("Middle Plane (test)", editor.pages().viewCombo().getText());
        waitFor("the middle plane", () -> MiddlePlaneRenderer.last != null && MiddlePlaneRenderer.last.rendered != null);
        ImageData data = MiddlePlaneRenderer.last.rendered;
        double[][] coronal = read("head-coronal-y20.txt"); // row z 16 of it is row y 20 of plane z 16
        for (int x = 0; x < 32; x++) {
            assertEquals(window.gray(coronal[16][x]), gray(data, x, 20), "middle plane x " + x + ", y 20");
        }
        int refreshes = MiddlePlaneRenderer.last.refreshes;
        editor.setLut("org.qbi.ui.viewer.luts.viridis");
        assertTrue(MiddlePlaneRenderer.last.refreshes > refreshes, "display changes refresh the renderer in front");
    }

    @Test
    void roisAreDrawnWithTheMouse() throws Exception {
        ImageEditor editor = open(SharedData.file(FMRI));
        waitForPicture(editor, p -> true);
        ImageCanvas canvas = editor.canvas();
        editor.rois().setTool(RoiTool.Tool.RECTANGLE);
        mouse(canvas, SWT.MouseDown, 30, 40, 1);
        mouse(canvas, SWT.MouseMove, 50, 60, 0);
        mouse(canvas, SWT.MouseUp, 70, 80, 1);
        // mouse positions are whole screen pixels: the corners land within one screen pixel of where they were aimed
        double tolerance = 1 / canvas.transform().scale();
        assertTrue(tolerance < 0.5, "zoomed in enough for the test: " + canvas.transform().scale());
        Roi.Rectangle rect = assertInstanceOf(Roi.Rectangle.class, editor.rois().roi());
        assertEquals(30, rect.x0(), tolerance);
        assertEquals(80, rect.y1(), tolerance);
        assertEquals(1600, editor.rois().statistics().count(), "40 x 40 pixel centres whatever the rounding");
        editor.rois().setTool(RoiTool.Tool.POLYGON);
        mouse(canvas, SWT.MouseDown, 10, 10, 1);
        mouse(canvas, SWT.MouseDown, 50, 10, 1);
        mouse(canvas, SWT.MouseDown, 10, 50, 1);
        mouse(canvas, SWT.MouseDoubleClick, 10, 50, 1);
        Roi.Polygon polygon = assertInstanceOf(Roi.Polygon.class, editor.rois().roi());
        assertEquals(3, polygon.points().size());
        // centres strictly inside the right triangle of legs 40 with exact vertices: 39 + 38 + ... + 1 = 780; the
        // rounded vertices move the hypotenuse by under a pixel, which adds or drops at most its 40 edge centres
        long count = editor.rois().statistics().count();
        assertTrue(count >= 740 && count <= 820, "pixels in the polygon: " + count);
        assertEquals(RoiMeasure.pixels(polygon, 128, 96).size(), count);
        assertTrue(editor.canvas().transform().scale() > 0);
        editor.rois().setTool(RoiTool.Tool.NONE);
    }

    /** A mouse event at image coordinates (x, y) of the canvas. */
    private static void mouse(ImageCanvas canvas, int type, double x, double y, int button) {
        Event e = new Event();
        e.x = (int) Math.round(canvas.transform().screenX(x));
        e.y = (int) Math.round(canvas.transform().screenY(y));
        e.button = button;
        e.stateMask = type == SWT.MouseMove ? SWT.BUTTON1 : 0;
        canvas.control().notifyListeners(type, e);
    }

    @Test
    void theDisplayControlsViewSetsTheLutTheWindowAndTheChannels() throws Exception {
        ImageEditor editor = open(SharedData.file(CELLS));
        waitForPicture(editor, p -> true);
        DisplayControlsView view = assertInstanceOf(DisplayControlsView.class,
                page().showView(ImageViewer.DISPLAY_CONTROLS_VIEW_ID));
        page().activate(editor);
        processEvents();
        waitFor("the channel rows", () -> view.rows().size() == 3);
        int viridis = -1;
        for (int i = 0; i < LutRegistry.installed().size(); i++) {
            if (LutRegistry.installed().get(i).id().endsWith(".viridis")) {
                viridis = i;
            }
        }
        view.lutCombo().select(viridis);
        view.lutCombo().notifyListeners(SWT.Selection, new Event());
        assertEquals("org.qbi.ui.viewer.luts.viridis", editor.lut().id());
        view.low().setText("200");
        view.high().setText("800");
        view.applyWindow();
        Picture windowed = waitForPicture(editor, p -> p.rendered().window() != null
                && p.rendered().window().equals(new DisplayWindow(200, 800)));
        assertNotNull(windowed);
        view.compositeButton().setSelection(true);
        view.compositeButton().notifyListeners(SWT.Selection, new Event());
        view.rows().get(1).visible().setSelection(false);
        view.rows().get(1).visible().notifyListeners(SWT.Selection, new Event());
        assertTrue(editor.view().composite());
        assertFalse(editor.channels().get(1).visible());
        // a composite made before the channel settings arrived has none: wait for the one with channel 1 off
        Picture composite = waitForPicture(editor, p -> p.request().composite()
                && editor.slice().display().channels().size() > 1 && !editor.slice().display().channels().get(1)
                        .visible());
        ImageData data = editor.canvas().data();
        for (int x = 0; x < 50; x++) {
            assertEquals(0, rgb(data, x, 100) >> 8 & 0xFF, "green (channel 1) is off at x " + x);
        }
        assertNotEquals(null, composite);
        ViewerMemory.rememberLut(SharedData.file(CELLS), ImageEditor.DEFAULT_LUT);
        screenshot("screenshot-viewer-display.png");
    }

    // helpers

    private static ImageEditor open(Path file) throws Exception {
        IEditorPart part = ImageViewer.open(page(), file);
        processEvents();
        return assertInstanceOf(ImageEditor.class, part);
    }

    /** Waits for a picture shown on the canvas that satisfies {@code test}. */
    static Picture waitForPicture(ImageEditor editor, Predicate<Picture> test) {
        waitFor("a picture", () -> editor.slice() != null && test.test(editor.slice().picture())
                && editor.canvas().data() != null && editor.canvas().message() == null
                && editor.canvas().data().width == editor.slice().picture().width());
        return editor.slice().picture();
    }

    /** Every pixel of a gray picture is the window's gray of the reference value. */
    private static void assertPlane(ImageData data, double[][] expected, DisplayWindow window, String what) {
        assertEquals(expected[0].length, data.width, what + ": width");
        assertEquals(expected.length, data.height, what + ": height");
        for (int v = 0; v < data.height; v++) {
            for (int h = 0; h < data.width; h++) {
                assertEquals(window.gray(expected[v][h]), gray(data, h, v), what + " at " + h + ", " + v);
            }
        }
    }

    private static int gray(ImageData data, int x, int y) {
        return rgb(data, x, y) & 0xFF;
    }

    static int rgb(ImageData data, int x, int y) {
        org.eclipse.swt.graphics.RGB c = data.palette.getRGB(data.getPixel(x, y));
        return c.red << 16 | c.green << 8 | c.blue;
    }

    private static int figureRgb(ImageData data, int x, int y) {
        return rgb(data, x, y);
    }

    /** A reference file: "width height" then the rows (head-*), or rows of numbers (the others). */
    private static double[][] read(String name) throws IOException {
        String[] lines = text(name).split("\n");
        double[][] rows = Arrays.stream(lines).map(l -> Arrays.stream(l.trim().split(" "))
                .mapToDouble(Double::parseDouble).toArray()).toArray(double[][]::new);
        return name.startsWith("head-") ? Arrays.copyOfRange(rows, 1, rows.length) : rows;
    }

    private static String text(String name) throws IOException {
        var bundle = FrameworkUtil.getBundle(ViewerViewsTest.class);
        var found = bundle.findEntries("data/views", name, false);
        assertNotNull(found, "data/views/" + name + " in " + bundle.getSymbolicName());
        URL url = found.nextElement();
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Saves the workbench window as target/screenshots/{@code name} (for docs/; looked at by a person).
     */
    static void screenshot(String name) throws IOException {
        Shell shell = UiTesting.shell();
        Display display = shell.getDisplay();
        if (!shell.getMaximized()) {
            shell.setBounds(0, 0, 1280, 800);
        }
        for (int i = 0; i < 10; i++) {
            processEvents();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Rectangle bounds = shell.getBounds();
        org.eclipse.swt.graphics.Image image = new org.eclipse.swt.graphics.Image(display, bounds.width,
                bounds.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { image.getImageData() };
            Path dir = Path.of(System.getProperty("user.dir"), "target", "screenshots");
            Files.createDirectories(dir);
            loader.save(dir.resolve(name).toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
