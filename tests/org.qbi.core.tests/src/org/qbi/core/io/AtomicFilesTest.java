package org.qbi.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void forcingToDiskIsDeferredOnlyInTheGivenFolderAndOnlyWhileItsScopeIsOpen() throws Exception {
        Path staging = dir.resolve("staging");
        assertEquals(true, AtomicFiles.forcesWritesIn(staging));
        try (AutoCloseable deferred = AtomicFiles.deferringForce(staging)) {
            assertEquals(false, AtomicFiles.forcesWritesIn(staging));
            assertEquals(false, AtomicFiles.forcesWritesIn(dir.resolve("other/../staging")), "the same folder");
            assertEquals(true, AtomicFiles.forcesWritesIn(staging.resolve("sub")), "not its subfolders");
            assertEquals(true, AtomicFiles.forcesWritesIn(dir), "not its parent");
            AtomicFiles.writeString(staging.resolve("labels.tif"), "pixels");
            assertEquals("pixels", Files.readString(staging.resolve("labels.tif")), "written all the same");
        }
        assertEquals(true, AtomicFiles.forcesWritesIn(staging));
    }

    @Test
    void writeStringCreatesANewFile() throws IOException {
        Path target = dir.resolve("samples.csv");

        AtomicFiles.writeString(target, "sample_id,group\nä,ö\n");

        assertEquals("sample_id,group\nä,ö\n", Files.readString(target, StandardCharsets.UTF_8));
        assertEquals(List.of("samples.csv"), names());
    }

    @Test
    void writeReplacesTheContentOfAnExistingFile() throws IOException {
        Path target = dir.resolve("pipeline.json");
        Files.writeString(target, "old content that is longer than the new one");

        AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));

        assertEquals("new", Files.readString(target));
        assertEquals(List.of("pipeline.json"), names());
    }

    @Test
    void writeCreatesMissingParentFolders() throws IOException {
        Path target = dir.resolve("results/run-1/table.csv");

        AtomicFiles.writeString(target, "a,b\n");

        assertEquals("a,b\n", Files.readString(target));
    }

    @Test
    void whenTheContentThrowsIOExceptionTheOldFileIsUnchangedAndNoTempFileIsLeft() throws IOException {
        Path target = dir.resolve("samples.csv");
        Files.writeString(target, "old");
        IOException failure = new IOException("disk full");

        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half of the new cont".getBytes(StandardCharsets.UTF_8));
            throw failure;
        }));

        assertSame(failure, thrown);
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("samples.csv"), names());
    }

    @Test
    void whenTheContentThrowsRuntimeExceptionTheOldFileIsUnchangedAndNoTempFileIsLeft() throws IOException {
        Path target = dir.resolve("samples.csv");
        Files.writeString(target, "old");

        UncheckedIOException thrown = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw new UncheckedIOException(new IOException("encoder broke"));
        }));

        assertEquals("encoder broke", thrown.getCause().getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("samples.csv"), names());
    }

    @Test
    void whenTheContentThrowsForANewFileNothingIsCreated() throws IOException {
        Path target = dir.resolve("new.csv");

        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            throw new IOException("no data");
        }));

        assertFalse(Files.exists(target));
        assertEquals(List.of(), names());
    }

    @Test
    void moveIntoPlaceReplacesTheTarget() throws IOException {
        Path source = dir.resolve("staged");
        Path target = dir.resolve("final");
        Files.writeString(source, "new");
        Files.writeString(target, "old");

        AtomicFiles.moveIntoPlace(source, target);

        assertEquals("new", Files.readString(target));
        assertEquals(List.of("final"), names());
    }

    @Test
    void aNewFileGetsTheSamePermissionsAsAnyNewFileInTheFolder() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path target = dir.resolve("samples.csv");

        AtomicFiles.writeString(target, "x");

        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
    }

    @Test
    void replacingAFileKeepsItsPermissions() throws IOException {
        Path target = dir.resolve("samples.csv");
        Files.writeString(target, "old");
        Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(target, shared);

        AtomicFiles.writeString(target, "new");

        assertEquals("new", Files.readString(target));
        assertEquals(shared, Files.getPosixFilePermissions(target));
    }
}
