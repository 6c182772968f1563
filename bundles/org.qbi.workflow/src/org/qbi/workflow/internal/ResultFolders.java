package org.qbi.workflow.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

import org.qbi.core.io.FileTrees;

/**
 * Result folders are replaced whole: the new one is written beside the old under a staging name, its files forced
 * to disk, the old is moved aside, the new moved into place (rename within one folder), the old deleted. A crash
 * or power loss at any point leaves either the old folder or the new one under the sample's name, never a mix;
 * leftovers (".staging-*", ".old-*") are removed by the next run. Files inside the staging folder need no atomic
 * write of their own: nothing reads the staging folder.
 */
public final class ResultFolders {

    private ResultFolders() {
    }

    /** Writes a new file of the staging folder (forced to disk by {@link #replace}). */
    static void writeNew(Path file, byte[] content) throws IOException {
        Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    static void replace(Path staging, Path target) throws IOException {
        try (Stream<Path> files = Files.list(staging)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
        }
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling(".old-" + target.getFileName() + "-" + System.nanoTime());
            move(target, old);
        }
        move(staging, target);
        if (old != null) {
            FileTrees.deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Removes what interrupted runs left in {@code folder}: staging and old folders. */
    public static void cleanLeftovers(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> children = Files.walk(folder, 2)) {
            for (Path child : children.filter(p -> {
                String name = p.getFileName().toString();
                return Files.isDirectory(p) && (name.startsWith(".staging-") || name.startsWith(".old-"));
            }).toList()) {
                FileTrees.deleteTree(child);
            }
        }
    }

}
