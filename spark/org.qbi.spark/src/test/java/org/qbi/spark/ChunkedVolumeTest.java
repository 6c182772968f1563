package org.qbi.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageStatistics;
import org.qbi.core.image.ValueStatistics;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.ops.Outputs;

/**
 * One volume's chunks distributed on Spark local[2]: the Gaussian per chunk with its halo read from the
 * neighbouring chunks, and connected-component labeling merged across chunk faces, equal voxel for voxel
 * (fingerprints) to the local operators on the whole volume in memory; statistics from per-chunk sums equal to
 * the local statistics of the same store.
 */
class ChunkedVolumeTest extends LocalSparkTest {


    @Test
    void gaussianAndLabelingOfChunksEqualTheLocalOperators(@TempDir Path dir) throws IOException {
        Path volume = dir.resolve("volume.zarr");
        Path mask = dir.resolve("mask.zarr");
        SyntheticChunks.generate(context, 256, 256, 128, 64, volume, mask);

        ChunkedFilter.Summary smoothed = ChunkedFilter.run(context, "filter.gaussian", Map.of("sigma", "2"), volume,
                dir.resolve("smoothed.zarr"));
        assertEquals(32, smoothed.chunks());
        Outputs local = local("filter.gaussian", "image", volume, Map.of("sigma", "2"));
        String expected = Fingerprint.of(local.image(), ProgressMonitor.NULL);
        assertEquals(expected, fingerprint(dir.resolve("smoothed.zarr")));
        assertNotEquals(fingerprint(volume), expected, "the Gaussian changed the volume");
        try (Image image = ImageFormats.installed().open(volume, null)) {
            ValueStatistics whole = ImageStatistics.of(image, ProgressMonitor.NULL);
            assertEquals(whole, ChunkedStatistics.run(context, volume));
            // N(100, 10) background plus spheres at +100 (about 4 % of the voxels: mean 104, std 22)
            assertTrue(whole.mean() > 102 && whole.mean() < 106 && whole.std() > 18 && whole.std() < 27, whole.toString());
            assertEquals(256L * 256 * 128, whole.count());
        }
        try (Image image = ImageFormats.installed().open(mask, null)) {
            assertEquals(ImageStatistics.of(image, ProgressMonitor.NULL), ChunkedStatistics.run(context, mask));
        }

        ChunkedLabeling.Summary labeled = ChunkedLabeling.run(context, Map.of(), mask, dir.resolve("labels.zarr"));
        Outputs localLabels = local("segment.label", "mask", mask, Map.of());
        assertEquals(Fingerprint.of(localLabels.image(), ProgressMonitor.NULL), fingerprint(dir.resolve("labels.zarr")));
        int objects = (int) localLabels.table("objects").column("objects").number(0);
        assertEquals(objects, labeled.objects());
        // 300 spheres per 256^3, here 150 (some overlap, some noise voxels above 150): a real labeling
        assertTrue(objects > 100 && objects < 400, objects + " objects");
        assertTrue(labeled.joinedPairs() > 20, "objects cross chunk faces: " + labeled.joinedPairs() + " joined pairs");
    }

    @Test
    void chunksCutShortAtTheBordersAndOtherParameters(@TempDir Path dir) throws IOException {
        Path volume = dir.resolve("volume.zarr");
        Path mask = dir.resolve("mask.zarr");
        SyntheticChunks.generate(context, 150, 130, 70, 32, volume, mask);
        Map<String, String> gaussian = Map.of("sigma", "1.5", "mode", "nearest");
        ChunkedFilter.run(context, "filter.gaussian", gaussian, volume, dir.resolve("smoothed.zarr"));
        assertEquals(Fingerprint.of(local("filter.gaussian", "image", volume, gaussian).image(), ProgressMonitor.NULL),
                fingerprint(dir.resolve("smoothed.zarr")));
        for (String connectivity : new String[] { "6", "18" }) {
            Map<String, String> parameters = Map.of("connectivity", connectivity);
            ChunkedLabeling.Summary labeled = ChunkedLabeling.run(context, parameters, mask, dir.resolve("labels.zarr"));
            Outputs localLabels = local("segment.label", "mask", mask, parameters);
            assertEquals(Fingerprint.of(localLabels.image(), ProgressMonitor.NULL), fingerprint(dir.resolve("labels.zarr")),
                    "connectivity " + connectivity);
            assertEquals((int) localLabels.table("objects").column("objects").number(0), labeled.objects());
        }
    }

    @Test
    void onlyNeighbourhoodOperatorsRunChunkByChunk(@TempDir Path dir) throws IOException {
        Path volume = dir.resolve("volume.zarr");
        SyntheticChunks.generate(context, 40, 40, 40, 20, volume, dir.resolve("mask.zarr"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChunkedFilter.run(context, "segment.label", Map.of(), volume, dir.resolve("out.zarr")));
        assertTrue(e.getMessage().contains("not a neighbourhood operator"), e.getMessage());
    }
}
