package org.qbi.project;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.qbi.core.io.FileTrees;
import org.qbi.core.progress.CancelledException;
import org.qbi.core.progress.ProgressMonitor;

/**
 * Brings acquired files and folders into a project's {@code raw/} folder, by copy or by link.
 * <p>
 * Guarantees: the sources are only read; nothing in {@code raw/} is overwritten (a name already taken is an
 * error naming it, before anything is copied); a copy lands in a hidden staging folder inside {@code raw/}
 * and is renamed into place only when complete, so a cancel or a crash leaves no half-copied file under
 * its final name, and import folders created for it are removed again; copied files are made read-only,
 * since raw data is never modified.
 *
 * @since 0.1
 */
public final class RawImporter {

    private static final String STAGING_PREFIX = ".importing-";
    private static final int BUFFER_BYTES = 1 << 20;

    private final ProjectLayout layout;

    public RawImporter(ProjectLayout layout) {
        this.layout = layout;
    }

    /**
     * Imports {@code sources} into {@code raw/subfolder}.
     *
     * @param sources   files or folders to import; folders are imported with their whole tree
     * @param subfolder folder inside {@code raw/} to import into, e.g. "ct/2026-11-20"; empty for raw/ itself
     * @param mode      copy or link
     * @param monitor   progress in bytes (copy) or entries (link); cancel is honoured between buffers
     * @return the imported top-level entries, as catalog paths relative to the project (e.g. raw/ct/scan.dcm)
     * @throws IllegalArgumentException naming the source or target when a source is missing, lies inside
     *                                  the project already, contains the project, or its name is taken in raw/
     * @throws CancelledException       when the user cancelled; nothing of this import remains
     */
    public List<String> importInto(List<Path> sources, String subfolder, ImportMode mode, ProgressMonitor monitor)
            throws IOException {
        Path targetDir = targetDirectory(subfolder);
        List<Path> targets = checkedTargets(sources, targetDir);
        Path firstCreated = firstMissing(targetDir);
        Files.createDirectories(targetDir);
        try {
            return switch (mode) {
                case LINK -> link(sources, targets, monitor);
                case COPY -> copy(sources, targets, targetDir, monitor);
            };
        } catch (IOException | RuntimeException | Error e) {
            removeCreatedFolders(targetDir, firstCreated, e);
            throw e;
        }
    }

    /** The outermost of {@code dir} and its ancestors that does not exist yet; null when {@code dir} exists. */
    private static Path firstMissing(Path dir) {
        Path missing = null;
        for (Path p = dir; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    /** Deletes the folders from {@code dir} up to {@code firstCreated} that this import made, while they are empty. */
    private static void removeCreatedFolders(Path dir, Path firstCreated, Throwable failure) {
        if (firstCreated == null) {
            return;
        }
        for (Path p = dir; p != null && p.startsWith(firstCreated); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (java.nio.file.DirectoryNotEmptyException usedMeanwhile) {
                return;
            } catch (IOException e) {
                failure.addSuppressed(e);
                return;
            }
        }
    }

    private Path targetDirectory(String subfolder) {
        String sub = subfolder == null ? "" : subfolder.strip();
        Path dir = layout.raw().resolve(sub).normalize();
        if (!dir.startsWith(layout.raw())) {
            throw new IllegalArgumentException("Import folder '" + subfolder + "' must lie inside raw/");
        }
        return dir;
    }

    private List<Path> checkedTargets(List<Path> sources, Path targetDir) throws IOException {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("Nothing to import: give at least one file or folder");
        }
        Path root = layout.root();
        Path realRoot = Files.exists(root) ? root.toRealPath() : root;
        List<Path> targets = new ArrayList<>();
        for (Path source : sources) {
            Path absolute = source.toAbsolutePath().normalize();
            if (!Files.exists(absolute)) {
                throw new IllegalArgumentException("Cannot import " + source + ": no such file or folder");
            }
            Path real = absolute.toRealPath();
            if (absolute.startsWith(root) || real.startsWith(realRoot)) {
                throw new IllegalArgumentException("Cannot import " + source + ": it is inside the project already");
            }
            // Copying a folder that holds the project would copy raw/, and the copy being made, into itself.
            if (root.startsWith(absolute) || realRoot.startsWith(real)) {
                throw new IllegalArgumentException("Cannot import " + source + ": it contains the project " + root
                        + "; import the acquired files or folders themselves");
            }
            Path target = targetDir.resolve(absolute.getFileName().toString());
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) || targets.contains(target)) {
                throw new IllegalArgumentException("Cannot import " + source + ": " + layout.relativize(target)
                        + " exists already; raw data is never overwritten, so rename one of them or import into "
                        + "another folder");
            }
            targets.add(target);
        }
        return targets;
    }

    private List<String> link(List<Path> sources, List<Path> targets, ProgressMonitor monitor) throws IOException {
        monitor.begin("Linking " + sources.size() + " item(s) into raw/", sources.size());
        List<String> created = new ArrayList<>();
        try {
            for (int i = 0; i < sources.size(); i++) {
                monitor.checkCanceled("import into raw/");
                Files.createSymbolicLink(targets.get(i), sources.get(i).toAbsolutePath().normalize());
                created.add(layout.relativize(targets.get(i)));
                monitor.worked(1);
            }
        } catch (IOException | RuntimeException e) {
            for (String path : created) {
                Files.deleteIfExists(layout.resolve(path));
            }
            throw e;
        } finally {
            monitor.done();
        }
        return created;
    }

    private List<String> copy(List<Path> sources, List<Path> targets, Path targetDir, ProgressMonitor monitor)
            throws IOException {
        long totalBytes = 0;
        for (Path source : sources) {
            totalBytes += sizeOf(source);
        }
        Path staging = Files.createTempDirectory(targetDir, STAGING_PREFIX);
        monitor.begin("Copying " + sources.size() + " item(s) into raw/", totalBytes);
        List<String> created = new ArrayList<>();
        try {
            List<Path> staged = new ArrayList<>();
            for (Path source : sources) {
                Path stagedEntry = staging.resolve(source.toAbsolutePath().normalize().getFileName().toString());
                copyTree(source, stagedEntry, monitor);
                staged.add(stagedEntry);
            }
            // All bytes are in: now move each entry to its final name. A rename cannot be cancelled half-way.
            for (int i = 0; i < staged.size(); i++) {
                Files.move(staged.get(i), targets.get(i), StandardCopyOption.ATOMIC_MOVE);
                created.add(layout.relativize(targets.get(i)));
            }
            return created;
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("Cannot import: " + e.getFile() + " appeared while copying; nothing "
                    + "was overwritten", e);
        } finally {
            FileTrees.deleteTree(staging);
            monitor.done();
        }
    }

    private void copyTree(Path source, Path target, ProgressMonitor monitor) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path to = source.equals(file) ? target : target.resolve(source.relativize(file).toString());
                monitor.subTask(file.getFileName().toString());
                copyFile(file, to, monitor);
                return FileVisitResult.CONTINUE;
            }
        });
        makeReadOnly(target);
    }

    private static void copyFile(Path from, Path to, ProgressMonitor monitor) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(to)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                monitor.checkCanceled("import into raw/");
                out.write(buffer, 0, n);
                monitor.worked(n);
            }
        }
        Files.setLastModifiedTime(to, Files.getLastModifiedTime(from));
    }

    private static long sizeOf(Path source) throws IOException {
        if (Files.isRegularFile(source)) {
            return Files.size(source);
        }
        try (Stream<Path> files = Files.walk(source)) {
            long total = 0;
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                total += Files.size(file);
            }
            return total;
        }
    }

    /** Clears the write permission of every file under {@code root}; directories stay writable for the user. */
    private static void makeReadOnly(Path root) throws IOException {
        try (Stream<Path> entries = Files.walk(root)) {
            for (Path entry : (Iterable<Path>) entries.filter(Files::isRegularFile)::iterator) {
                entry.toFile().setWritable(false, false);
            }
        }
    }

}
