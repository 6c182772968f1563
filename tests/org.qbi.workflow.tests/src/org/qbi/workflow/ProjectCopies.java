package org.qbi.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of a project for tests that run pipelines on it. */
public final class ProjectCopies {

    private ProjectCopies() {
    }

    /** A fresh copy of the project at {@code from} at {@code to}: every folder and file, but no earlier results. */
    public static Path fresh(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path relative = from.relativize(file);
                if (relative.startsWith("results") && !Files.isDirectory(file)) {
                    continue;
                }
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to.resolve(relative.toString()));
                } else {
                    Files.copy(file, to.resolve(relative.toString()));
                }
            }
        }
        return to;
    }
}
