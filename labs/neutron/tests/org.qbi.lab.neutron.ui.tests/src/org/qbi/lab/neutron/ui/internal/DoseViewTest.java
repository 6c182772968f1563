package org.qbi.lab.neutron.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorPart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qbi.lab.neutron.ops.Region;
import org.qbi.ui.viewer.ImageViewer;
import org.qbi.ui.viewer.ShownImage;

/**
 * The Neutron Dose view on the lab's example stack (example-project/raw/neutron/shell_projections.fits): the plotted
 * doses equal numpy's region means (data/expected_dose.py).
 */
class DoseViewTest {

    private static final Path STACK = Path.of("../../example-project/raw/neutron/shell_projections.fits");

    @AfterEach
    void closeAll() {
        page().closeAllEditors(false);
        DoseView view = (DoseView) page().findView(DoseView.ID);
        if (view != null) {
            page().hideView(view);
        }
    }

    @Test
    void plotsTheMeanOfTheReferenceRegionOfEveryProjection() throws Exception {
        assertTrue(Files.isRegularFile(STACK), "the example stack (run example-project/make_example.py): "
                + STACK.toAbsolutePath());
        List<String> lines = Files.readAllLines(Path.of("data/expected_dose.csv"));
        double[] expected = lines.stream().skip(1).mapToDouble(Double::parseDouble).toArray();

        IEditorPart editor = ImageViewer.open(page(), STACK.toAbsolutePath());
        waitFor("the stack to open", () -> ShownImage.of(editor).header() != null);
        DoseView view = (DoseView) page().showView(DoseView.ID);
        // the default region: the leftmost twentieth of the columns (8 of 160), every row
        waitFor("the default dose", () -> view.dose() != null && view.summary().contains("8 x 64"));
        assertEquals(24, view.dose().length);

        view.setRegion(new Region(2, 0, 12, 64));
        waitFor("the dose of the region", () -> view.summary().contains("x 2, y 0, 12 x 64"));
        double[] dose = view.dose();
        assertEquals(expected.length, dose.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], dose[i], 1e-9 * expected[i], "projection " + i);
        }
        XYDataset plotted = ((XYPlot) view.chart().getPlot()).getDataset();
        assertEquals(24, plotted.getItemCount(0));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(i, plotted.getXValue(0, i));
            assertEquals(expected[i], plotted.getYValue(0, i), 1e-9 * expected[i], "plotted " + i);
        }
        assertTrue(view.summary().contains("24 projections"), view.summary());
        processEvents();
        assertTrue(linePixels(view) > 200, "the dose curve is drawn");
    }

    /** Draws the view's chart into an image (kept as target/dose-view.png) and counts the pixels of its line colour. */
    private static int linePixels(DoseView view) {
        Display display = Display.getDefault();
        Image image = new Image(display, 640, 360);
        try {
            GC gc = new GC(image);
            try {
                view.paint(gc, new Rectangle(0, 0, 640, 360));
            } finally {
                gc.dispose();
            }
            ImageData data = image.getImageData();
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { data };
            loader.save("target/dose-view.png", SWT.IMAGE_PNG);
            int count = 0;
            for (int y = 0; y < data.height; y++) {
                for (int x = 0; x < data.width; x++) {
                    RGB rgb = data.palette.getRGB(data.getPixel(x, y));
                    if (Math.abs(rgb.red - 70) < 30 && Math.abs(rgb.green - 110) < 30 && Math.abs(rgb.blue - 170) < 30) {
                        count++;
                    }
                }
            }
            return count;
        } finally {
            image.dispose();
        }
    }

    @Test
    void saysWhatIsWrongWithARegionOutsideTheImage() throws Exception {
        IEditorPart editor = ImageViewer.open(page(), STACK.toAbsolutePath());
        waitFor("the stack to open", () -> ShownImage.of(editor).header() != null);
        DoseView view = (DoseView) page().showView(DoseView.ID);
        waitFor("the default dose", () -> view.dose() != null);
        view.setRegion(new Region(150, 0, 20, 10));
        waitFor("the message", () -> view.summary().startsWith("No dose"));
        assertTrue(view.summary().contains("outside the projections of 160 x 64"), view.summary());
        assertNotNull(view);
    }
}
