package org.qbi.io.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The real images in ../shared/data and their independently computed truth (truth.json): where they are,
 * and a skip with a clear message where they are not (a user's clone has no ../shared).
 */
public final class SharedData {

    private static JsonNode truth;

    private SharedData() {
    }

    /** The shared data folder (system property qbi.shared.data, set by the build), or null when absent. */
    public static Path dir() {
        String dir = System.getProperty("qbi.shared.data");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            return null;
        }
        return Path.of(dir);
    }

    /** The file {@code relative} inside the shared data; skips the calling test when the data is absent. */
    public static Path file(String relative) {
        Path dir = dir();
        Assumptions.assumeTrue(dir != null, "../shared/data is absent: skipping the test on " + relative);
        Path file = dir.resolve(relative);
        Assumptions.assumeTrue(Files.exists(file), "../shared/data has no " + relative + ": skipping");
        return file;
    }

    /** truth.json's entry for {@code key} (e.g. "tiff/3d/mini-t1-head.tif"); skips when the data is absent. */
    public static synchronized JsonNode truth(String key) {
        Path dir = dir();
        Assumptions.assumeTrue(dir != null, "../shared/data is absent: skipping the test on " + key);
        if (truth == null) {
            try {
                truth = new ObjectMapper().readTree(dir.resolve("truth.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + dir.resolve("truth.json"), e);
            }
        }
        JsonNode entry = truth.get(key);
        if (entry == null) {
            throw new AssertionError("truth.json has no entry '" + key + "'");
        }
        return entry;
    }

    /** The statistics node of an entry: "pixels" (most formats) or "stored" (NIfTI). */
    public static JsonNode pixels(JsonNode entry) {
        JsonNode pixels = entry.has("pixels") ? entry.get("pixels") : entry.get("stored");
        if (pixels == null) {
            throw new AssertionError("truth entry has neither 'pixels' nor 'stored': " + entry.fieldNames());
        }
        return pixels;
    }
}
