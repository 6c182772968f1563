package org.qbi.ui.viewer.internal.render;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.progress.ProgressMonitor;

/**
 * A montage of x-y slices: slices {@code 0, step, 2 step, ...} laid out left to right, top to bottom in a grid
 * of {@code columns} tiles, stored values copied unchanged (so one window applies to all tiles). Tiles left
 * over in the last row hold zeros.
 */
public final class Montage {

    /** At most this many tiles (a montage is for looking, not for every slice of a 2000-slice stack). */
    public static final int MAX_TILES = 100;

    /**
     * @param slices  the z of each tile, in order
     * @param values  stored values of the whole montage, x fastest, {@code width * height} pixels
     */
    public record Result(int columns, int rows, int tileWidth, int tileHeight, long[] slices, MemorySegment values) {

        public int width() {
            return columns * tileWidth;
        }

        public int height() {
            return rows * tileHeight;
        }

        /** The z of the tile under montage pixel (x, y), or -1 over an empty tile. */
        public long sliceAt(int x, int y) {
            int tile = (y / tileHeight) * columns + x / tileWidth;
            return tile < slices.length ? slices[tile] : -1;
        }
    }

    private Montage() {
    }

    /**
     * The step that shows at most {@link #MAX_TILES} slices of {@code depth}: 1 for short stacks.
     */
    public static int defaultStep(long depth) {
        return (int) Math.max(1, (depth + MAX_TILES - 1) / MAX_TILES);
    }

    /** Columns that make the montage roughly square on screen for tiles of this size and aspect. */
    public static int defaultColumns(int tiles, int tileWidth, int tileHeight, double aspect) {
        double ratio = tileHeight * aspect / tileWidth;
        return Math.max(1, Math.min(tiles, (int) Math.ceil(Math.sqrt(tiles * ratio))));
    }

    /** Assembles the montage of channel c, time t; one unit of work per tile. */
    public static Result assemble(Image image, long c, long t, int step, int columns, ProgressMonitor monitor)
            throws IOException {
        if (step < 1 || columns < 1) {
            throw new IllegalArgumentException("A montage needs step >= 1 and columns >= 1, got step " + step
                    + " and " + columns + " columns");
        }
        ImageHeader header = image.header();
        int tileWidth = Math.toIntExact(header.size(Axis.X));
        int tileHeight = Math.toIntExact(header.size(Axis.Y));
        long depth = header.size(Axis.Z);
        int tiles = (int) Math.min(MAX_TILES, (depth + step - 1) / step);
        int cols = Math.min(columns, tiles);
        int rows = (tiles + cols - 1) / cols;
        int bpp = header.pixelType().bytesPerPixel();
        long width = (long) cols * tileWidth;
        long height = (long) rows * tileHeight;
        if (width * height > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("A montage of " + tiles + " tiles of " + tileWidth + " x " + tileHeight
                    + " pixels is too large to show; choose a larger step");
        }
        MemorySegment values = Arena.ofAuto().allocate(width * height * bpp, 8);
        long[] slices = new long[tiles];
        String task = "Montage of " + tiles + " slices";
        monitor.begin(task, tiles);
        try (Arena arena = Arena.ofConfined()) {
            for (int k = 0; k < tiles; k++) {
                monitor.checkCanceled(task);
                slices[k] = (long) k * step;
                MemorySegment plane = image.readPlane(slices[k], c, t, arena);
                long tileX = (long) (k % cols) * tileWidth;
                long tileY = (long) (k / cols) * tileHeight;
                for (int y = 0; y < tileHeight; y++) {
                    MemorySegment.copy(plane, (long) y * tileWidth * bpp, values,
                            ((tileY + y) * width + tileX) * bpp, (long) tileWidth * bpp);
                }
                monitor.worked(1);
            }
        } finally {
            monitor.done();
        }
        return new Result(cols, rows, tileWidth, tileHeight, slices, values);
    }
}
