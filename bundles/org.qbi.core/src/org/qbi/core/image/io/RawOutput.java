package org.qbi.core.image.io;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.progress.ProgressMonitor;

/**
 * Writes an image's stored values uncompressed and little-endian, as formats with a dense array store them
 * (NIfTI, NumPy): plane by plane, x fastest, samples interleaved, with z, c and t in the order the layout
 * gives. Memory use is one plane, whatever the image's size.
 *
 * @since 0.1
 */
public final class RawOutput {

    private static final int BUFFER = 1 << 20;

    private RawOutput() {
    }

    /**
     * Writes every stored value of {@code image} to {@code out}, little-endian.
     *
     * @param layout x and y fastest, samples interleaved; the order of z, c and t is free
     * @throws org.qbi.core.progress.CancelledException when the monitor is cancelled (checked between planes)
     */
    public static void write(Image image, RawLayout layout, OutputStream out, ProgressMonitor monitor)
            throws IOException {
        if (layout.order().get(0) != Axis.X || layout.order().get(1) != Axis.Y || layout.samplePosition() != 0) {
            throw new IllegalArgumentException("RawOutput writes layouts with x and y fastest and interleaved samples, "
                    + "not " + layout);
        }
        long[] dims = image.header().dimensions();
        int a = layout.order().get(2).ordinal();
        int b = layout.order().get(3).ordinal();
        int c = layout.order().get(4).ordinal();
        byte[] buffer = new byte[BUFFER];
        MemorySegment heap = MemorySegment.ofArray(buffer);
        long[] position = new long[Axis.COUNT];
        monitor.begin("Writing values", dims[2] * dims[3] * dims[4]);
        try {
            for (position[c] = 0; position[c] < dims[c]; position[c]++) {
                for (position[b] = 0; position[b] < dims[b]; position[b]++) {
                    for (position[a] = 0; position[a] < dims[a]; position[a]++) {
                        monitor.checkCanceled("writing");
                        try (Arena arena = Arena.ofConfined()) {
                            MemorySegment plane = image.readPlane(position[2], position[3], position[4], arena);
                            for (long done = 0; done < plane.byteSize();) {
                                int n = (int) Math.min(buffer.length, plane.byteSize() - done);
                                MemorySegment.copy(plane, done, heap, 0, n);
                                out.write(buffer, 0, n);
                                done += n;
                            }
                        }
                        monitor.worked(1);
                    }
                }
            }
        } finally {
            monitor.done();
        }
    }
}
