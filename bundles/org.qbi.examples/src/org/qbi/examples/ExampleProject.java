package org.qbi.examples;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.qbi.core.io.FileTrees;
import org.qbi.core.io.AtomicFiles;
import org.qbi.project.ProjectLayout;
import org.qbi.project.workspace.ProjectDescriptionFile;

/**
 * Puts a copy of the example project on disk.
 *
 * @since 0.1
 */
public final class ExampleProject {

    /** The project's name in the workbench and its default folder name. */
    public static final String NAME = "QBI Example";

    private static final String ROOT = "example-project";

    private ExampleProject() {
    }

    /**
     * The example project's default folder: {@code NAME} inside the QBI workspace, which is the folder in
     * the environment variable {@code QBI_WORKSPACE} or {@code ~/qbi-workspace} (the start scripts use the same).
     */
    public static Path defaultLocation() {
        String workspace = System.getenv("QBI_WORKSPACE");
        Path root = workspace != null && !workspace.isBlank() ? Path.of(workspace)
                : Path.of(System.getProperty("user.home"), "qbi-workspace");
        return root.resolve(NAME);
    }

    /**
     * Copies the example project into {@code target} unless a QBI project is there already, which is then left
     * exactly as it is (the user may have worked in it). The copy is staged beside the target and renamed
     * into place when complete; raw files are made read-only.
     *
     * @return the project's layout at {@code target}
     * @throws IllegalArgumentException when {@code target} exists and is not an empty folder or a QBI project
     */
    public static ProjectLayout materialize(Path target) throws IOException {
        Path dir = target.toAbsolutePath().normalize();
        if (ProjectLayout.isProject(dir)) {
            return new ProjectLayout(dir);
        }
        if (Files.exists(dir) && !(Files.isDirectory(dir) && isEmpty(dir))) {
            throw new IllegalArgumentException(dir + " exists and is not a QBI project; choose another folder for the "
                    + "example project");
        }
        Files.createDirectories(dir.getParent());
        Path staging = createStagingFolder(dir);
        try {
            copyEntries(staging);
            new ProjectLayout(staging).create();
            ProjectDescriptionFile.writeIfMissing(staging, NAME);
            try (Stream<Path> files = Files.walk(staging.resolve("raw"))) {
                files.filter(Files::isRegularFile).forEach(f -> f.toFile().setWritable(false, false));
            }
            Files.deleteIfExists(dir);
            AtomicFiles.moveIntoPlace(staging, dir);
        } finally {
            FileTrees.deleteTree(staging);
        }
        return new ProjectLayout(dir);
    }

    /**
     * A new empty folder ".NAME.RANDOM" beside {@code dir}. Unlike {@link Files#createTempDirectory}, which makes it
     * accessible to the owner only, it gets the permissions of any new folder (the umask decides), which the
     * project keeps when the folder is renamed into place.
     */
    private static Path createStagingFolder(Path dir) throws IOException {
        for (int attempt = 1;; attempt++) {
            String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            try {
                return Files.createDirectory(dir.resolveSibling("." + dir.getFileName() + "." + random));
            } catch (FileAlreadyExistsException taken) {
                if (attempt == 100) {
                    throw taken;
                }
            }
        }
    }

    private static void copyEntries(Path staging) throws IOException {
        Bundle bundle = FrameworkUtil.getBundle(ExampleProject.class);
        if (bundle == null) {
            throw new IllegalStateException("The example project is read from bundle org.qbi.examples, which needs "
                    + "an OSGi runtime (the workbench or the qbi command)");
        }
        Enumeration<URL> entries = bundle.findEntries(ROOT, "*", true);
        if (entries == null) {
            throw new IllegalStateException("Bundle org.qbi.examples has no folder " + ROOT + "/; the installation is "
                    + "damaged, reinstall QBI Workbench");
        }
        while (entries.hasMoreElements()) {
            URL url = entries.nextElement();
            String path = url.getPath().substring(url.getPath().indexOf(ROOT) + ROOT.length() + 1);
            if (path.isEmpty() || path.endsWith("/.keep")) {
                continue;
            }
            Path to = staging.resolve(path);
            if (path.endsWith("/")) {
                Files.createDirectories(to);
                continue;
            }
            Files.createDirectories(to.getParent());
            try (InputStream in = url.openStream()) {
                Files.copy(in, to);
            }
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }

}
