package org.qbi.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operator runs (their provenance sidecars) become a pipeline wired by the files they passed on. */
class SessionRecordingTest {

    @TempDir
    Path dir;

    private Path sidecar(String name, String operator, Map<String, String> inputs, Map<String, String> outputs,
            String parameters) throws Exception {
        StringBuilder json = new StringBuilder("{\"step\":{\"operator\":\"" + operator + "\",\"plugin\":\"p\","
                + "\"version\":\"1\",\"parameters\":" + parameters + ",\"inputs\":{");
        inputs.forEach((port, file) -> json.append('"').append(port).append("\":{\"location\":\"")
                .append(dir.resolve(file)).append("\",\"fingerprint\":\"f\"},"));
        trimComma(json).append("},\"outputs\":{");
        outputs.forEach((port, file) -> json.append('"').append(port).append("\":{\"location\":\"")
                .append(dir.resolve(file)).append("\",\"fingerprint\":\"g\"},"));
        trimComma(json).append("}}}");
        Path file = dir.resolve(name + ".provenance.json");
        Files.writeString(file, json);
        return file;
    }

    private static StringBuilder trimComma(StringBuilder s) {
        if (s.charAt(s.length() - 1) == ',') {
            s.setLength(s.length() - 1);
        }
        return s;
    }

    @Test
    void runsOnEachOthersFilesAreWiredAndOutsideFilesBecomeInputs() throws Exception {
        Path a = sidecar("a", "filter.gaussian", Map.of("image", "raw/blobs.tif"),
                Map.of("smoothed", "results/blobs-filter.gaussian.tif"), "{\"sigma\":\"2 px\",\"mode\":\"reflect\"}");
        Path b = sidecar("b", "threshold.otsu", Map.of("image", "results/blobs-filter.gaussian.tif"),
                Map.of("mask", "results/m.tif", "threshold", "results/t.csv"), "{}");
        Path c = sidecar("c", "measure.regions", Map.of("labels", "results/m.tif", "image", "raw/blobs.tif"),
                Map.of("regions", "results/r.csv"), "{\"spacing\":\"true\"}");
        Path d = sidecar("d", "filter.gaussian", Map.of("image", "raw/other.tif"), Map.of("smoothed", "results/o.tif"),
                "{\"sigma\":\"1 px\"}");
        Pipeline pipeline = SessionRecording.toPipeline("session", "", List.of(a, b, c, d));

        assertEquals(Map.of("image", new Pipeline.Input("image", 0, null), "image2",
                new Pipeline.Input("image2", 1, null)), pipeline.inputs());
        assertEquals(List.of("gaussian", "otsu", "regions", "gaussian_2"),
                pipeline.steps().stream().map(Step::id).toList());
        assertEquals(Map.of("image", "gaussian.smoothed"), pipeline.step("otsu").inputs());
        assertEquals(Map.of("labels", "otsu.mask", "image", "image"), pipeline.step("regions").inputs());
        assertEquals(Map.of("image", "image2"), pipeline.step("gaussian_2").inputs());
        assertEquals(Map.of("sigma", "2 px", "mode", "reflect"), pipeline.step("gaussian").parameters());
        // (the order of a step's outputs is the sidecar's; these sidecars come from Map.of, whose order varies)
        assertEquals(Set.of(new Pipeline.Output("gaussian.smoothed", "gaussian.tif", null),
                new Pipeline.Output("otsu.mask", "otsu-mask.tif", null),
                new Pipeline.Output("otsu.threshold", null, "otsu_threshold"),
                new Pipeline.Output("regions.regions", null, "regions"),
                new Pipeline.Output("gaussian_2.smoothed", "gaussian_2.tif", null)), Set.copyOf(pipeline.outputs()));
        assertEquals(5, pipeline.outputs().size());
        assertEquals(List.of(dir.resolve("raw/blobs.tif"), dir.resolve("raw/other.tif")),
                SessionRecording.externalInputs(List.of(a, b, c, d)));

        // the file it saves reads back as the same pipeline
        Path file = dir.resolve("session.yaml");
        PipelineFile.write(pipeline, file);
        assertEquals(pipeline, PipelineFile.read(file));
    }

    @Test
    void nothingRecordedOrNotARecordIsRefused() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> SessionRecording.toPipeline("s", "", List.of()));
        Path wrong = dir.resolve("x.provenance.json");
        Files.writeString(wrong, "{\"pipeline\":\"count\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SessionRecording.toPipeline("s", "", List.of(wrong)));
        assertTrue(e.getMessage().contains(wrong.toString()), e.getMessage());
    }
}
