package org.qbi.measure.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.io.testing.TestFiles;

import picocli.CommandLine;

/** {@code qbi measure} with measurements of several tables and an image output: every output lands in its file. */
class MeasureCommandTest {

    @TempDir
    Path dir;

    private int measure(String... words) {
        return new CommandLine(new MeasureCommand()).execute(words);
    }

    @Test
    void everyTableAndImageOfAMeasurementIsWritten() throws IOException {
        Path labels = TestFiles.fixture(getClass(), "blobs_labels.npy", dir);
        Path orientation = dir.resolve("orientation.csv");
        assertEquals(0, measure(labels.toString(), "--out", orientation.toString(), "--measurement",
                "measure.orientation"));
        List<String> summary = Files.readAllLines(orientation);
        assertTrue(summary.get(0).contains("order_parameter"), summary.get(0));
        List<String> histogram = Files.readAllLines(dir.resolve("orientation-orientation_histogram.csv"));
        assertTrue(histogram.get(0).contains("isotropic_fraction"), histogram.get(0));
        assertEquals(1 + 9, histogram.size(), "header and 9 bins");

        Path cells = dir.resolve("density.csv");
        assertEquals(0, measure(labels.toString(), "--out", cells.toString(), "--measurement", "measure.density",
                "--param", "cell=50"));
        assertEquals(1 + 36, Files.readAllLines(cells).size(), "header and 6 x 6 cells");
        assertTrue(Files.size(dir.resolve("density-density.tif")) > 0, "the density map beside the table");
    }
}
