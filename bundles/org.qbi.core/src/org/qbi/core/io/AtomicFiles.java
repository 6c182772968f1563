package org.qbi.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that readers see either the old content or the new, never a mixture.
 * <p>
 * The content goes to a temporary file in the same directory, is forced to disk, and is then renamed over
 * the target ({@code rename(2)} is atomic within one file system). If writing fails the temporary file is
 * removed and the target is untouched.
 *
 * @since 0.1
 */
public final class AtomicFiles {

    /** Writes the content of a file; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with what {@code content} writes.
     *
     * @throws IOException when the directory is not writable or the content fails; the target is then
     *                     unchanged
     */
    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                content.writeTo(out);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            moveIntoPlace(temp, target);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Replaces {@code target} with {@code text} encoded as UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * Renames {@code source} to {@code target} atomically, replacing it, on file systems that can; elsewhere a
     * plain replacing rename.
     */
    public static void moveIntoPlace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
