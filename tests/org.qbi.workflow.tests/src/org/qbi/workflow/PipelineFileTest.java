package org.qbi.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The pipeline file format: reading, canonical writing, and messages for every mistake. */
class PipelineFileTest {

    static final String CELLS = """
            qbi-pipeline: 1
            name: cells
            description: count cells
            samples: group=A
            inputs:
              image: {file: 0}
              labels: {match: "*.npy"}
            steps:
              - id: regions
                op: measure.regions
                in: {labels: labels, image: smooth}
              - id: smooth
                op: filter.gaussian
                in: {image: image}
                params: {sigma: "${sample.sigma}", mode: nearest}
            outputs:
              - {from: smooth, file: smooth.tif}
              - {from: regions.regions, table: cells}
            sweep:
              smooth.truncate: [3, 4]
            """;

    @Test
    void readsOrdersAndWritesBackCanonically() {
        Pipeline pipeline = PipelineFile.parse(CELLS, "cells.yaml");
        assertEquals("cells", pipeline.name());
        assertEquals(List.of("smooth", "regions"), pipeline.steps().stream().map(Step::id).toList(),
                "steps run after the steps they use");
        assertEquals(Map.of("sigma", "${sample.sigma}", "mode", "nearest"), pipeline.step("smooth").parameters());
        assertEquals("*.npy", pipeline.inputs().get("labels").match());
        assertEquals(List.of("3", "4"), pipeline.sweep().get("smooth.truncate"));
        assertTrue(pipeline.outputs().get(1).isTable());
        String canonical = PipelineFile.format(pipeline);
        Pipeline again = PipelineFile.parse(canonical, "again");
        assertEquals(pipeline, again);
        assertEquals(canonical, PipelineFile.format(again));
        assertEquals(PipelineFile.hash(pipeline), PipelineFile.hash(again));
        assertEquals(2, LocalExecutor.variants(pipeline).size());
        assertEquals("group=A", pipeline.samples());
    }

    @Test
    void distributionIsAutoUnlessChosenAndOnlyAChosenOneChangesTheHash() {
        Pipeline plain = PipelineFile.parse(CELLS, "cells.yaml");
        assertEquals(Pipeline.DISTRIBUTE_AUTO, plain.distribute());
        assertFalse(PipelineFile.format(plain).contains("distribute"), "auto is not written");
        Pipeline explicitAuto = PipelineFile.parse(CELLS.replace("samples: group=A", "samples: group=A\ndistribute: auto"),
                "auto.yaml");
        assertEquals(PipelineFile.hash(plain), PipelineFile.hash(explicitAuto));
        Pipeline chunks = PipelineFile.parse(CELLS.replace("samples: group=A", "samples: group=A\ndistribute: chunks"),
                "chunks.yaml");
        assertEquals(Pipeline.DISTRIBUTE_CHUNKS, chunks.distribute());
        assertEquals(chunks, PipelineFile.parse(PipelineFile.format(chunks), "again"));
        assertTrue(PipelineFile.format(chunks).contains("distribute: chunks"), PipelineFile.format(chunks));
        assertNotEquals(PipelineFile.hash(plain), PipelineFile.hash(chunks));
        assertMistake(CELLS.replace("samples: group=A", "samples: group=A\ndistribute: voxels"),
                "distribute is auto, chunks or samples; got 'voxels'");
    }

    @Test
    void mistakesAreNamed() {
        assertMistake(CELLS.replace("qbi-pipeline: 1", "qbi-pipeline: 7"), "format version 7 is not supported");
        assertMistake(CELLS.replace("    op: filter.gaussian", "    op: filter.gaussian\n    parms: {}"),
                "step 'smooth': unknown key 'parms'");
        assertMistake(CELLS.replace("in: {image: image}", "in: {image: regions}"), "cycle");
        assertMistake(CELLS.replace("in: {image: image}", "in: {image: imgae}"),
                "Step 'smooth', input 'image': 'imgae' is neither a pipeline input");
        assertMistake(CELLS.replace("{from: smooth, file: smooth.tif}", "{from: smoth, file: smooth.tif}"),
                "Output 'smoth' refers to no step");
        assertMistake(CELLS.replace("  - id: smooth", "  - id: Smooth"), "Step id 'Smooth'");
        assertMistake(CELLS.replace("name: cells", "name: cells/../x"), "pipeline name");
        assertMistake(CELLS.replace("smooth.truncate: [3, 4]", "smooth.truncate: []"), "has no values");
        assertMistake("qbi-pipeline: 1\nname: x\nsteps:\n  - id: a\n    op: [", "not valid YAML at line");
    }

    @Test
    void samplesAreSelectedByGroupOrIdGlobs() {
        List<org.qbi.project.Sample> all = List.of(new org.qbi.project.Sample("bone-1", "A", "", List.of()),
                new org.qbi.project.Sample("bone-2", "B", "", List.of()),
                new org.qbi.project.Sample("ct-1", "A", "", List.of()));
        assertEquals(List.of("bone-1", "ct-1"), ids(SampleFilter.select(all, "group=A")));
        assertEquals(List.of("bone-1", "bone-2"), ids(SampleFilter.select(all, "bone-*")));
        assertEquals(List.of("bone-2", "ct-1"), ids(SampleFilter.select(all, "ct-1, bone-2")));
        assertEquals(3, SampleFilter.select(all, "").size());
    }

    private static List<String> ids(List<org.qbi.project.Sample> samples) {
        return samples.stream().map(org.qbi.project.Sample::id).toList();
    }

    private static void assertMistake(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PipelineFile.parse(text,
                "p.yaml"));
        assertTrue(e.getMessage().startsWith("p.yaml: ") && e.getMessage().contains(expected), e.getMessage());
    }
}
