package org.qbi.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;

/**
 * Reading through Hadoop's FileSystem API with java.nio's calls: attributes from {@link FileStatus}, directory
 * listings, and seekable read channels over {@link FSDataInputStream} (positioned reads, so Hadoop's read-ahead
 * works for sequential reads and a seek costs nothing until the next read). Read-only: writing is refused, naming
 * the path (results go to the project, on a shared path). Not installed as a JVM-wide
 * provider (executors load this class through Spark's class loader, which {@code Path.of(URI)} does not search):
 * {@link HadoopStorage#path} hands out its paths.
 * <p>
 * Written here because no maintained library on Maven Central gives java.nio access to every Hadoop file system
 * (jsr203-hadoop, the closest, covers hdfs:// only and was last released in 2016).
 */
final class HadoopFileSystemProvider extends FileSystemProvider {

    static final HadoopFileSystemProvider INSTANCE = new HadoopFileSystemProvider();

    private HadoopFileSystemProvider() {
    }

    private static HadoopPath hadoopPath(Path path) {
        if (!(path instanceof HadoopPath hadoop)) {
            throw new ProviderMismatchException(path + " is not a path on a Hadoop file system");
        }
        return hadoop;
    }

    private static FileStatus status(Path path) throws IOException {
        HadoopPath hadoop = hadoopPath(path);
        try {
            return hadoop.getFileSystem().hadoop().getFileStatus(hadoop.hadoop());
        } catch (FileNotFoundException e) {
            throw new NoSuchFileException(path.toString());
        } catch (org.apache.hadoop.security.AccessControlException e) {
            throw new AccessDeniedException(path.toString(), null, e.getMessage());
        }
    }

    private static UnsupportedOperationException readOnly(Path path) {
        return new UnsupportedOperationException(path + " is on a Hadoop file system, which QBI reads but does not "
                + "write: results go into the project (a folder every executor reaches)");
    }

    @Override
    public String getScheme() {
        return "qbi-hadoop";
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException("Hadoop file systems are reached through HadoopStorage.path");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        return HadoopStorage.path(uri.toString()).getFileSystem();
    }

    @Override
    public Path getPath(URI uri) {
        return HadoopStorage.path(uri.toString());
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        for (OpenOption option : options) {
            if (option != StandardOpenOption.READ && option != LinkOption.NOFOLLOW_LINKS) {
                throw readOnly(path);
            }
        }
        FileStatus status = status(path);
        if (status.isDirectory()) {
            throw new IOException(path + " is a folder, not a file");
        }
        HadoopPath hadoop = hadoopPath(path);
        return new ReadChannel(hadoop.getFileSystem().hadoop().open(hadoop.hadoop()), status.getLen());
    }

    /** A read-only channel over a Hadoop input stream, reading at its own position. */
    private static final class ReadChannel implements SeekableByteChannel {

        private final FSDataInputStream in;
        private final long size;
        private long position;
        private boolean open = true;

        ReadChannel(FSDataInputStream in, long size) {
            this.in = in;
            this.size = size;
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            if (position >= size) {
                return -1;
            }
            int wanted = (int) Math.min(target.remaining(), size - position);
            byte[] buffer = target.hasArray() ? target.array() : new byte[wanted];
            int offset = target.hasArray() ? target.arrayOffset() + target.position() : 0;
            int read = in.read(position, buffer, offset, wanted);
            if (read <= 0) {
                return read == 0 ? 0 : -1;
            }
            if (target.hasArray()) {
                target.position(target.position() + read);
            } else {
                target.put(buffer, 0, read);
            }
            position += read;
            return read;
        }

        @Override
        public int write(ByteBuffer source) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            if (newPosition < 0) {
                throw new IllegalArgumentException("negative position " + newPosition);
            }
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public SeekableByteChannel truncate(long newSize) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() throws IOException {
            open = false;
            in.close();
        }
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        HadoopPath hadoop = hadoopPath(dir);
        if (!status(dir).isDirectory()) {
            throw new NotDirectoryException(dir.toString());
        }
        List<Path> children = new ArrayList<>();
        for (FileStatus child : hadoop.getFileSystem().hadoop().listStatus(hadoop.hadoop())) {
            Path path = hadoop.resolve(child.getPath().getName());
            if (filter == null || filter.accept(path)) {
                children.add(path);
            }
        }
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                return children.iterator();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        for (AccessMode mode : modes) {
            if (mode != AccessMode.READ) {
                throw new AccessDeniedException(path.toString(), null, "read-only (a Hadoop file system input)");
            }
        }
        status(path);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        if (!type.isAssignableFrom(Attributes.class)) {
            throw new UnsupportedOperationException(type.getSimpleName() + " of " + path + " (basic attributes only)");
        }
        return (A) new Attributes(status(path));
    }

    /** A file's or folder's attributes from its Hadoop status. */
    private record Attributes(FileStatus status) implements BasicFileAttributes {

        @Override
        public FileTime lastModifiedTime() {
            return FileTime.fromMillis(status.getModificationTime());
        }

        @Override
        public FileTime lastAccessTime() {
            return FileTime.fromMillis(status.getAccessTime());
        }

        @Override
        public FileTime creationTime() {
            return lastModifiedTime();
        }

        @Override
        public boolean isRegularFile() {
            return status.isFile();
        }

        @Override
        public boolean isDirectory() {
            return status.isDirectory();
        }

        @Override
        public boolean isSymbolicLink() {
            return false;
        }

        @Override
        public boolean isOther() {
            return false;
        }

        @Override
        public long size() {
            return status.getLen();
        }

        @Override
        public Object fileKey() {
            return status.getPath().toUri();
        }
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        BasicFileAttributes a = readAttributes(path, BasicFileAttributes.class);
        return Map.of("size", a.size(), "lastModifiedTime", a.lastModifiedTime(), "isDirectory", a.isDirectory(),
                "isRegularFile", a.isRegularFile(), "isSymbolicLink", false, "isOther", false);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        if (type != BasicFileAttributeView.class) {
            return null;
        }
        return (V) new BasicFileAttributeView() {
            @Override
            public String name() {
                return "basic";
            }

            @Override
            public BasicFileAttributes readAttributes() throws IOException {
                return HadoopFileSystemProvider.this.readAttributes(path, BasicFileAttributes.class);
            }

            @Override
            public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime) {
                throw readOnly(path);
            }
        };
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
        throw readOnly(path);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) {
        throw readOnly(dir);
    }

    @Override
    public void delete(Path path) {
        throw readOnly(path);
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) {
        throw readOnly(target);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) {
        throw readOnly(target);
    }

    @Override
    public boolean isSameFile(Path path, Path path2) {
        return path.equals(path2);
    }

    @Override
    public boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(Path path) {
        throw new UnsupportedOperationException("no file store of " + path);
    }
}
