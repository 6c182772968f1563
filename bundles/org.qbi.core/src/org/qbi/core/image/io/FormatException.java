package org.qbi.core.image.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be read as its format says: truncated, corrupt, hostile (sizes that cannot be, offsets
 * past the end) or using a feature not supported. The message names the file and what is wrong.
 *
 * @since 0.1
 */
public final class FormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public FormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public FormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
