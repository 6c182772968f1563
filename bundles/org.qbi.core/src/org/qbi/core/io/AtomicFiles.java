package org.qbi.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that readers see either the old content or the new, never a mixture.
 * <p>
 * The content goes to a temporary file in the same directory, is forced to disk, and is then renamed over
 * the target ({@code rename(2)} is atomic within one file system). If writing fails the temporary file is
 * removed and the target is untouched. A replaced file keeps its permissions; a new file gets those of any new
 * file in its folder (the user's umask), so a project shared with a group stays readable by the group.
 *
 * @since 0.1
 */
public final class AtomicFiles {

    /** Writes the content of a file; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Folders whose new files are forced to disk by whoever registered them (see {@link #deferringForce}). */
    private static final java.util.Set<Path> DEFERRED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private AtomicFiles() {
    }

    /**
     * Until the returned scope is closed, files written into {@code folder} (not its subfolders) are renamed into
     * place without being forced to disk first: for a staging folder whose owner forces all its files at once,
     * on a thread of its own, before renaming the folder into place (a batch run's result folders). Writes
     * elsewhere are unaffected.
     */
    public static AutoCloseable deferringForce(Path folder) {
        Path key = folder.toAbsolutePath().normalize();
        DEFERRED.add(key);
        return () -> DEFERRED.remove(key);
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
        Path temp = createTempFile(dir, target.getFileName().toString());
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                content.writeTo(out);
            }
            if (forcesWritesIn(dir)) {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
            keepPermissions(target, temp);
            moveIntoPlace(temp, target);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Whether a file written into {@code folder} is forced to disk before it is renamed into place. */
    static boolean forcesWritesIn(Path folder) {
        return !DEFERRED.contains(folder.toAbsolutePath().normalize());
    }

    /**
     * A new empty file ".NAME.RANDOM.tmp" in {@code dir}. Unlike {@link Files#createTempFile}, which makes it
     * readable by the owner only, it gets the permissions of any new file (the umask decides).
     */
    private static Path createTempFile(Path dir, String name) throws IOException {
        for (int attempt = 1;; attempt++) {
            String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            try {
                return Files.createFile(dir.resolve("." + name + "." + random + ".tmp"));
            } catch (FileAlreadyExistsException taken) {
                if (attempt == 100) {
                    throw taken;
                }
            }
        }
    }

    /** Gives {@code temp} the POSIX permissions of {@code target} when that exists. */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view != null && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(temp, view.readAttributes().permissions());
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
