package org.qbi.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageStatistics;
import org.qbi.core.image.PixelType;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.core.table.Column;
import org.qbi.core.table.Table;
import org.qbi.io.ImageFormats;
import org.qbi.io.zarr.internal.ZarrWriter;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;

/**
 * The global algorithms over one volume's chunks on Spark local[2], each equal to the local operator or
 * measurement on the whole volume in memory: the Euclidean distance transform by pencils of chunks along x, y, z
 * (fingerprints, anisotropic spacing, inverse), the intensity histogram from per-chunk counts (every column of the
 * table, bit for bit), and region properties from per-chunk moments (every column bit for bit, with uint16 and
 * float32 intensity volumes too).
 */
class ChunkedAlgorithmsTest extends LocalSparkTest {


    @Test
    void distanceTransformOfChunksEqualsTheLocalOperator(@TempDir Path dir) throws IOException {
        Path volume = dir.resolve("volume.zarr");
        Path mask = dir.resolve("mask.zarr");
        // 5 x 5 x 3 chunks of 32, the last ones along each axis cut short
        SyntheticChunks.generate(context, 150, 130, 70, 32, volume, mask);
        for (Map<String, String> parameters : List.of(Map.of("spacing", "0.7,1.3,2.1"),
                Map.of("spacing", "0.7,1.3,2.1", "inverse", "true"), Map.<String, String>of())) {
            Path out = dir.resolve("distance.zarr");
            ChunkedDistanceTransform.Summary summary = ChunkedDistanceTransform.run(context, parameters, mask, out);
            assertEquals(3, summary.passes());
            assertEquals(5 * 3 + 5 * 3 + 5 * 5, summary.pencils());
            ArrayImage local = (ArrayImage) local("segment.distance", "mask", mask, parameters).image();
            assertEquals(Fingerprint.of(local, ProgressMonitor.NULL), fingerprint(out), parameters.toString());
            double max = ImageStatistics.of(local, ProgressMonitor.NULL).max();
            // spheres of radius 3..12 (x spacing 0.7 to 2.1 per axis); inverse: distances across the background
            assertTrue(max > (parameters.containsKey("inverse") ? 20 : 4), parameters + ": max distance " + max);
            local.close();
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(Set.of("volume.zarr", "mask.zarr", "distance.zarr"),
                    Set.copyOf(left.map(p -> p.getFileName().toString()).toList()), "intermediate stores deleted");
        }
    }

    @Test
    void distanceTransformOfA2dImageInChunks(@TempDir Path dir) throws IOException {
        Path mask = dir.resolve("mask.zarr");
        // one disk on a 300 x 200 plane in 64 x 64 tiles: two passes, x then y
        SyntheticChunks.generate(context, 300, 200, 1, 64, dir.resolve("volume.zarr"), mask);
        for (Map<String, String> parameters : List.of(Map.of("spacing", "0.6,1.1"), Map.of("inverse", "true"))) {
            Path out = dir.resolve("distance.zarr");
            ChunkedDistanceTransform.Summary summary = ChunkedDistanceTransform.run(context, parameters, mask, out);
            assertEquals(2, summary.passes());
            ArrayImage local = (ArrayImage) local("segment.distance", "mask", mask, parameters).image();
            assertEquals(Fingerprint.of(local, ProgressMonitor.NULL), fingerprint(out), parameters.toString());
            assertTrue(ImageStatistics.of(local, ProgressMonitor.NULL).max() > 1, parameters.toString());
            local.close();
        }
    }

    @Test
    void pencilsLargerThanATasksMemoryAreRefused(@TempDir Path dir) throws IOException {
        Path mask = dir.resolve("mask.zarr");
        SyntheticChunks.generate(context, 64, 64, 64, 32, dir.resolve("volume.zarr"), mask);
        System.setProperty("qbi.spark.taskMemory", "100000");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ChunkedDistanceTransform.run(context, Map.of(), mask, dir.resolve("distance.zarr")));
            assertTrue(e.getMessage().contains("one pencil of chunks per task") && e.getMessage().contains("MB"),
                    e.getMessage());
        } finally {
            System.clearProperty("qbi.spark.taskMemory");
        }
        assertTrue(Files.notExists(dir.resolve("distance.zarr")), "refused before writing anything");
    }

    @Test
    void histogramOfChunksEqualsTheLocalMeasurement(@TempDir Path dir) throws IOException {
        Path volume = dir.resolve("volume.zarr");
        Path mask = dir.resolve("mask.zarr");
        SyntheticChunks.generate(context, 150, 130, 70, 32, volume, mask);
        Path labels = dir.resolve("labels.zarr");
        ChunkedLabeling.run(context, Map.of(), mask, labels);
        // float32 (bins from the global range), uint8 (one bin per value), label32 (one bin per value in the range)
        for (Path input : List.of(volume, mask, labels)) {
            for (Map<String, String> parameters : List.of(Map.<String, String>of(), Map.of("bins", "1000"))) {
                Table local = local("measure.histogram", "image", input, parameters).table("histogram");
                assertSameTable(local, ChunkedHistogram.run(context, parameters, input));
                assertTrue(local.rowCount() > 1);
            }
        }
        Table volumeHistogram = ChunkedHistogram.run(context, Map.of("bins", "50"), volume);
        assertEquals(50, volumeHistogram.rowCount());
        double total = 0;
        for (double count : volumeHistogram.column("count").numbers()) {
            total += count;
        }
        assertEquals(150.0 * 130 * 70, total);
        // inside the mask only: the range (and so the bins) of the selected voxels
        Map<String, String> parameters = Map.of("bins", "64");
        Table masked;
        try (Image image = ImageFormats.installed().open(volume, null);
                Image selection = ImageFormats.installed().open(mask, null)) {
            ArrayImage whole = ArrayImage.copyOf(image);
            ArrayImage wholeMask = ArrayImage.copyOf(selection);
            masked = Operators.installed().run("measure.histogram", Map.of("image", whole, "mask", wholeMask),
                    parameters, OperatorContext.defaults()).table("histogram");
        }
        Table chunked = ChunkedHistogram.run(context, parameters, volume, mask);
        assertSameTable(masked, chunked);
        assertTrue(chunked.column("lower").number(0) > 150, "the range of the masked voxels only");
    }

    @Test
    void regionsOfChunksEqualTheLocalMeasurement(@TempDir Path dir) throws IOException {
        Path volume = dir.resolve("volume.zarr");
        Path mask = dir.resolve("mask.zarr");
        SyntheticChunks.generate(context, 150, 130, 70, 32, volume, mask);
        Path labels = dir.resolve("labels.zarr");
        ChunkedLabeling.Summary labeled = ChunkedLabeling.run(context, Map.of(), mask, labels);
        assertTrue(labeled.joinedPairs() > 5, "objects cross chunk faces: " + labeled.joinedPairs());
        // a uint16 intensity volume in the same chunks (the float volume rounded)
        Path counts = dir.resolve("counts.zarr");
        try (Image image = ImageFormats.installed().open(volume, null)) {
            ArrayImage floats = ArrayImage.copyOf(image);
            ArrayImage shorts = ArrayImage.allocate(image.header().withPixelType(PixelType.UINT16));
            MemorySegment f = floats.values();
            MemorySegment s = shorts.values();
            for (long i = 0; i < s.byteSize() / 2; i++) {
                float v = f.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i);
                s.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i, (short) Math.max(0, Math.min(65535, Math.round(v))));
            }
            new ZarrWriter(32, 32).write(shorts, counts, ProgressMonitor.NULL);
            floats.close();
            shorts.close();
        }
        Table plain = localRegions(labels, null);
        assertSameTable(plain, ChunkedRegions.run(context, Map.of(), labels, null));
        assertTrue(plain.rowCount() == labeled.objects() && plain.rowCount() > 15, plain.rowCount() + " objects");
        assertSameTable(localRegions(labels, counts), ChunkedRegions.run(context, Map.of(), labels, counts));
        Table withFloats = ChunkedRegions.run(context, Map.of(), labels, volume);
        assertSameTable(localRegions(labels, volume), withFloats);
        assertTrue(withFloats.column("mean_intensity").number(0) > 150, "spheres at 200 on average");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChunkedRegions.run(context, Map.of("channel", "1"), labels, counts));
        assertTrue(e.getMessage().contains("Channel 1 does not exist"), e.getMessage());
    }

    /**
     * Real data: 100 slices of a binarised micro-CT of mouse cortical bone (../shared/data, 350 x 250 x 100 uint8,
     * 127 = bone), stored in 32^3 chunks: distances in the bone and in the pores at anisotropic spacing, the
     * histogram, and the region properties of the bone's connected pieces with the scan as intensity.
     */
    @Test
    void realMicroCtInChunksEqualsTheLocalResults(@TempDir Path dir) throws IOException {
        Path file = Path.of("").toAbsolutePath().resolve("../../../shared/data/derived/bone_7H3A_B1_100slices.h5")
                .normalize();
        Assumptions.assumeTrue(Files.exists(file), "skipped: the shared data " + file + " is absent");
        Path bone = dir.resolve("bone.zarr");
        try (Image image = ImageFormats.installed().open(file, "/volume")) {
            ArrayImage whole = ArrayImage.copyOf(image);
            assertEquals(List.of(350L, 250L, 100L), List.of(whole.header().dimensions()[0],
                    whole.header().dimensions()[1], whole.header().dimensions()[2]));
            new ZarrWriter(32, 32).write(whole, bone, ProgressMonitor.NULL);
            whole.close();
        }
        for (Map<String, String> parameters : List.of(Map.of("spacing", "0.9,0.9,2.5"),
                Map.of("spacing", "0.9,0.9,2.5", "inverse", "true"))) {
            Path out = dir.resolve("distance.zarr");
            ChunkedDistanceTransform.run(context, parameters, bone, out);
            ArrayImage local = (ArrayImage) local("segment.distance", "mask", bone, parameters).image();
            assertEquals(Fingerprint.of(local, ProgressMonitor.NULL), fingerprint(out), parameters.toString());
            assertTrue(ImageStatistics.of(local, ProgressMonitor.NULL).max() > 2, parameters.toString());
            local.close();
        }
        Table histogram = ChunkedHistogram.run(context, Map.of(), bone);
        assertSameTable(local("measure.histogram", "image", bone, Map.of()).table("histogram"), histogram);
        assertEquals(List.of(0.0, 127.0), List.of(histogram.column("lower").number(0),
                histogram.column("lower").number(histogram.rowCount() - 1)));
        Path labels = dir.resolve("labels.zarr");
        ChunkedLabeling.run(context, Map.of(), bone, labels);
        Table regions = ChunkedRegions.run(context, Map.of(), labels, bone);
        assertSameTable(localRegions(labels, bone), regions);
        assertTrue(regions.column("voxel_count").number(0) > 1e6, "the cortical bone: one large object");
    }

    private static Table localRegions(Path labels, Path intensity) throws IOException {
        try (Image image = ImageFormats.installed().open(labels, null)) {
            Map<String, org.qbi.core.image.Image> inputs = new HashMap<>();
            inputs.put("labels", ArrayImage.copyOf(image));
            if (intensity != null) {
                try (Image values = ImageFormats.installed().open(intensity, null)) {
                    inputs.put("image", ArrayImage.copyOf(values));
                }
            }
            return Operators.installed().run("measure.regions", inputs, Map.of(), OperatorContext.defaults())
                    .table("regions");
        }
    }

    /** Same columns, units and values bit for bit. */
    private static void assertSameTable(Table expected, Table actual) {
        assertEquals(expected.columns().stream().map(Column::name).toList(),
                actual.columns().stream().map(Column::name).toList());
        assertEquals(expected.rowCount(), actual.rowCount());
        for (Column column : expected.columns()) {
            Column other = actual.column(column.name());
            assertEquals(column.unit(), other.unit(), column.name());
            assertArrayEquals(column.numbers(), other.numbers(), column.name());
        }
    }
}
