package org.qbi.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ValueStatistics;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.workflow.LocalExecutor;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.PipelineFile;
import org.qbi.workflow.RunSummary;
import org.qbi.workflow.SampleFilter;
import org.qbi.workflow.SampleOutcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Data read through Hadoop's file systems ({@code file:} URIs here: the local disk through Hadoop's API, as
 * hdfs:// or s3a:// would be on a cluster): a chunked volume read chunk by chunk gives what the same store read
 * as a local path gives, and samples whose catalog entries are locations are staged to the executor and give the
 * local run's numbers, with the location recorded in their provenance.
 */
class HadoopStorageTest extends LocalSparkTest {

    private static final Path EXAMPLE = Path.of(System.getProperty("qbi.examples.project"));
    private static final ObjectMapper JSON = new ObjectMapper();


    @Test
    void aChunkedVolumeReadThroughHadoopEqualsTheLocalStore(@TempDir Path dir) throws IOException {
        Path volume = dir.resolve("volume.zarr");
        SyntheticChunks.generate(context, 160, 128, 96, 32, volume, dir.resolve("mask.zarr"));
        Path remote = HadoopStorage.path(volume.toUri().toString());
        assertInstanceOf(HadoopPath.class, remote);
        assertTrue(remote.toString().startsWith("file:/"), remote.toString());

        ValueStatistics local = ChunkedStatistics.run(context, volume);
        ValueStatistics viaHadoop = ChunkedStatistics.run(context, remote);
        assertEquals(local, viaHadoop);

        ChunkedFilter.run(context, "filter.gaussian", Map.of("sigma", "1.5"), volume, dir.resolve("local.zarr"));
        ChunkedFilter.run(context, "filter.gaussian", Map.of("sigma", "1.5"), remote, dir.resolve("remote.zarr"));
        assertEquals(fingerprint(dir.resolve("local.zarr")), fingerprint(dir.resolve("remote.zarr")));
    }

    @Test
    void samplesAtLocationsAreStagedAndGiveTheLocalResults(@TempDir Path dir) throws IOException {
        ProjectLayout local = copyProject(EXAMPLE, dir.resolve("local"));
        ProjectLayout remote = copyProject(EXAMPLE, dir.resolve("remote"));
        Path store = Files.createDirectories(dir.resolve("object-store"));
        Pipeline pipeline = PipelineFile.read(local.pipelines().resolve("nuclei.yaml"));
        // the remote project's nuclei samples name their files by URI, outside the project
        SampleCatalog catalog = SampleCatalog.load(remote.catalogFile());
        List<String> moved = new ArrayList<>();
        for (Sample sample : SampleFilter.select(catalog.samples(), pipeline.samples())) {
            List<String> files = new ArrayList<>();
            for (String file : sample.files()) {
                Path target = store.resolve(Path.of(file).getFileName().toString());
                Files.move(remote.resolve(file), target);
                files.add(target.toUri().toString());
            }
            moved.addAll(files);
            catalog.replace(sample.id(), new Sample(sample.id(), sample.group(), sample.notes(), files, sample.fields()));
        }
        catalog.save(remote.catalogFile());
        assertEquals(2, moved.size(), moved.toString());
        List<Sample> remoteSamples = samples(remote, pipeline);

        // the local engine names what it cannot read
        RunSummary refused = LocalExecutor.installed().run(pipeline, remote, remoteSamples,
                LocalExecutor.Options.defaults().withStore(false).withResults(dir.resolve("refused")),
                ProgressMonitor.NULL);
        assertEquals(2, refused.count(SampleOutcome.Status.FAILED), refused.describe());
        assertTrue(refused.outcomes().get(0).reason().contains("--engine spark"), refused.outcomes().get(0).reason());

        RunSummary byLocal = LocalExecutor.installed().run(pipeline, local, samples(local, pipeline),
                LocalExecutor.Options.defaults().withStore(false), ProgressMonitor.NULL);
        RunSummary bySpark = new SparkEngine(spark).run(pipeline, "nuclei", remote, remoteSamples,
                LocalExecutor.Options.defaults().withStore(false));
        assertEquals(2, byLocal.count(SampleOutcome.Status.DONE), byLocal.describe());
        assertEquals(2, bySpark.count(SampleOutcome.Status.DONE), bySpark.describe());
        Path localFolder = LocalExecutor.resultsFolder(local, pipeline);
        Path sparkFolder = LocalExecutor.resultsFolder(remote, pipeline);
        for (Pipeline.Output output : pipeline.outputs()) {
            if (output.isTable()) {
                String file = output.table() + ".csv";
                assertEquals(Files.readString(localFolder.resolve(file)), Files.readString(sparkFolder.resolve(file)));
            }
        }
        for (SampleOutcome outcome : bySpark.outcomes()) {
            JsonNode sparkRecord = JSON.readTree(outcome.resultDir().resolve("provenance.json").toFile());
            JsonNode localRecord = JSON.readTree(localFolder.resolve(outcome.sample()).resolve("provenance.json").toFile());
            assertEquals(localRecord.get("outputs"), sparkRecord.get("outputs"), outcome.sample());
            JsonNode input = sparkRecord.path("inputs").elements().next();
            assertTrue(moved.contains(input.path("file").asText()), "provenance names the location: " + input);
            assertEquals(localRecord.path("inputs").elements().next().path("fingerprint"), input.path("fingerprint"));
        }
    }

    @Test
    void missingLocationsAndWritesAreRefusedByName(@TempDir Path dir) throws IOException {
        String missing = dir.resolve("nothing.zarr").toUri().toString();
        NoSuchFileException absent = assertThrows(NoSuchFileException.class,
                () -> ImageFormats.installed().open(HadoopStorage.path(missing), null));
        assertTrue(absent.getMessage().contains("nothing.zarr"), absent.getMessage());
        Path folder = HadoopStorage.path(dir.resolve("new").toUri().toString());
        UnsupportedOperationException write = assertThrows(UnsupportedOperationException.class,
                () -> Files.createDirectory(folder));
        assertTrue(write.getMessage().contains("does not write"), write.getMessage());
        IllegalArgumentException notUri = assertThrows(IllegalArgumentException.class,
                () -> HadoopStorage.path("scans/bone.zarr"));
        assertTrue(notUri.getMessage().contains("scans/bone.zarr"), notUri.getMessage());
        IllegalArgumentException noConnector = assertThrows(IllegalArgumentException.class,
                () -> HadoopStorage.path("nosuchfs://bucket/scan.zarr"));
        assertTrue(noConnector.getMessage().contains("nosuchfs://bucket/scan.zarr"), noConnector.getMessage());
    }
}
