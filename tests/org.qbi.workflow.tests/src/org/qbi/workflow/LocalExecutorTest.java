package org.qbi.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.io.testing.SharedData;
import org.qbi.io.testing.TestFiles;
import org.qbi.ops.filters.GaussianFilter;
import org.qbi.ops.testing.OpTesting;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.testing.ConsoleRun;
import org.qbi.workflow.internal.VerifyCommand;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/**
 * Batch runs over a project of real images (three 2D images of the shared data, each with a label image of
 * disks): outputs, provenance, up-to-date skipping, a corrupt sample, an interrupted run resumed, qbi verify.
 */
class LocalExecutorTest {

    static final String PIPELINE = """
            qbi-pipeline: 1
            name: cells
            inputs:
              image: {file: 0}
              labels: {match: "*.npy"}
            steps:
              - id: smooth
                op: filter.gaussian
                in: {image: image}
                params: {sigma: "${sample.sigma}"}
              - id: regions
                op: measure.regions
                in: {labels: labels, image: smooth}
            outputs:
              - {from: smooth, file: smooth.tif}
              - {from: regions, table: cells}
            """;

    /** sample id, shared file, sigma, group, disks */
    private static final List<String[]> SAMPLES = List.of(
            new String[] { "blobs", "tiff/8bit/blobs.tif", "1", "A", "3" },
            new String[] { "membranes", "tiff/16bit/membranes.tif", "2", "A", "5" },
            new String[] { "shale", "tiff/16bit/shale_slice_015_ORL6-3_1417.tif", "1.5", "B", "4" });

    @TempDir
    Path dir;

    ProjectLayout project;
    Pipeline pipeline;

    @BeforeEach
    void project() throws IOException {
        project = new ProjectLayout(dir.resolve("study")).create();
        SampleCatalog catalog = new SampleCatalog();
        catalog.addColumn("sigma");
        ImageFormats formats = ImageFormats.installed();
        for (String[] s : SAMPLES) {
            Path image = TestFiles.copy(SharedData.file(s[1]), project.raw());
            ArrayImage opened = OpTesting.open(image);
            long[] dims = opened.header().dimensions();
            ArrayImage labels = ArrayImage.allocate(opened.header().withPixelType(PixelType.UINT16).withFormat(""));
            int disks = Integer.parseInt(s[4]);
            for (int d = 1; d <= disks; d++) {
                long cx = dims[0] * d / (disks + 1);
                long cy = dims[1] / 2 + (d % 2) * 20;
                for (long y = 0; y < dims[1]; y++) {
                    for (long x = 0; x < dims[0]; x++) {
                        if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= 100 + 9 * d) {
                            PixelValues.set(PixelType.UINT16, labels.values(), x + dims[0] * y, d);
                        }
                    }
                }
            }
            Path labelFile = project.raw().resolve(s[0] + "-labels.npy");
            formats.writerFor(labelFile).write(labels, labelFile, ProgressMonitor.NULL);
            catalog.put(new Sample(s[0], s[3], "", List.of(project.relativize(image), project.relativize(labelFile)),
                    Map.of("sigma", s[2])));
        }
        catalog.save(project.catalogFile());
        pipeline = PipelineFile.parse(PIPELINE, "cells.yaml");
    }

    private List<Sample> samples() throws IOException {
        return SampleCatalog.load(project.catalogFile()).samples();
    }

    private RunSummary run(LocalExecutor.Options options, ProgressMonitor monitor) throws IOException {
        return LocalExecutor.installed().run(pipeline, project, samples(), options, monitor);
    }

    private RunSummary run() throws IOException {
        return run(LocalExecutor.Options.defaults(), ProgressMonitor.NULL);
    }

    private Map<String, SampleOutcome.Status> statuses(RunSummary summary) {
        Map<String, SampleOutcome.Status> statuses = new java.util.LinkedHashMap<>();
        summary.outcomes().forEach(o -> statuses.put(o.sample(), o.status()));
        return statuses;
    }

    @Test
    void runsOverRealImagesWithProvenanceAndCombinedTables() throws IOException {
        RunSummary summary = run();
        assertEquals("3 done, 0 skipped as up to date, 0 failed", summary.describe(), summary.outcomes().toString());
        Path folder = project.results().resolve("cells");
        for (String[] s : SAMPLES) {
            Path result = folder.resolve(s[0]);
            ArrayImage input = OpTesting.open(project.raw().resolve(Path.of(s[1]).getFileName()));
            ArrayImage expected = ArrayImage.copyOf(OpTesting.run(new GaussianFilter(), input, "sigma=" + s[2]).image());
            OpTesting.assertIdentical(expected, OpTesting.open(result.resolve("smooth.tif")), s[0] + " smoothed");
            List<String> rows = Files.readAllLines(result.resolve("cells.csv"));
            assertEquals(1 + Integer.parseInt(s[4]), rows.size(), s[0] + ": one row per disk");
            assertTrue(rows.get(1).startsWith(s[0] + "," + s[3] + ",1,"), rows.get(1));
            JsonNode provenance = new ObjectMapper().readTree(result.resolve("provenance.json").toFile());
            assertEquals(Fingerprint.of(input, ProgressMonitor.NULL),
                    provenance.path("inputs").path("image").path("fingerprint").asText());
            assertEquals("raw/" + s[0] + "-labels.npy", provenance.path("inputs").path("labels").path("file").asText());
            assertEquals(s[2] + " px", provenance.path("steps").get(0).path("parameters").path("sigma").asText());
            assertEquals("org.qbi.ops.filters", provenance.path("steps").get(0).path("plugin").asText());
            assertEquals(PipelineFile.hash(pipeline), provenance.path("pipeline_sha256").asText());
            assertEquals(Fingerprint.of(expected, ProgressMonitor.NULL),
                    provenance.path("outputs").path("smooth.tif").path("fingerprint").asText());
        }
        List<String> combined = Files.readAllLines(folder.resolve("cells.csv"));
        assertEquals(1 + 3 + 5 + 4, combined.size());
        assertTrue(combined.getFirst().startsWith("sample_id,group,label,voxel_count,area [px^2]"), combined.getFirst());
        assertTrue(Files.isRegularFile(folder.resolve("pipelines").resolve(PipelineFile.hash(pipeline) + ".yaml")));
    }

    @Test
    void upToDateSamplesAreSkippedAndChangedOnesRunAgain() throws IOException {
        run();
        assertEquals("0 done, 3 skipped as up to date, 0 failed", run().describe());
        SampleCatalog catalog = SampleCatalog.load(project.catalogFile());
        Sample shale = catalog.find("shale").orElseThrow();
        catalog.put(new Sample("shale", "B", "", shale.files(), Map.of("sigma", "3")));
        catalog.save(project.catalogFile());
        RunSummary changed = run();
        assertEquals(Map.of("blobs", SampleOutcome.Status.SKIPPED, "membranes", SampleOutcome.Status.SKIPPED, "shale",
                SampleOutcome.Status.DONE), statuses(changed));
        // a changed input file (same size, other pixels) makes its sample run again
        Path membranes = project.raw().resolve("membranes.tif");
        ArrayImage image = OpTesting.open(membranes);
        PixelValues.set(PixelType.UINT16, image.values(), 0, PixelValues.get(PixelType.UINT16, image.values(), 0) + 1);
        membranes.toFile().setWritable(true);
        ImageFormats.installed().writerFor(membranes).write(image, membranes, ProgressMonitor.NULL);
        assertEquals(SampleOutcome.Status.DONE, statuses(run()).get("membranes"));
    }

    @Test
    void aCorruptSampleIsReportedAndTheOthersFinish() throws IOException {
        Path blobs = project.raw().resolve("blobs.tif");
        blobs.toFile().setWritable(true);
        TestFiles.truncate(blobs, 4000);
        RunSummary summary = run();
        assertEquals("2 done, 0 skipped as up to date, 1 failed", summary.describe());
        SampleOutcome failed = summary.outcomes().stream().filter(o -> o.sample().equals("blobs")).findFirst()
                .orElseThrow();
        assertTrue(failed.reason().contains("blobs.tif"), failed.reason());
        assertFalse(Files.exists(project.results().resolve("cells").resolve("blobs")));
        assertEquals(1 + 5 + 4, Files.readAllLines(project.results().resolve("cells").resolve("cells.csv")).size());
    }

    @Test
    void anInterruptedRunResumesAndKeepsEachSampleOnce() throws IOException {
        AtomicBoolean stop = new AtomicBoolean();
        List<String> written = new ArrayList<>();
        ProgressMonitor stopAfterFirst = new ProgressMonitor() {
            @Override
            public void begin(String task, long totalWork) {
            }

            @Override
            public void worked(long work) {
                stop.set(true);
            }

            @Override
            public boolean isCanceled() {
                return stop.get();
            }

            @Override
            public void done() {
            }
        };
        LocalExecutor.Options oneAtATime = LocalExecutor.Options.defaults().withJobs(1)
                .withSink(result -> written.add(result.sample().id()));
        RunSummary interrupted = run(oneAtATime, stopAfterFirst);
        assertEquals(1, interrupted.count(SampleOutcome.Status.DONE));
        assertEquals(2, interrupted.count(SampleOutcome.Status.CANCELLED));
        // what a crash in the middle of writing leaves behind
        Path leftover = project.results().resolve("cells").resolve(".staging-shale-123");
        Files.createDirectories(leftover);
        Files.writeString(leftover.resolve("cells.csv"), "half");
        RunSummary resumed = run(oneAtATime, ProgressMonitor.NULL);
        assertEquals("2 done, 1 skipped as up to date, 0 failed", resumed.describe());
        assertFalse(Files.exists(leftover));
        assertEquals(List.of("blobs", "membranes", "shale"), written, "each sample written exactly once");
        // the results store: the interrupted run stored nothing, the resumed one every sample once
        try (org.qbi.project.results.ResultsStore store = org.qbi.project.results.ResultsStore.open(project)) {
            org.qbi.core.table.Table counts = store.query("SELECT run_id, sample_id, count(*) AS n FROM cells "
                    + "GROUP BY ALL ORDER BY sample_id");
            assertEquals(3, counts.rowCount(), org.qbi.core.table.TableText.rows(counts).toString());
            for (int r = 0; r < 3; r++) {
                assertEquals(resumed.runId(), counts.column("run_id").text(r));
                assertEquals(Integer.parseInt(SAMPLES.get(r)[4]), counts.column("n").number(r));
            }
            org.qbi.core.table.Table grouped = store.query("SELECT \"group\", count(*) AS n FROM grouped.cells "
                    + "GROUP BY ALL ORDER BY 1");
            assertEquals(List.of("A", "B"), List.of(grouped.column("group").text(0), grouped.column("group").text(1)));
            assertEquals(3 + 5, grouped.column("n").number(0));
        }
        try (Stream<Path> folders = Files.list(project.results().resolve("cells"))) {
            assertEquals(List.of("blobs", "cells.csv", "membranes", "pipelines", "shale"),
                    folders.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /**
     * The store is opened only to write the finished run, so that another process (`qbi results query`, the
     * workbench) can read it while samples compute: DuckDB locks the file for as long as a connection is open.
     * Seen here as no open file descriptor of this process on the database while the samples run (Linux).
     */
    @Test
    void theResultsStoreIsNotHeldOpenWhileSamplesCompute() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd (Linux)");
        run();
        Path database = project.results().resolve(org.qbi.project.results.ResultsStore.DATABASE_FILE)
                .toRealPath();
        List<String> held = new ArrayList<>();
        LocalExecutor.Options watching = LocalExecutor.Options.defaults().withForce(true).withJobs(1)
                .withSink(result -> {
                    try (Stream<Path> open = Files.list(fds)) {
                        for (Path fd : open.toList()) {
                            try {
                                if (Files.readSymbolicLink(fd).toString().startsWith(database.toString())) {
                                    held.add(result.sample().id() + ": " + fd);
                                }
                            } catch (IOException | UnsupportedOperationException e) {
                                // closed meanwhile, or not a link
                            }
                        }
                    }
                });
        RunSummary forced = run(watching, ProgressMonitor.NULL);
        assertEquals("3 done, 0 skipped as up to date, 0 failed", forced.describe());
        assertEquals(List.of(), held, "the database was open while samples ran");
        try (org.qbi.project.results.ResultsStore store = org.qbi.project.results.ResultsStore.open(project)) {
            assertEquals(12.0, store.query("SELECT count(*) FROM cells WHERE run_id = '" + forced.runId() + "'")
                    .columns().getFirst().number(0), "the run was stored when it finished");
        }
    }

    @Test
    void verifyReproducesAnUntouchedRunAndCatchesAnAlteredInput() throws IOException {
        run();
        Path results = project.results().resolve("cells");
        ConsoleRun ok = ConsoleRun.of(() -> new CommandLine(new VerifyCommand()).execute(results.toString()));
        assertEquals(0, ok.exitCode(), ok.toString());
        assertTrue(ok.out().contains("3 of 3 result(s) reproduced bit for bit"), ok.out());
        Path shale = project.raw().resolve("shale_slice_015_ORL6-3_1417.tif");
        ArrayImage image = OpTesting.open(shale);
        PixelValues.set(PixelType.UINT16, image.values(), 77, 1234);
        shale.toFile().setWritable(true);
        ImageFormats.installed().writerFor(shale).write(image, shale, ProgressMonitor.NULL);
        ConsoleRun altered = ConsoleRun.of(() -> new CommandLine(new VerifyCommand()).execute(results.toString()));
        assertEquals(1, altered.exitCode(), altered.toString());
        assertTrue(altered.out().contains("input image (raw/shale_slice_015_ORL6-3_1417.tif) has changed"), altered.out());
        assertTrue(altered.out().contains("2 of 3"), altered.out());
    }

    @Test
    void aSweepRunsEveryValueAndReusesTheStepsBeforeIt() throws IOException {
        pipeline = PipelineFile.parse(PIPELINE + "sweep:\n  smooth.truncate: [2, 3]\n", "sweep.yaml");
        RunSummary summary = run();
        assertEquals(6, summary.count(SampleOutcome.Status.DONE));
        Path blobs = project.results().resolve("cells").resolve("blobs");
        assertTrue(Files.isRegularFile(blobs.resolve("truncate-2").resolve("smooth.tif")));
        List<String> rows = Files.readAllLines(blobs.resolve("truncate-3").resolve("cells.csv"));
        assertTrue(rows.getFirst().startsWith("sample_id,group,smooth_truncate,label"), rows.getFirst());
        assertTrue(rows.get(1).startsWith("blobs,A,3,1,"), rows.get(1));
        assertEquals(1 + 2 * (3 + 5 + 4), Files.readAllLines(project.results().resolve("cells").resolve("cells.csv"))
                .size());
    }
}
