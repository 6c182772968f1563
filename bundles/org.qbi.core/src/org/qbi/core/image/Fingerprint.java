package org.qbi.core.image;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.qbi.core.progress.ProgressMonitor;

/**
 * The pixel fingerprint: SHA-256 of the stored values (before rescale), little-endian, x fastest, then y,
 * z, c, t; multi-sample pixels interleaved. It depends only on the values, not on the file format, its
 * compression or its chunking, so one image saved as implicit-VR DICOM and as lossless JPEG 2000 has one
 * fingerprint. Provenance records it.
 *
 * @since 0.1
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    /** The fingerprint as 64 lowercase hex digits. Reads every chunk once; progress in planes. */
    public static String of(Image image, ProgressMonitor monitor) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime lacks SHA-256", e);
        }
        long[] dims = image.header().dimensions();
        int bpp = image.header().pixelType().bytesPerPixel();
        ChunkGrid grid = image.grid();
        long[] chunkSize = grid.chunkSize();
        long[] counts = grid.chunkCounts();
        monitor.begin("Fingerprint", dims[2] * dims[3] * dims[4]);
        try {
            long[] index = new long[Axis.COUNT];
            for (long t = 0; t < dims[4]; t++) {
                for (long c = 0; c < dims[3]; c++) {
                    for (long z = 0; z < dims[2]; z++) {
                        monitor.checkCanceled("fingerprint");
                        index[2] = z / chunkSize[2];
                        index[3] = c / chunkSize[3];
                        index[4] = t / chunkSize[4];
                        if (counts[0] == 1) {
                            hashFullRows(image, grid, index, counts[1], z, c, t, bpp, sha256);
                        } else {
                            hashRowByRow(image, grid, index, counts[0], dims[1], z, c, t, bpp, sha256);
                        }
                        monitor.worked(1);
                    }
                }
            }
        } finally {
            monitor.done();
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Chunks span whole rows: each chunk's part of plane z is one contiguous run. */
    private static void hashFullRows(Image image, ChunkGrid grid, long[] index, long yChunks, long z, long c, long t,
            int bpp, MessageDigest sha256) throws IOException {
        index[0] = 0;
        for (long yi = 0; yi < yChunks; yi++) {
            index[1] = yi;
            MemorySegment chunk = image.chunk(index);
            long[] origin = grid.origin(index);
            long[] size = grid.size(index);
            long offset = Regions.offset(size, 0, 0, z - origin[2], c - origin[3], t - origin[4]);
            sha256.update(chunk.asSlice(offset * bpp, size[0] * size[1] * bpp).asByteBuffer());
        }
    }

    private static void hashRowByRow(Image image, ChunkGrid grid, long[] index, long xChunks, long height, long z,
            long c, long t, int bpp, MessageDigest sha256) throws IOException {
        long chunkHeight = grid.chunkSize()[1];
        for (long y = 0; y < height; y++) {
            index[1] = y / chunkHeight;
            for (long xi = 0; xi < xChunks; xi++) {
                index[0] = xi;
                MemorySegment chunk = image.chunk(index);
                long[] origin = grid.origin(index);
                long[] size = grid.size(index);
                long offset = Regions.offset(size, 0, y - origin[1], z - origin[2], c - origin[3], t - origin[4]);
                sha256.update(chunk.asSlice(offset * bpp, size[0] * bpp).asByteBuffer());
            }
        }
    }
}
