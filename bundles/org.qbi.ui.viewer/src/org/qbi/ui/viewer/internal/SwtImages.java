package org.qbi.ui.viewer.internal;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.qbi.ui.viewer.internal.render.RenderedSlice;

/** Rendered slices as SWT image data: 8-bit indexed with a gray palette, or 24-bit r, g, b. No display needed. */
final class SwtImages {

    private static final PaletteData GRAY;

    static {
        RGB[] levels = new RGB[256];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = new RGB(i, i, i);
        }
        GRAY = new PaletteData(levels);
    }

    private SwtImages() {
    }

    /** The slice's pixels as image data (shares the slice's byte array, rows without padding). */
    static ImageData imageData(RenderedSlice slice) {
        if (slice.kind() == RenderedSlice.Kind.GRAY) {
            return new ImageData(slice.width(), slice.height(), 8, GRAY, 1, slice.pixels());
        }
        return new ImageData(slice.width(), slice.height(), 24, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF), 1,
                slice.pixels());
    }

    /** {@code data} upside down (rows in reverse order; a copy). */
    static ImageData flipped(ImageData data) {
        byte[] pixels = new byte[data.data.length];
        for (int y = 0; y < data.height; y++) {
            System.arraycopy(data.data, y * data.bytesPerLine, pixels, (data.height - 1 - y) * data.bytesPerLine,
                    data.bytesPerLine);
        }
        return new ImageData(data.width, data.height, data.depth, data.palette, data.scanlinePad, pixels);
    }
}
