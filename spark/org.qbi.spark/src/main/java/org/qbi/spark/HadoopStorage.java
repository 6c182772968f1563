package org.qbi.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.qbi.core.io.FileTrees;
import org.qbi.project.Sample;

/**
 * Input data on any file system Hadoop reaches: HDFS ({@code hdfs://namenode:8020/scans/bone-01.zarr}), object
 * stores ({@code s3a://bucket/...}, {@code abfs://...}, {@code gs://...}: each needs its Hadoop connector on the
 * class path, as for any Spark job) and {@code file:} URIs (the local file system through Hadoop's API, what the tests
 * use). The Hadoop configuration is Spark's: {@code spark.hadoop.*} settings and the cluster's core-site.xml.
 * <ul>
 * <li>{@link #path}: a read-only java.nio view, so readers open a chunked Zarr volume there and read only the chunks
 * a task needs;</li>
 * <li>{@link #stage}: a whole file or folder copied once to the executor's local disk, for a sample that a task
 * reads whole anyway (a TIFF stack, a DICOM series), whose readers may map files into memory.</li>
 * </ul>
 * Results are written into the project, which lives on a path every executor reaches (shared storage).
 *
 * @since 0.1
 */
public final class HadoopStorage {

    private static final ConcurrentHashMap<URI, HadoopFileSystemView> VIEWS = new ConcurrentHashMap<>();

    private HadoopStorage() {
    }

    /** Whether {@code text} names a location on a Hadoop file system (a URI), rather than a local path. */
    public static boolean isLocation(String text) {
        return Sample.isLocation(text);
    }

    /**
     * The read-only java.nio path of {@code location} on its Hadoop file system.
     *
     * @throws IllegalArgumentException naming the location when it is no URI or Hadoop has no file system for its
     *                                  scheme (the connector missing from the class path)
     */
    public static Path path(String location) {
        URI uri = uri(location);
        URI root;
        try {
            root = new URI(uri.getScheme(), uri.getAuthority(), "/", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + location + "' is not a file system location: " + e.getMessage(), e);
        }
        HadoopFileSystemView view = VIEWS.computeIfAbsent(root, r -> {
            try {
                return new HadoopFileSystemView(HadoopFileSystemProvider.INSTANCE, FileSystem.get(r, configuration()), r);
            } catch (IOException e) {
                throw new IllegalArgumentException("No Hadoop file system for " + location + ": " + e.getMessage()
                        + " (a scheme like s3a:// needs its connector, e.g. hadoop-aws, on the class path: "
                        + "spark-submit --packages or --jars)", e);
            }
        });
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        return view.getPath(path);
    }

    private static URI uri(String location) {
        if (!isLocation(location)) {
            throw new IllegalArgumentException("'" + location + "' is not a file system location (a URI such as "
                    + "hdfs://namenode:8020/data/scan.zarr, s3a://bucket/scan.zarr or file:/data/scan.zarr)");
        }
        try {
            return new URI(location);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + location + "' is not a valid URI: " + e.getMessage(), e);
        }
    }

    /** Spark's Hadoop configuration on a driver or executor ({@code spark.hadoop.*}), else Hadoop's defaults. */
    static Configuration configuration() {
        SparkEnv env = SparkEnv.get();
        return env != null ? SparkHadoopUtil.get().newConfiguration(env.conf()) : new Configuration();
    }

    /**
     * {@code location} (a file or a folder) as a local copy under {@code cache}, copied once: a copy is named by the
     * location, its size and its modification time, so a changed source is copied anew and an unchanged one is
     * reused by every later task on this machine. The copy appears whole or not at all (copied beside, then
     * renamed), so tasks running at once on one executor never read a half copy.
     *
     * @return the local file or folder, with the source's name
     */
    public static Path stage(String location, Path cache) throws IOException {
        Path source = path(location);
        HadoopPath hadoopSource = (HadoopPath) source;
        FileSystem hadoop = hadoopSource.getFileSystem().hadoop();
        FileStatus status;
        try {
            status = hadoop.getFileStatus(hadoopSource.hadoop());
        } catch (java.io.FileNotFoundException e) {
            throw new java.nio.file.NoSuchFileException(location, null, "no such file or folder");
        }
        long size = status.isDirectory() ? hadoop.getContentSummary(hadoopSource.hadoop()).getLength() : status.getLen();
        String key = sha256(source.toUri() + "\n" + size + "\n" + status.getModificationTime()).substring(0, 24);
        String name = source.getFileName() == null ? "root" : source.getFileName().toString();
        Path folder = cache.resolve(key);
        Path local = folder.resolve(name);
        if (Files.exists(local)) {
            return local;
        }
        Files.createDirectories(cache);
        Path temp = Files.createTempDirectory(cache, ".staging-" + key + "-");
        try {
            // raw local file system: no .crc files beside the copy
            hadoop.copyToLocalFile(false, hadoopSource.hadoop(), new org.apache.hadoop.fs.Path(temp.resolve(name)
                    .toUri()), true);
            try {
                Files.move(temp, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // another task staged it at the same time: use that copy
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot stage " + location + ": " + cache + " does not support atomic renames", e);
            }
        } finally {
            FileTrees.deleteTree(temp);
        }
        return local;
    }

    /** Where staged copies go on this machine: Spark's local folder on an executor, else the temp folder. */
    public static Path stagingCache() {
        String dirs = System.getenv("SPARK_LOCAL_DIRS");
        String first = dirs != null && !dirs.isBlank() ? dirs.split(",")[0] : System.getProperty("java.io.tmpdir");
        return Path.of(first, "qbi-staged");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("no SHA-256", e));
        }
    }
}
