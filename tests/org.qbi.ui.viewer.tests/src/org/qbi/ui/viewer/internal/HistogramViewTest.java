package org.qbi.ui.viewer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.util.Arrays;
import java.util.TreeMap;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Rescale;
import org.qbi.ui.viewer.ImageViewer;
import org.qbi.ui.viewer.internal.render.Histogram;
import org.qbi.ui.viewer.testformat.TestVolumes;
import org.qbi.ui.workbench.QbiPerspectives;

/** The Histogram view: slice counts, following the slice and the editor, log counts, the whole-image job. */
class HistogramViewTest {

    /** 16 x 16 x 3 uint16 ramp: values 1000 .. 1195, every plane the same values (shifted along x). */
    static final String RAMP = """
            QBITEST
            type=uint16
            size=16,16,3
            spacing=1,1,1
            unit=mm
            rescale=2,-1000,HU
            pattern=ramp
            """;

    /** The CT phantom: slices differ (it shrinks towards the ends). */
    static final String PHANTOM = """
            QBITEST
            type=int16
            size=32,32,5
            spacing=1,1,2
            unit=mm
            rescale=1,-1024,HU
            pattern=phantom
            """;

    private IProject project;
    private IFile ramp;
    private IFile phantom;

    @BeforeEach
    void testProject() throws Exception {
        project = ViewerFiles.project("histogram-test");
        ramp = ViewerFiles.write(project, "ramp.qbitest", RAMP);
        phantom = ViewerFiles.write(project, "phantom.qbitest", PHANTOM);
    }

    @AfterEach
    void closeAndDelete() throws Exception {
        ViewerMemory.forgetAll();
        page().closeAllEditors(false);
        processEvents();
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }

    @Test
    void theExplorePerspectiveStacksItWithTheMetadataView() {
        page().setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(QbiPerspectives.EXPLORE));
        page().resetPerspective();
        processEvents();
        IViewReference histogram = null;
        for (IViewReference reference : page().getViewReferences()) {
            if (reference.getId().equals(ImageViewer.HISTOGRAM_VIEW_ID)) {
                histogram = reference;
            }
        }
        assertNotNull(histogram, "the Histogram view is in Explore");
        assertNotNull(page().findView(ImageViewer.METADATA_VIEW_ID), "the Metadata view stays in front");
    }

    @Test
    void countsTheSlicesValuesOneBinPerValue() throws Exception {
        HistogramView view = showView();
        ImageEditor editor = open(ramp);
        waitFor("the ramp's histogram", () -> view.shown() == editor && view.result() != null);
        Histogram.Result result = view.result();
        // independently: count the values the format defines for plane z 0
        TreeMap<Integer, Long> expected = new TreeMap<>();
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                expected.merge(TestVolumes.ramp(x, y, 0, 0, 0, 16), 1L, Long::sum);
            }
        }
        int min = expected.firstKey();
        int max = expected.lastKey();
        assertEquals(new Histogram.Binning(min - 0.5, 1, max - min + 1), result.binning());
        long[] counts = new long[max - min + 1];
        expected.forEach((value, n) -> counts[value - min] = n);
        assertArrayEquals(counts, result.counts());
        assertEquals(256, result.stats().count());
        String summary = view.summary().getText();
        assertTrue(summary.startsWith("slice z 0: 256 values, mean "), summary);
        assertTrue(summary.contains("min " + (2 * min - 1000) + " HU") && summary.contains("max " + (2 * max - 1000) + " HU"),
                summary);
        XYPlot plot = (XYPlot) view.chart().getPlot();
        assertEquals("Value (HU)", plot.getDomainAxis().getLabel());
        assertEquals(2 * min - 1000, plot.getDataset(0).getXValue(0, 0), 1e-9, "bin centres in HU");
        assertEquals(1.0, plot.getDataset(1).getYValue(0, counts.length - 1), 1e-12, "the CDF ends at 1");

        // the chart draws on an SWT GC through SWTGraphics2D: the bars' blue and the CDF's orange appear
        org.eclipse.swt.graphics.Image offscreen = new org.eclipse.swt.graphics.Image(view.summary().getDisplay(), 400, 300);
        try {
            org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(offscreen);
            view.paint(gc, new org.eclipse.swt.graphics.Rectangle(0, 0, 400, 300));
            gc.dispose();
            org.eclipse.swt.graphics.ImageData data = offscreen.getImageData();
            boolean bars = false;
            boolean cdf = false;
            for (int y = 0; y < 300; y++) {
                for (int x = 0; x < 400; x++) {
                    org.eclipse.swt.graphics.RGB rgb = data.palette.getRGB(data.getPixel(x, y));
                    bars |= rgb.red == 70 && rgb.green == 110 && rgb.blue == 170;
                    cdf |= rgb.red == 200 && rgb.green == 80 && rgb.blue == 40;
                }
            }
            assertTrue(bars, "bars drawn");
            assertTrue(cdf, "CDF drawn");
        } finally {
            offscreen.dispose();
        }
    }

    @Test
    void followsTheSlice() throws Exception {
        HistogramView view = showView();
        ImageEditor editor = open(phantom);
        waitFor("slice 0", () -> view.shown() == editor && view.result() != null);
        Histogram.Result first = view.result();
        assertArrayEquals(expectedPhantom(0).counts(), first.counts());
        Scale z = editor.scale(Axis.Z);
        z.setSelection(2);
        z.notifyListeners(SWT.Selection, new Event());
        waitFor("slice 2", () -> view.result() != first && view.summary().getText().startsWith("slice z 2"));
        Histogram.Result middle = view.result();
        assertEquals(expectedPhantom(2).binning(), middle.binning());
        assertArrayEquals(expectedPhantom(2).counts(), middle.counts());
        assertFalse(Arrays.equals(first.counts(), middle.counts()));
    }

    @Test
    void logCounts() throws Exception {
        HistogramView view = showView();
        ImageEditor editor = open(ramp);
        waitFor("the histogram", () -> view.shown() == editor && view.chart() != null);
        long[] counts = view.result().counts();
        view.logAction().setChecked(true);
        view.logAction().run();
        processEvents();
        XYPlot plot = (XYPlot) view.chart().getPlot();
        assertEquals("log10(1 + count)", plot.getRangeAxis().getLabel());
        for (int i = 0; i < counts.length; i++) {
            assertEquals(Math.log10(1 + counts[i]), plot.getDataset(0).getYValue(0, i), 1e-12);
        }
        view.logAction().setChecked(false);
        view.logAction().run();
        plot = (XYPlot) view.chart().getPlot();
        assertEquals("Count", plot.getRangeAxis().getLabel());
        assertEquals(counts[0], plot.getDataset(0).getYValue(0, 0), 1e-12);
    }

    @Test
    void wholeImageInAJob() throws Exception {
        HistogramView view = showView();
        ImageEditor editor = open(ramp);
        waitFor("the slice histogram", () -> view.shown() == editor && view.result() != null);
        long[] slice = view.result().counts();
        view.wholeImageAction().setChecked(true);
        view.wholeImageAction().run();
        assertNotNull(view.wholeImageJob(), "computed in a job");
        waitFor("the whole image", () -> view.result() != null && view.result().stats().count() == 3 * 256);
        // every plane of the ramp holds the same values
        assertArrayEquals(Arrays.stream(slice).map(n -> 3 * n).toArray(), view.result().counts());
        assertTrue(view.summary().getText().startsWith("whole image: 768 values"), view.summary().getText());
        assertNull(view.wholeImageJob());
        // back to the slice
        view.wholeImageAction().setChecked(false);
        view.wholeImageAction().run();
        processEvents();
        assertArrayEquals(slice, view.result().counts());
    }

    @Test
    void aCancelledWholeImageJobGoesBackToTheSlice() throws Exception {
        HistogramView view = showView();
        ImageEditor editor = open(phantom);
        waitFor("the slice histogram", () -> view.shown() == editor && view.result() != null);
        long[] slice = view.result().counts();
        // hold the editor's read rule so that the job cannot start before it is cancelled
        org.eclipse.core.runtime.jobs.Job.getJobManager().beginRule(editor.readRule(), null);
        try {
            view.wholeImageAction().setChecked(true);
            view.wholeImageAction().run();
            assertNotNull(view.wholeImageJob());
            view.wholeImageJob().cancel();
        } finally {
            org.eclipse.core.runtime.jobs.Job.getJobManager().endRule(editor.readRule());
        }
        // a job cancelled before it ran never reports: unticking the action shows the slice again
        view.wholeImageAction().setChecked(false);
        view.wholeImageAction().run();
        processEvents();
        assertNull(view.wholeImageJob());
        assertArrayEquals(slice, view.result().counts());
    }

    @Test
    void followsTheActiveEditor() throws Exception {
        HistogramView view = showView();
        ImageEditor first = open(ramp);
        waitFor("the ramp", () -> view.shown() == first && view.result() != null);
        ImageEditor second = open(phantom);
        waitFor("the phantom", () -> view.shown() == second && view.result() != null
                && view.result().stats().count() == 32 * 32);
        page().closeAllEditors(false);
        processEvents();
        assertNull(view.shown());
        assertNull(view.result());
        assertNull(view.chart());
    }

    private static Histogram.Result expectedPhantom(long z) {
        double[] values = new double[32 * 32];
        Rescale rescale = new Rescale(1, -1024, "HU");
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                values[y * 32 + x] = TestVolumes.phantomStored(x, y, z, new long[] { 32, 32, 5 }, new double[] { 1, 1, 2 },
                        rescale);
            }
        }
        return Histogram.of(values, true);
    }

    private static HistogramView showView() throws Exception {
        return assertInstanceOf(HistogramView.class, page().showView(ImageViewer.HISTOGRAM_VIEW_ID));
    }

    private static ImageEditor open(IFile file) throws Exception {
        IEditorPart part = IDE.openEditor(page(), file);
        processEvents();
        return assertInstanceOf(ImageEditor.class, part);
    }
}
