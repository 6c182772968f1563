package org.qbi.plugins.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.plugins.LabInstallException;
import org.qbi.plugins.LabRepositories;

class LabRepositoriesTest {

    @TempDir
    Path dir;

    @Test
    void folderBecomesItsFileUri() throws Exception {
        assertEquals(dir.toUri(), LabRepositories.location(dir.toString()));
    }

    @Test
    void zipBecomesAnArchiveUri() throws Exception {
        Path zip = Files.write(dir.resolve("lab repo.zip"), new byte[] { 'P', 'K', 3, 4 });
        URI uri = LabRepositories.location(zip.toString());
        assertEquals("jar:" + zip.toUri() + "!/", uri.toString());
        assertEquals(uri, LabRepositories.location(zip.toUri().toString()));
    }

    @Test
    void urlsStayAsGiven() throws Exception {
        assertEquals(URI.create("https://labs.example.org/neutron/"),
                LabRepositories.location(" https://labs.example.org/neutron/ "));
    }

    @Test
    void missingPathIsNamed() {
        Path missing = dir.resolve("no-such-repository");
        LabInstallException e = assertThrows(LabInstallException.class,
                () -> LabRepositories.location(missing.toString()));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist"),
                e.getMessage());
    }

    @Test
    void fileThatIsNotAZipIsRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        LabInstallException e = assertThrows(LabInstallException.class, () -> LabRepositories.location(text.toString()));
        assertTrue(e.getMessage().contains("not a zip"), e.getMessage());
    }

    @Test
    void emptyIsRefused() {
        assertThrows(LabInstallException.class, () -> LabRepositories.location("  "));
    }
}
