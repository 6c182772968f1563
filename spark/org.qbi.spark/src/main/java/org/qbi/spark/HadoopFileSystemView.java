package org.qbi.spark;

import java.net.URI;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;

/**
 * One Hadoop file system (one scheme and authority: {@code hdfs://namenode:8020}, {@code s3a://bucket}) seen
 * through java.nio, read-only, so that the readers, which take a {@link Path}, read from it unchanged (Zarr chunk by
 * chunk: a task reads the chunks it needs, never the whole store). Made by {@link HadoopStorage}.
 */
final class HadoopFileSystemView extends FileSystem {

    private final HadoopFileSystemProvider provider;
    private final org.apache.hadoop.fs.FileSystem hadoop;
    private final URI root;

    HadoopFileSystemView(HadoopFileSystemProvider provider, org.apache.hadoop.fs.FileSystem hadoop, URI root) {
        this.provider = provider;
        this.hadoop = hadoop;
        this.root = root;
    }

    /** The file system's root URI (scheme and authority, path "/"). */
    URI root() {
        return root;
    }

    org.apache.hadoop.fs.FileSystem hadoop() {
        return hadoop;
    }

    @Override
    public HadoopFileSystemProvider provider() {
        return provider;
    }

    /** Does nothing: the Hadoop file system is shared (Hadoop caches one per scheme, authority and user). */
    @Override
    public void close() {
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(getPath("/"));
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return Set.of("basic");
    }

    @Override
    public HadoopPath getPath(String first, String... more) {
        return new HadoopPath(this, Path.of(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher names = java.nio.file.FileSystems.getDefault().getPathMatcher(syntaxAndPattern);
        return path -> path instanceof HadoopPath hadoop && names.matches(hadoop.names());
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("no user lookup on " + root);
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("no watching of " + root);
    }
}
