package org.qbi.core.image.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.qbi.core.image.Image;
import org.qbi.core.progress.ProgressMonitor;

/**
 * Writes one file format. Contributed through the extension point {@code org.qbi.writers}, which names the
 * file extensions it serves. Writers replace the target atomically: a failure or a cancel leaves no partial
 * file under the target's name.
 *
 * @since 0.1
 */
public interface ImageWriter {

    /**
     * The option under which a writer that {@link #keepsProvenance() keeps provenance} takes the provenance record
     * (a JSON object) to store in the file's own metadata, so that the record travels with the image: TIFF in a
     * private field, NIfTI in a comment extension, Zarr in .zattrs. Readers give it back as the metadata entry
     * {@link org.qbi.core.image.Metadata#PROVENANCE}.
     *
     * @since 0.1
     */
    String PROVENANCE_OPTION = "provenance";

    /**
     * Whether the format has a place for the provenance record ({@link #PROVENANCE_OPTION}); formats without one
     * write pixels only (the record is then only in the sidecar file beside the image).
     *
     * @since 0.1
     */
    default boolean keepsProvenance() {
        return false;
    }

    /**
     * Writes {@code image} with its provenance record (JSON) in the file's metadata where the format has a place for
     * it, without otherwise.
     *
     * @since 0.1
     */
    default void write(Image image, Path target, String provenanceJson, ProgressMonitor monitor) throws IOException {
        if (keepsProvenance() && provenanceJson != null) {
            write(image, target, Map.of(PROVENANCE_OPTION, provenanceJson), monitor);
        } else {
            write(image, target, monitor);
        }
    }

    /**
     * Writes {@code image} to {@code target}.
     *
     * @throws IOException              when the target cannot be written
     * @throws IllegalArgumentException naming the pixel type or shape the format cannot hold
     */
    void write(Image image, Path target, ProgressMonitor monitor) throws IOException;

    /**
     * Writes {@code image} with format options (as GDAL's creation options: {@code compression=none},
     * {@code chunk=64}); each writer documents the ones it takes. Writers without options accept only none.
     *
     * @throws IllegalArgumentException naming an option the writer does not know or a value it does not take
     */
    default void write(Image image, Path target, Map<String, String> options, ProgressMonitor monitor)
            throws IOException {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " takes no options, got " + options.keySet());
        }
        write(image, target, monitor);
    }
}
