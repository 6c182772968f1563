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
