package org.qbi.core.image;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

/** Images for the model's tests: a chunk source with any chunking over values given by a formula. */
final class TestImages {

    private TestImages() {
    }

    /** Value of pixel (x, y, z, c, t) in the test images: distinct for every pixel of small images. */
    static double value(long x, long y, long z, long c, long t) {
        return x + 10 * y + 100 * z + 1000 * c + 5000 * t;
    }

    /** A uint16 source of {@code dims} cut into {@code chunk}-sized blocks; counts its decodes. */
    static final class FormulaSource implements ChunkSource {
        final ImageHeader header;
        final ChunkGrid grid;
        final AtomicInteger decodes = new AtomicInteger();

        final double divisor;

        FormulaSource(PixelType type, long[] dims, long[] chunk) {
            this(type, dims, chunk, 1);
        }

        /** Values divided by {@code divisor} (rounded to the type by PixelValues.set). */
        FormulaSource(PixelType type, long[] dims, long[] chunk, double divisor) {
            this.header = ImageHeader.uncalibrated(type, dims);
            this.grid = new ChunkGrid(dims, chunk);
            this.divisor = divisor;
        }

        @Override
        public ImageHeader header() {
            return header;
        }

        @Override
        public ChunkGrid grid() {
            return grid;
        }

        @Override
        public void readChunk(long[] index, MemorySegment target) throws IOException {
            decodes.incrementAndGet();
            long[] origin = grid.origin(index);
            long[] size = grid.size(index);
            long i = 0;
            for (long t = 0; t < size[4]; t++) {
                for (long c = 0; c < size[3]; c++) {
                    for (long z = 0; z < size[2]; z++) {
                        for (long y = 0; y < size[1]; y++) {
                            for (long x = 0; x < size[0]; x++) {
                                PixelValues.set(header.pixelType(), target, i++, value(origin[0] + x, origin[1] + y,
                                        origin[2] + z, origin[3] + c, origin[4] + t) / divisor);
                            }
                        }
                    }
                }
            }
        }
    }
}
