package org.qbi.project;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.qbi.core.io.ByteSize;

/**
 * A project at a glance: its layout, raw data and every sample with its files, as one record that prints
 * as text ({@code qbi project info}) or serialises as JSON ({@code --json}).
 *
 * @param root         the project directory
 * @param problems     what keeps the layout from being complete; empty when complete
 * @param rawFiles     number of files under raw/ (links followed, hidden files not counted)
 * @param rawBytes     their total size
 * @param groups       number of samples per group, in catalog order; "(none)" for samples without a group
 * @param samples      every sample with its files
 * @param missingFiles catalog files that do not exist, as "sample: path"
 * @since 0.1
 */
public record ProjectSummary(String root, List<String> problems, long rawFiles, long rawBytes, Map<String, Integer> groups,
        List<SampleEntry> samples, List<String> missingFiles) {

    /** One sample of the summary. */
    public record SampleEntry(String id, String group, String notes, List<FileEntry> files, Map<String, String> fields) {
    }

    /** One file of a sample; {@code bytes} is 0 when it does not exist. */
    public record FileEntry(String path, boolean exists, long bytes) {
    }

    /** Summarises the project at {@code layout}; reads the catalog and walks raw/. */
    public static ProjectSummary of(ProjectLayout layout) throws IOException {
        List<String> problems = layout.problems();
        if (!problems.isEmpty()) {
            return new ProjectSummary(layout.root().toString(), problems, 0, 0, Map.of(), List.of(), List.of());
        }
        SampleCatalog catalog = SampleCatalog.load(layout.catalogFile());
        long[] raw = rawFilesAndBytes(layout.raw());
        Map<String, Integer> groups = new LinkedHashMap<>();
        List<SampleEntry> samples = new ArrayList<>();
        for (Sample sample : catalog.samples()) {
            groups.merge(sample.group().isEmpty() ? "(none)" : sample.group(), 1, Integer::sum);
            List<FileEntry> files = new ArrayList<>();
            for (String file : sample.files()) {
                Path path = layout.resolve(file);
                files.add(new FileEntry(file, Files.exists(path), Files.exists(path) ? sizeOf(path) : 0));
            }
            samples.add(new SampleEntry(sample.id(), sample.group(), sample.notes(), files, sample.fields()));
        }
        return new ProjectSummary(layout.root().toString(), problems, raw[0], raw[1], groups, samples,
                catalog.missingFiles(layout));
    }

    /** Prints the summary as a few aligned lines and a table of samples. */
    public void printText(PrintStream out) {
        out.println("Project   " + root);
        if (!problems.isEmpty()) {
            out.println("Layout    incomplete: " + String.join("; ", problems));
            return;
        }
        out.println("Layout    complete (" + String.join("/, ", ProjectLayout.FOLDERS) + "/, "
                + ProjectLayout.CATALOG_FILE + ")");
        out.println("Raw data  " + rawFiles + " file(s), " + ByteSize.format(rawBytes));
        StringBuilder groupText = new StringBuilder();
        groups.forEach((group, n) -> groupText.append(groupText.isEmpty() ? "" : ", ").append(group).append(" (")
                .append(n).append(')'));
        out.println("Samples   " + samples.size() + " in " + groups.size() + " group(s)"
                + (groups.isEmpty() ? "" : ": " + groupText));
        if (!samples.isEmpty()) {
            out.println();
            out.printf("%-16s %-12s %5s %10s  %s%n", "sample", "group", "files", "size", "notes");
            for (SampleEntry sample : samples) {
                long bytes = sample.files().stream().mapToLong(FileEntry::bytes).sum();
                out.printf("%-16s %-12s %5d %10s  %s%n", sample.id(), sample.group(), sample.files().size(),
                        ByteSize.format(bytes), sample.notes());
            }
        }
        out.println();
        out.println(missingFiles.isEmpty() ? "Every file the catalog lists is present."
                : "Missing files (" + missingFiles.size() + "): " + String.join(", ", missingFiles));
    }

    private static long[] rawFilesAndBytes(Path raw) throws IOException {
        long files = 0;
        long bytes = 0;
        try (Stream<Path> entries = Files.walk(raw, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (Files.isRegularFile(entry) && !entry.getFileName().toString().startsWith(".")) {
                    files++;
                    bytes += Files.size(entry);
                }
            }
        }
        return new long[] { files, bytes };
    }

    private static long sizeOf(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return Files.size(path);
        }
        return rawFilesAndBytes(path)[1];
    }
}
