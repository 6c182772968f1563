package org.qbi.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.core.table.Table;
import org.qbi.io.ImageFormats;
import org.qbi.project.ProjectLayout;
import org.qbi.project.SampleCatalog;
import org.qbi.project.results.ResultsStore;
import org.qbi.workflow.LocalExecutor;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.PipelineFile;
import org.qbi.workflow.RunSummary;
import org.qbi.workflow.SampleOutcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A pipeline (Gaussian, threshold at a value, labeling) over a chunked Zarr volume of 4 x 3 x 2 chunks, run by the
 * local executor in memory and by the Spark engine chunk by chunk on local[2]: the same output fingerprints, tables,
 * content keys and stored rows; provenance says chunks. Steps without a distributed implementation are refused
 * naming the step; the rule picks chunks only for chunked Zarr inputs above the threshold.
 */
class ChunkedPipelineTest extends LocalSparkTest {

    private static final Path PIPELINE = Path.of("src/test/data/chunked-objects.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();


    @Test
    void chunkWiseRunEqualsTheLocalExecutor(@TempDir Path dir) throws IOException {
        Pipeline pipeline = PipelineFile.read(PIPELINE);
        assertEquals(Pipeline.DISTRIBUTE_CHUNKS, pipeline.distribute());
        ProjectLayout local = project(dir.resolve("local"));
        ProjectLayout distributed = project(dir.resolve("spark"));

        RunSummary byLocal = LocalExecutor.installed().run(pipeline, local, samples(local), LocalExecutor.Options
                .defaults(), ProgressMonitor.NULL);
        List<String> log = new ArrayList<>();
        RunSummary bySpark = new SparkEngine(spark).logging(log::add).run(pipeline, PIPELINE.toString(), distributed,
                samples(distributed), LocalExecutor.Options.defaults());
        assertEquals(1, byLocal.count(SampleOutcome.Status.DONE), byLocal.describe());
        assertEquals(1, bySpark.count(SampleOutcome.Status.DONE), bySpark.describe());
        assertEquals("sample vol chunk by chunk (the pipeline says distribute: chunks)", log.getFirst());
        assertEquals(List.of("smooth (filter.gaussian)", "mask (threshold.manual)", "objects (segment.label)"),
                log.subList(1, 4).stream().map(line -> line.replaceAll("^step (.*) over the chunks: .* s$", "$1"))
                        .toList(), "each step over the chunks: " + log);

        Path localFolder = LocalExecutor.resultsFolder(local, pipeline);
        Path sparkFolder = LocalExecutor.resultsFolder(distributed, pipeline);
        for (String table : List.of("objects.csv", "threshold.csv")) {
            assertEquals(Files.readString(localFolder.resolve(table)), Files.readString(sparkFolder.resolve(table)),
                    table);
        }
        JsonNode localRecord = JSON.readTree(localFolder.resolve("vol/provenance.json").toFile());
        JsonNode sparkRecord = JSON.readTree(sparkFolder.resolve("vol/provenance.json").toFile());
        assertEquals(localRecord.get("outputs"), sparkRecord.get("outputs"), "output fingerprints and tables");
        assertEquals(localRecord.get("key"), sparkRecord.get("key"), "content key");
        assertEquals(localRecord.get("steps"), sparkRecord.get("steps"), "steps, parameters and step keys");
        JsonNode engine = sparkRecord.get("engine");
        assertEquals("spark", engine.path("engine").asText());
        assertEquals("local[2]", engine.path("master").asText());
        assertEquals(spark.version(), engine.path("spark_version").asText());
        assertEquals("chunks", engine.path("distribution").asText());
        assertEquals("32x32x32", engine.path("chunk").asText());

        // a real result: objects found
        Table objects;
        try (var reader = Files.newBufferedReader(sparkFolder.resolve("objects.csv"))) {
            objects = Table.readCsv(reader, "objects", "objects.csv");
        }
        double count = objects.column("objects").number(0);
        assertTrue(count > 5 && count < 40, count + " objects");
        // the outputs are chunked Zarr stores with the input's chunks and the provenance inside
        try (Image labels = ImageFormats.installed().open(sparkFolder.resolve("vol/labels.zarr"), null)) {
            assertEquals(32, labels.grid().chunkSize()[0]);
            assertEquals(sparkRecord.path("outputs").path("labels.zarr").path("fingerprint").asText(),
                    Fingerprint.of(labels, ProgressMonitor.NULL));
        }
        JsonNode attributes = JSON.readTree(sparkFolder.resolve("vol/labels.zarr/.zattrs").toFile());
        assertEquals(sparkRecord.get("key"), attributes.path("qbi_provenance").get("key"));
        assertNotEquals(localRecord.path("outputs").path("labels.zarr").path("fingerprint"),
                localRecord.path("outputs").path("smooth.zarr").path("fingerprint"));
        assertEquals(storedRows(local, "objects"), storedRows(distributed, "objects"));
        assertNoLeftovers(sparkFolder);

        // up to date: skipped, as by the local executor
        RunSummary again = new SparkEngine(spark).run(pipeline, PIPELINE.toString(), distributed, samples(distributed),
                LocalExecutor.Options.defaults());
        assertEquals(1, again.count(SampleOutcome.Status.SKIPPED), again.describe());
        assertNoLeftovers(sparkFolder);
    }

    @Test
    void pointwiseArithmeticAndAMedianRunChunkWiseToo(@TempDir Path dir) throws IOException {
        // a median (another block operator), then arithmetic into uint8 (clipped), then the threshold on it
        String text = Files.readString(PIPELINE).replace("name: chunked-objects", "name: arithmetic")
                .replace("op: filter.gaussian", "op: filter.median").replace("params: {sigma: 1}", "params: {radius: 1}")
                .replace("  - id: mask\n", """
                          - id: scaled
                            op: point.multiply
                            in: {image: smooth}
                            params: {value: 0.75, output: same}
                          - id: mask
                        """).replace("in: {image: smooth}\n    params: {low: 150}", "in: {image: scaled}\n    params: {low: 110}")
                .replace("  - {from: smooth, file: smooth.zarr}", "  - {from: scaled, file: scaled.zarr}");
        Pipeline pipeline = PipelineFile.parse(text, "arithmetic");
        assertEquals(List.of("smooth", "scaled", "mask", "objects"), pipeline.steps().stream().map(s -> s.id())
                .toList());
        ProjectLayout local = project(dir.resolve("local"));
        ProjectLayout distributed = project(dir.resolve("spark"));
        RunSummary byLocal = LocalExecutor.installed().run(pipeline, local, samples(local), LocalExecutor.Options
                .defaults(), ProgressMonitor.NULL);
        RunSummary bySpark = new SparkEngine(spark).run(pipeline, "arithmetic", distributed, samples(distributed),
                LocalExecutor.Options.defaults());
        assertEquals(1, byLocal.count(SampleOutcome.Status.DONE), byLocal.describe());
        assertEquals(1, bySpark.count(SampleOutcome.Status.DONE), bySpark.describe());
        JsonNode localRecord = JSON.readTree(LocalExecutor.resultsFolder(local, pipeline).resolve("vol/provenance.json")
                .toFile());
        JsonNode sparkRecord = JSON.readTree(LocalExecutor.resultsFolder(distributed, pipeline)
                .resolve("vol/provenance.json").toFile());
        assertEquals(localRecord.get("outputs"), sparkRecord.get("outputs"));
        assertEquals("chunks", sparkRecord.path("engine").path("distribution").asText());
        try (Image scaled = ImageFormats.installed().open(LocalExecutor.resultsFolder(distributed, pipeline)
                .resolve("vol/scaled.zarr"), null)) {
            assertEquals(org.qbi.core.image.PixelType.FLOAT32, scaled.header().pixelType(),
                    "output=same keeps the input's float32");
        }
    }

    @Test
    void distanceTransformRegionsAndHistogramRunChunkWise(@TempDir Path dir) throws IOException {
        String text = Files.readString(PIPELINE).replace("name: chunked-objects", "name: global")
                .replace("outputs:\n", """
                          - id: distance
                            op: segment.distance
                            in: {mask: mask.mask}
                          - id: regions
                            op: measure.regions
                            in: {labels: objects.labels, image: volume}
                          - id: histogram
                            op: measure.histogram
                            in: {image: volume}
                            params: {bins: 64}
                        outputs:
                        """) + """
                  - {from: distance, file: distance.zarr}
                  - {from: regions, table: regions}
                  - {from: histogram, table: histogram}
                """;
        Pipeline pipeline = PipelineFile.parse(text, "global");
        ProjectLayout local = project(dir.resolve("local"));
        ProjectLayout distributed = project(dir.resolve("spark"));
        RunSummary byLocal = LocalExecutor.installed().run(pipeline, local, samples(local), LocalExecutor.Options
                .defaults(), ProgressMonitor.NULL);
        List<String> log = new ArrayList<>();
        RunSummary bySpark = new SparkEngine(spark).logging(log::add).run(pipeline, "global", distributed,
                samples(distributed), LocalExecutor.Options.defaults());
        assertEquals(1, byLocal.count(SampleOutcome.Status.DONE), byLocal.describe());
        assertEquals(1, bySpark.count(SampleOutcome.Status.DONE), bySpark.describe());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("step distance (segment.distance) over the chunks")),
                log.toString());
        Path localFolder = LocalExecutor.resultsFolder(local, pipeline);
        Path sparkFolder = LocalExecutor.resultsFolder(distributed, pipeline);
        for (String table : List.of("regions.csv", "histogram.csv", "objects.csv")) {
            assertEquals(Files.readString(localFolder.resolve(table)), Files.readString(sparkFolder.resolve(table)),
                    table);
        }
        JsonNode localRecord = JSON.readTree(localFolder.resolve("vol/provenance.json").toFile());
        JsonNode sparkRecord = JSON.readTree(sparkFolder.resolve("vol/provenance.json").toFile());
        assertEquals(localRecord.get("outputs"), sparkRecord.get("outputs"), "distance map fingerprint and tables");
        Table regions;
        try (var reader = Files.newBufferedReader(sparkFolder.resolve("regions.csv"))) {
            regions = Table.readCsv(reader, "regions", "regions.csv");
        }
        assertTrue(regions.rowCount() > 5, regions.rowCount() + " objects measured");
        assertEquals(storedRows(local, "regions"), storedRows(distributed, "regions"));
    }

    @Test
    void otsuIsCountedOverTheChunksAndEqualsTheLocalThreshold(@TempDir Path dir) throws IOException {
        String text = Files.readString(PIPELINE).replace("name: chunked-objects", "name: otsu")
                .replace("op: threshold.manual", "op: threshold.otsu").replace("params: {low: 150}", "");
        Pipeline pipeline = PipelineFile.parse(text, "otsu");
        ProjectLayout local = project(dir.resolve("local"));
        ProjectLayout distributed = project(dir.resolve("spark"));
        RunSummary byLocal = LocalExecutor.installed().run(pipeline, local, samples(local), LocalExecutor.Options
                .defaults(), ProgressMonitor.NULL);
        RunSummary bySpark = new SparkEngine(spark).run(pipeline, "otsu", distributed, samples(distributed),
                LocalExecutor.Options.defaults());
        assertEquals(1, byLocal.count(SampleOutcome.Status.DONE), byLocal.describe());
        assertEquals(1, bySpark.count(SampleOutcome.Status.DONE), bySpark.outcomes().toString());
        Path localFolder = LocalExecutor.resultsFolder(local, pipeline);
        Path sparkFolder = LocalExecutor.resultsFolder(distributed, pipeline);
        for (String table : List.of("threshold.csv", "objects.csv")) {
            assertEquals(Files.readString(localFolder.resolve(table)), Files.readString(sparkFolder.resolve(table)),
                    table);
        }
        JsonNode localRecord = JSON.readTree(localFolder.resolve("vol/provenance.json").toFile());
        JsonNode sparkRecord = JSON.readTree(sparkFolder.resolve("vol/provenance.json").toFile());
        assertEquals(localRecord.get("outputs"), sparkRecord.get("outputs"), "mask-derived labels and tables");
        Table threshold;
        try (var reader = Files.newBufferedReader(sparkFolder.resolve("threshold.csv"))) {
            threshold = Table.readCsv(reader, "threshold", "threshold.csv");
        }
        double value = threshold.column("threshold").number(0);
        assertTrue(Double.isFinite(value) && value > 0, "a real threshold: " + value);
    }

    @Test
    void aStepWithoutDistributedImplementationIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        // Li's threshold on floating-point images iterates over the image's values, not only its histogram
        String text = Files.readString(PIPELINE).replace("op: threshold.manual", "op: threshold.li")
                .replace("params: {low: 150}", "");
        Pipeline pipeline = PipelineFile.parse(text, "li");
        ProjectLayout project = project(dir.resolve("p"));
        RunSummary summary = new SparkEngine(spark).run(pipeline, "li", project, samples(project),
                LocalExecutor.Options.defaults());
        assertEquals(1, summary.count(SampleOutcome.Status.FAILED), summary.describe());
        String reason = summary.outcomes().getFirst().reason();
        assertTrue(reason.contains("step 'mask' (threshold.li) has no distributed implementation"), reason);
        assertTrue(reason.contains("threshold.otsu"), "the histogram thresholds are listed: " + reason);
        assertTrue(reason.contains("segment.label") && reason.contains("threshold.manual"), reason);
        assertNoLeftovers(LocalExecutor.resultsFolder(project, pipeline));
        assertFalse(Files.exists(LocalExecutor.resultsFolder(project, pipeline).resolve("vol")));

        String tiff = Files.readString(PIPELINE).replace("file: labels.zarr", "file: labels.tif");
        RunSummary named = new SparkEngine(spark).run(PipelineFile.parse(tiff, "tiff"), "tiff", project,
                samples(project), LocalExecutor.Options.defaults());
        String why = named.outcomes().getFirst().reason();
        assertTrue(why.contains("name the output labels.zarr"), why);
    }

    @Test
    void theRuleDistributesChunksOfLargeZarrInputsOnly(@TempDir Path dir) throws IOException {
        ProjectLayout project = project(dir.resolve("p"));
        var sample = samples(project).getFirst();
        Pipeline chunks = PipelineFile.read(PIPELINE);
        Pipeline auto = PipelineFile.parse(Files.readString(PIPELINE).replace("distribute: chunks", ""), "auto");
        Pipeline tasks = PipelineFile.parse(Files.readString(PIPELINE).replace("distribute: chunks",
                "distribute: samples"), "samples");
        long bytes = 128L * 96 * 64 * 4; // float32
        assertTrue(Distribution.decide(chunks, project, sample, Long.MAX_VALUE).chunks());
        assertFalse(Distribution.decide(tasks, project, sample, 0).chunks());
        assertFalse(Distribution.decide(auto, project, sample, bytes).chunks());
        Distribution.Decision above = Distribution.decide(auto, project, sample, bytes - 1);
        assertTrue(above.chunks(), above.reason());
        assertEquals("32x32x32", above.chunk());
        // the same pipeline on a TIFF sample: one task, whatever its size
        Files.writeString(project.catalogFile(), "sample_id,group,notes,files\nvol,synthetic,,raw/volume.tif\n");
        assertFalse(Distribution.decide(auto, project, samples(project).getFirst(), 0).chunks());
    }

    /** A project whose one sample is a 128 x 96 x 64 float32 volume in 32^3 Zarr chunks (spheres over noise). */
    private static ProjectLayout project(Path root) throws IOException {
        ProjectLayout project = ProjectLayout.open(new ProjectLayout(root).create().root());
        SyntheticChunks.generate(context, 128, 96, 64, 32, root.resolve("raw/volume.zarr"), root.resolve("raw/mask.zarr"));
        Files.writeString(project.catalogFile(), "sample_id,group,notes,files\nvol,synthetic,,raw/volume.zarr\n");
        return project;
    }

    private static List<org.qbi.project.Sample> samples(ProjectLayout project) throws IOException {
        return SampleCatalog.load(project.catalogFile()).samples();
    }

    private static void assertNoLeftovers(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            List<Path> left = all.filter(p -> p.getFileName().toString().startsWith(".staging")
                    || p.getFileName().toString().startsWith(".old")).toList();
            assertTrue(left.isEmpty(), "left behind: " + left);
        }
    }

    private static List<String> storedRows(ProjectLayout project, String table) throws IOException {
        List<String> rows = new ArrayList<>();
        try (ResultsStore store = ResultsStore.open(project)) {
            Table stored = store.read(table);
            for (int r = 0; r < stored.rowCount(); r++) {
                StringBuilder row = new StringBuilder();
                for (var column : stored.columns()) {
                    if (!column.name().equals("run_id")) {
                        row.append(column.name()).append('=').append(column.text(r)).append(';');
                    }
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
