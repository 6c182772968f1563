package org.qbi.io.hdf5.internal;

import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import io.jhdf.filter.PipelineFilterWithData;

/**
 * Undoes the HDF5 filters h5py and most writers use (deflate, shuffle, Fletcher-32) with the output limited to
 * the chunk's size, so that a corrupt or hostile chunk cannot decompress into gigabytes (jHDF's own pipeline
 * grows its buffer without a limit). Chunks with other filters (LZF, LZ4, bitshuffle) are decoded by jHDF and
 * their size checked afterwards.
 */
final class ChunkCodec {

    static final int DEFLATE = 1;
    static final int SHUFFLE = 2;
    static final int FLETCHER32 = 3;

    /** Thrown with a description of what is wrong with the chunk's bytes. */
    static final class CorruptChunkException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptChunkException(String message) {
            super(message);
        }
    }

    private ChunkCodec() {
    }

    /** True when every filter is one this class decodes. */
    static boolean handles(List<PipelineFilterWithData> filters) {
        for (PipelineFilterWithData filter : filters) {
            int id = filter.getId();
            if (id != DEFLATE && id != SHUFFLE && id != FLETCHER32) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes a stored chunk.
     *
     * @param stored     the chunk's bytes as stored
     * @param filters    the dataset's filter pipeline, in the order they were applied when writing
     * @param chunkBytes the decoded size the chunk must have
     * @param itemBytes  bytes of one value (the shuffle filter's default element size)
     */
    static byte[] decode(byte[] stored, List<PipelineFilterWithData> filters, int chunkBytes, int itemBytes)
            throws CorruptChunkException {
        byte[] data = stored;
        for (int f = filters.size() - 1; f >= 0; f--) {
            PipelineFilterWithData filter = filters.get(f);
            switch (filter.getId()) {
                case FLETCHER32 -> {
                    if (data.length < 4) {
                        throw new CorruptChunkException("it has " + data.length + " bytes, too few for its checksum");
                    }
                    data = java.util.Arrays.copyOf(data, data.length - 4);
                }
                case DEFLATE -> data = inflate(data, chunkBytes);
                case SHUFFLE -> {
                    int[] parameters = filter.getFilterData();
                    int size = parameters != null && parameters.length > 0 && parameters[0] > 0 ? parameters[0] : itemBytes;
                    data = unshuffle(data, size);
                }
                default -> throw new CorruptChunkException("filter " + filter.getName() + " (" + filter.getId()
                        + ") is not decoded here");
            }
        }
        return data;
    }

    /** zlib-inflates {@code data} into at most {@code limit} bytes. */
    static byte[] inflate(byte[] data, int limit) throws CorruptChunkException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            byte[] out = new byte[limit];
            int n = 0;
            while (!inflater.finished() && n < limit) {
                int read = inflater.inflate(out, n, limit - n);
                if (read == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += read;
            }
            if (!inflater.finished()) {
                if (n == limit) {
                    if (inflater.inflate(new byte[1]) > 0) {
                        throw new CorruptChunkException("it decompresses to more than the " + limit
                                + " bytes a chunk holds");
                    }
                    if (!inflater.finished()) {
                        throw new CorruptChunkException("its compressed data ends before its checksum");
                    }
                } else {
                    throw new CorruptChunkException("its compressed data ends early (" + n + " of " + limit
                            + " bytes decoded)");
                }
            }
            return n == limit ? out : java.util.Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            throw new CorruptChunkException("its deflate data is corrupt (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }

    /** Undoes HDF5's byte shuffle (all first bytes, then all second bytes, ...; leftover bytes at the end). */
    static byte[] unshuffle(byte[] data, int elementSize) {
        if (elementSize <= 1 || data.length < elementSize) {
            return data;
        }
        int elements = data.length / elementSize;
        byte[] out = new byte[data.length];
        for (int j = 0; j < elementSize; j++) {
            int base = j * elements;
            for (int i = 0; i < elements; i++) {
                out[i * elementSize + j] = data[base + i];
            }
        }
        int done = elements * elementSize;
        System.arraycopy(data, done, out, done, data.length - done);
        return out;
    }
}
