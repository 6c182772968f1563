package org.qbi.core.image.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.qbi.core.image.ChunkSource;

/**
 * Reads one file format. Contributed through the extension point {@code org.qbi.readers}; a new instance
 * serves many files and must be thread-safe.
 * <p>
 * Opening is lazy: {@link #open} reads the header and validates it against the file (sizes, offsets, the
 * file's length) so that a hostile header fails there, with a {@link FormatException}, before any pixel
 * buffer is allocated. Readers never modify or lock the file.
 *
 * @since 0.1
 */
public interface ImageReader {

    /** True when this reader reads {@code probe}'s file: by magic bytes where the format has them. */
    boolean canRead(Probe probe);

    /**
     * The images in a file that holds several (HDF5 datasets, arrays of an .npz, series of a DICOM folder),
     * as names {@link #open(Path, String)} accepts; a single-image format returns an empty list.
     */
    default List<String> entries(Path path) throws IOException {
        return List.of();
    }

    /**
     * Opens an image for chunked reading.
     *
     * @param path  the file or folder
     * @param entry which image of a multi-image file (see {@link #entries}), or null for the default one
     * @throws FormatException naming the file and the problem when it cannot be read
     */
    ChunkSource open(Path path, String entry) throws IOException;
}
