package org.qbi.ui.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Port;
import org.qbi.ops.filters.GaussianFilter;

/** Result names: input stem and operator id, one number for all of a run's files, never an existing name. */
class ResultFilesTest {

    @TempDir
    Path results;

    @Test
    void stemsDropTheWholeExtension() throws Exception {
        assertEquals("blobs", ResultFiles.stem(Path.of("raw/blobs.tif")));
        assertEquals("head", ResultFiles.stem(Path.of("raw/head.nii.gz")));
        assertEquals("cells", ResultFiles.stem(Path.of("cells.ome.tif")));
        assertEquals("noextension", ResultFiles.stem(Path.of("noextension")));
        Path series = Files.createDirectories(results.resolve("series.v1"));
        assertEquals("series.v1", ResultFiles.stem(series), "a folder keeps its name");
    }

    @Test
    void oneOutputIsNamedAfterInputAndOperatorAndNeverOverwritten() throws Exception {
        Map<String, Path> first = ResultFiles.targets(results, "blobs", GaussianFilter.SPEC);
        assertEquals(Map.of("smoothed", results.resolve("blobs-filter.gaussian.tif")), first);
        Files.writeString(results.resolve("blobs-filter.gaussian.tif"), "x");
        assertEquals(results.resolve("blobs-filter.gaussian-2.tif"),
                ResultFiles.targets(results, "blobs", GaussianFilter.SPEC).get("smoothed"));
        // a sidecar left alone also takes its number
        Files.writeString(results.resolve("blobs-filter.gaussian-2.tif.provenance.json"), "{}");
        assertEquals(results.resolve("blobs-filter.gaussian-3.tif"),
                ResultFiles.targets(results, "blobs", GaussianFilter.SPEC).get("smoothed"));
    }

    @Test
    void severalOutputsAddTheirPortAndShareOneNumber() throws Exception {
        OperatorSpec spec = OperatorSpec.builder("segment.test", "Test").input(Port.image("image", ""))
                .output(Port.labels("labels", "")).output(Port.table("objects", "")).build();
        Files.writeString(results.resolve("cells-segment.test-objects.csv"), "x");
        Map<String, Path> targets = ResultFiles.targets(results, "cells", spec);
        assertEquals(List.of(results.resolve("cells-segment.test-labels-2.tif"),
                results.resolve("cells-segment.test-objects-2.csv")), List.copyOf(targets.values()));
    }
}
