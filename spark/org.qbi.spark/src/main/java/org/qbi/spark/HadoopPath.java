package org.qbi.spark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Objects;

/**
 * A path on a {@link HadoopFileSystemView}: the path part of a Hadoop URI ({@code /bucket-dir/scan.zarr/0/1/2}).
 * Names are handled as a Unix path is (the JVM's own Unix path does the name arithmetic: resolve, relativize,
 * normalize), which is what Hadoop's paths are; only the file system they belong to differs.
 */
final class HadoopPath implements Path {

    private final HadoopFileSystemView fileSystem;
    private final Path names;

    HadoopPath(HadoopFileSystemView fileSystem, Path names) {
        this.fileSystem = fileSystem;
        this.names = names;
    }

    /** The path's names, as a path of the default file system (for matching and name arithmetic). */
    Path names() {
        return names;
    }

    /** The Hadoop path of this one (made absolute against the file system's root). */
    org.apache.hadoop.fs.Path hadoop() {
        return new org.apache.hadoop.fs.Path(fileSystem.root().resolve(toAbsolutePath().names.toString()));
    }

    private HadoopPath wrap(Path inner) {
        return inner == null ? null : new HadoopPath(fileSystem, inner);
    }

    private Path unwrap(Path other) {
        if (!(other instanceof HadoopPath path) || path.fileSystem != fileSystem) {
            throw new ProviderMismatchException(other + " is not on " + fileSystem.root());
        }
        return path.names;
    }

    @Override
    public HadoopFileSystemView getFileSystem() {
        return fileSystem;
    }

    @Override
    public boolean isAbsolute() {
        return names.isAbsolute();
    }

    @Override
    public Path getRoot() {
        return wrap(names.getRoot());
    }

    @Override
    public Path getFileName() {
        return wrap(names.getFileName());
    }

    @Override
    public Path getParent() {
        return wrap(names.getParent());
    }

    @Override
    public int getNameCount() {
        return names.getNameCount();
    }

    @Override
    public Path getName(int index) {
        return wrap(names.getName(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return wrap(names.subpath(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        return other instanceof HadoopPath path && path.fileSystem == fileSystem && names.startsWith(path.names);
    }

    @Override
    public boolean endsWith(Path other) {
        return other instanceof HadoopPath path && path.fileSystem == fileSystem && names.endsWith(path.names);
    }

    @Override
    public Path normalize() {
        return wrap(names.normalize());
    }

    @Override
    public Path resolve(Path other) {
        return wrap(names.resolve(unwrap(other)));
    }

    @Override
    public Path resolve(String other) {
        return wrap(names.resolve(other));
    }

    @Override
    public Path relativize(Path other) {
        return wrap(names.relativize(unwrap(other)));
    }

    @Override
    public URI toUri() {
        return hadoop().toUri();
    }

    @Override
    public HadoopPath toAbsolutePath() {
        return names.isAbsolute() ? this : new HadoopPath(fileSystem, Path.of("/").resolve(names));
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        fileSystem.provider().checkAccess(this);
        return toAbsolutePath().normalize();
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("no watching of " + toUri());
    }

    @Override
    public int compareTo(Path other) {
        return names.compareTo(unwrap(other));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HadoopPath path && path.fileSystem == fileSystem && path.names.equals(names);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileSystem.root(), names);
    }

    /** The full URI, so that messages name the file where it is (s3a://bucket/scan.zarr/.zarray). */
    @Override
    public String toString() {
        return names.isAbsolute() ? toUri().toString() : names.toString();
    }
}
