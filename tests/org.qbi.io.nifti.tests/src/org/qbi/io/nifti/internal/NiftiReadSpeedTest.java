package org.qbi.io.nifti.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.ChunkCache;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.Image;
import org.qbi.core.image.CachedImage;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.progress.ProgressMonitor;

/**
 * Reading speed of an uncompressed .nii against a plain FileChannel reading the same bytes in the same 4 MB
 * pieces (the file in the page cache, as after a first look): the reader should cost little beyond the read
 * itself. Best of several interleaved runs, because the machine is shared; prints what it measured.
 */
class NiftiReadSpeedTest {

    private static final int RUNS = 9;
    /** Passes over the file per timed run: 128 MB from the page cache take only milliseconds. */
    private static final int PASSES = 4;

    @TempDir
    Path dir;

    @Test
    void readsAtLeast70PercentAsFastAsAPlainFileChannel() throws IOException {
        // 512 x 512 x 256 int16 = 128 MB (plus a big-endian twin, whose values are swapped while read).
        ImageHeader header = ImageHeader.uncalibrated(PixelType.INT16, 512, 512, 256);
        ArrayImage image = ArrayImage.allocate(header);
        for (long i = 0; i < header.pixelCount(); i += 97) {
            image.values().set(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED, 2 * i, (short) i);
        }
        Path file = dir.resolve("speed.nii");
        new NiftiWriter().write(image, file, ProgressMonitor.NULL);
        long bytes = header.byteCount();

        double plain = Double.MAX_VALUE;
        double reader = Double.MAX_VALUE;
        double cached = Double.MAX_VALUE;
        double fresh = Double.MAX_VALUE;
        try (ChunkSource source = new NiftiReader().open(file, null)) {
            for (int run = 0; run < RUNS; run++) {
                plain = Math.min(plain, timed(() -> plainRead(file, bytes, false)));
                reader = Math.min(reader, timed(() -> readChunks(source)));
                cached = Math.min(cached, readThroughImage(file));
                fresh = Math.min(fresh, plainRead(file, bytes, true));
            }
        }
        plain /= PASSES;
        reader /= PASSES;
        double mb = bytes / 1e6;
        System.out.printf(Locale.ROOT, "NIfTI read speed (%.0f MB, page cache, best of %d): plain FileChannel %.0f MB/s;"
                + " NiftiReader chunks %.0f MB/s (%.0f%%); through an Image with a fresh cache %.0f MB/s (%.0f%%),"
                + " where a plain FileChannel read into a fresh off-heap segment per 4 MB reaches %.0f MB/s%n", mb, RUNS,
                mb / plain, mb / reader, 100 * plain / reader, mb / cached, 100 * plain / cached, mb / fresh);
        assertTrue(plain / reader >= 0.7, "the reader reaches " + Math.round(100 * plain / reader)
                + "% of a plain FileChannel read");
    }

    private interface Pass {
        double run() throws IOException;
    }

    private static double timed(Pass pass) throws IOException {
        double total = 0;
        for (int i = 0; i < PASSES; i++) {
            total += pass.run();
        }
        return total;
    }

    /**
     * The same bytes in the same 4 MB pieces, positional reads into one direct buffer, or into a freshly
     * allocated off-heap segment per piece (what a chunk cache's miss costs).
     */
    private static double plainRead(Path file, long bytes, boolean freshSegments) throws IOException {
        long start = System.nanoTime();
        ByteBuffer buffer = ByteBuffer.allocateDirect(4 << 20);
        long read = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long at = NiftiHeader.NIFTI1_DATA_START; at < NiftiHeader.NIFTI1_DATA_START + bytes;) {
                if (freshSegments) {
                    buffer = Arena.ofAuto().allocate(4 << 20, 8).asByteBuffer();
                }
                buffer.clear();
                int n = channel.read(buffer, at);
                at += n;
                read += n;
            }
        }
        assertEquals(bytes, read);
        return (System.nanoTime() - start) / 1e9;
    }

    /** Every chunk through NiftiReader's ChunkSource into one reused segment. */
    private static double readChunks(ChunkSource source) throws IOException {
        long start = System.nanoTime();
        ChunkGrid grid = source.grid();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment target = arena.allocate(grid.pixelCount(new long[5]) * 2, 8);
            for (long n = 0; n < grid.chunkCount(); n++) {
                long[] index = grid.index(n);
                source.readChunk(index, target.asSlice(0, grid.pixelCount(index) * 2));
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Every chunk through an Image (allocation and cache included), opened anew. */
    private static double readThroughImage(Path file) throws IOException {
        long start = System.nanoTime();
        try (Image image = new CachedImage(new NiftiReader().open(file, null), new ChunkCache(1L << 30))) {
            ChunkGrid grid = image.grid();
            for (long n = 0; n < grid.chunkCount(); n++) {
                image.chunk(grid.index(n));
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
