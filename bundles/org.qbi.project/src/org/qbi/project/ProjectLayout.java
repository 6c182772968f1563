package org.qbi.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders and files of a QBI project, rooted at one directory.
 * <ul>
 * <li>{@code raw/}: acquired data as imported; the platform never modifies it.</li>
 * <li>{@code pipelines/}: analyses saved as pipeline files.</li>
 * <li>{@code results/}: images and tables that pipelines produce.</li>
 * <li>{@code reports/}: exported charts and reports.</li>
 * <li>{@code samples.csv}: the {@link SampleCatalog}.</li>
 * </ul>
 *
 * @param root the project directory
 * @since 0.1
 */
public record ProjectLayout(Path root) {

    /** Folder names, in the order the navigator shows them. */
    public static final List<String> FOLDERS = List.of("raw", "pipelines", "results", "reports");

    /** File name of the sample catalog. */
    public static final String CATALOG_FILE = "samples.csv";

    public ProjectLayout {
        if (root == null) {
            throw new IllegalArgumentException("A project needs a root directory, got null");
        }
        root = root.toAbsolutePath().normalize();
    }

    /** Acquired data; never modified by the platform. */
    public Path raw() {
        return root.resolve("raw");
    }

    public Path pipelines() {
        return root.resolve("pipelines");
    }

    public Path results() {
        return root.resolve("results");
    }

    public Path reports() {
        return root.resolve("reports");
    }

    public Path catalogFile() {
        return root.resolve(CATALOG_FILE);
    }

    /**
     * Creates the missing folders and an empty catalog; existing folders and an existing catalog are left as
     * they are, so this is safe on a project that already exists.
     *
     * @return this layout
     */
    public ProjectLayout create() throws IOException {
        Files.createDirectories(root);
        for (String folder : FOLDERS) {
            Files.createDirectories(root.resolve(folder));
        }
        if (!Files.exists(catalogFile())) {
            new SampleCatalog().save(catalogFile());
        }
        return this;
    }

    /** True when {@code dir} has the folders and catalog of a QBI project. */
    public static boolean isProject(Path dir) {
        return new ProjectLayout(dir).problems().isEmpty();
    }

    /**
     * Opens the project at {@code dir}.
     *
     * @throws IllegalArgumentException naming what is missing when {@code dir} is not a QBI project
     */
    public static ProjectLayout open(Path dir) {
        ProjectLayout layout = new ProjectLayout(dir);
        List<String> problems = layout.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(layout.root + " is not a QBI project: " + String.join("; ", problems)
                    + ". Create one with 'qbi project new DIR' or File > New > QBI Project.");
        }
        return layout;
    }

    /** What keeps the directory from being a complete project, one readable sentence each; empty when complete. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            problems.add("the directory does not exist");
            return problems;
        }
        for (String folder : FOLDERS) {
            if (!Files.isDirectory(root.resolve(folder))) {
                problems.add("folder " + folder + "/ is missing");
            }
        }
        if (!Files.isRegularFile(catalogFile())) {
            problems.add("the sample catalog " + CATALOG_FILE + " is missing");
        }
        return problems;
    }

    /** {@code file} relative to the project root with '/' separators, as the catalog stores it. */
    public String relativize(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.startsWith(root)) {
            throw new IllegalArgumentException(file + " is outside the project " + root);
        }
        return root.relativize(absolute).toString().replace(java.io.File.separatorChar, '/');
    }

    /** The file a catalog path (relative, '/'-separated) names. */
    public Path resolve(String catalogPath) {
        Path resolved = root.resolve(catalogPath).normalize();
        if (!resolved.startsWith(root)) {
            throw new IllegalArgumentException("Catalog path '" + catalogPath + "' points outside the project " + root);
        }
        return resolved;
    }
}
