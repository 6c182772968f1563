package org.qbi.io.tiff.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fixtures in this fragment's data/ folder (made by data/generate.py; see data/README.md): found next to the
 * working directory when tests run from the project, otherwise copied out of the bundle once.
 */
final class Fixtures {

    private static Path dir;
    private static JsonNode expected;

    private Fixtures() {
    }

    /** The data/ folder on disk. */
    static synchronized Path dir() {
        if (dir == null) {
            Path local = Path.of("data").toAbsolutePath();
            if (Files.isRegularFile(local.resolve("expected.json"))) {
                dir = local;
            } else {
                dir = extract();
            }
        }
        return dir;
    }

    /** A fixture TIFF: data/tiff/NAME. */
    static Path tiff(String name) {
        return dir().resolve("tiff").resolve(name);
    }

    /** data/expected.json. */
    static synchronized JsonNode expected() {
        if (expected == null) {
            try {
                expected = new ObjectMapper().readTree(dir().resolve("expected.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return expected;
    }

    private static Path extract() {
        Bundle bundle = FrameworkUtil.getBundle(Fixtures.class);
        if (bundle == null) {
            throw new IllegalStateException("The fixtures are neither in ./data nor in an OSGi bundle");
        }
        try {
            Path target = Files.createTempDirectory("qbi-tiff-fixtures");
            Enumeration<URL> entries = bundle.findEntries("data", "*", true);
            while (entries != null && entries.hasMoreElements()) {
                URL url = entries.nextElement();
                String path = url.getPath();
                if (path.endsWith("/")) {
                    continue;
                }
                Path file = target.resolve(path.substring(path.indexOf("data/") + "data/".length()));
                Files.createDirectories(file.getParent());
                try (InputStream in = url.openStream()) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the fixtures out of " + bundle.getSymbolicName(), e);
        }
    }
}
