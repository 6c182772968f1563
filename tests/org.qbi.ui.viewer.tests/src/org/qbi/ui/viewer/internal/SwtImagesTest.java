package org.qbi.ui.viewer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.junit.jupiter.api.Test;
import org.qbi.ui.viewer.internal.render.RenderedSlice;

class SwtImagesTest {

    @Test
    void grayLevelsAreIndicesIntoAGrayPalette() {
        RenderedSlice slice = new RenderedSlice(3, 2, RenderedSlice.Kind.GRAY, new byte[] { 0, 1, 2, (byte) 200, 100, (byte) 255 }, null);
        ImageData data = SwtImages.imageData(slice);
        assertEquals(8, data.depth);
        assertEquals(3, data.width);
        assertEquals(2, data.height);
        assertEquals(200, data.getPixel(0, 1));
        assertEquals(new RGB(200, 200, 200), data.palette.getRGB(data.getPixel(0, 1)));
        assertEquals(new RGB(255, 255, 255), data.palette.getRGB(data.getPixel(2, 1)));
    }

    @Test
    void colourPixelsKeepRedGreenBlue() {
        RenderedSlice slice = new RenderedSlice(2, 1, RenderedSlice.Kind.COLOUR,
                new byte[] { (byte) 255, 0, 0, 10, 20, 30 }, null);
        ImageData data = SwtImages.imageData(slice);
        assertEquals(24, data.depth);
        assertEquals(new RGB(255, 0, 0), data.palette.getRGB(data.getPixel(0, 0)));
        assertEquals(new RGB(10, 20, 30), data.palette.getRGB(data.getPixel(1, 0)));
    }
}
