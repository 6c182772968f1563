package org.qbi.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Extent, calibration and metadata: the parts of the model without pixels. */
class ImageModelTest {

    @Test
    void chunkGridCutsEveryAxisAndTheLastChunkIsSmaller() {
        ChunkGrid grid = new ChunkGrid(new long[] { 10, 7, 5, 2, 1 }, new long[] { 4, 7, 2, 1, 1 });
        assertArrayEquals(new long[] { 3, 1, 3, 2, 1 }, grid.chunkCounts());
        assertEquals(18, grid.chunkCount());
        assertArrayEquals(new long[] { 2, 7, 1, 1, 1 }, grid.size(new long[] { 2, 0, 2, 1, 0 }));
        assertArrayEquals(new long[] { 8, 0, 4, 1, 0 }, grid.origin(new long[] { 2, 0, 2, 1, 0 }));
        for (long n = 0; n < grid.chunkCount(); n++) {
            assertEquals(n, grid.linear(grid.index(n)));
        }
        assertArrayEquals(new long[] { 2, 0, 1, 1, 0 }, grid.chunkOf(new long[] { 9, 6, 3, 1, 0 }));
        assertThrows(IndexOutOfBoundsException.class, () -> grid.size(new long[] { 3, 0, 0, 0, 0 }));
    }

    @Test
    void slabsHoldAboutTheTargetBytesInWholePlanes() {
        ChunkGrid grid = ChunkGrid.slabs(new long[] { 512, 512, 512, 1, 1 }, 2, 4L << 20);
        assertArrayEquals(new long[] { 512, 512, 8, 1, 1 }, grid.chunkSize());
    }

    @Test
    void headerRefusesSizesThatOverflowAndAxesOutOfOrder() {
        assertThrows(ArithmeticException.class,
                () -> ImageHeader.uncalibrated(PixelType.FLOAT64, 1L << 30, 1L << 30, 1L << 30));
        assertThrows(IllegalArgumentException.class, () -> ImageHeader.uncalibrated(PixelType.UINT8, 0, 5));
        List<AxisCalibration> swapped = new java.util.ArrayList<>(ImageHeader.uncalibrated(PixelType.UINT8, 2, 2).axes());
        java.util.Collections.swap(swapped, 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImageHeader("", PixelType.UINT8,
                swapped, Optional.empty(), Rescale.IDENTITY, Metadata.EMPTY));
        assertTrue(e.getMessage().contains("Axis 0 must be x"), e.getMessage());
    }

    @Test
    void calibrationIsExplicitAndFieldOfViewIsSpacingTimesSize() {
        AxisCalibration x = AxisCalibration.of(Axis.X, 256, 0.9375, -120, "mm");
        assertEquals(240, x.fieldOfView(), 1e-12);
        assertTrue(x.isCalibrated());
        AxisCalibration raw = AxisCalibration.uncalibrated(Axis.Z, 3);
        assertEquals("pixel", raw.unit());
        assertEquals(false, raw.isCalibrated());
        assertThrows(IllegalArgumentException.class, () -> AxisCalibration.of(Axis.X, 4, 0, 0, "mm"));
        assertThrows(IllegalArgumentException.class, () -> AxisCalibration.of(Axis.X, 4, Double.NaN, 0, "mm"));
        assertThrows(IllegalArgumentException.class,
                () -> new AxisCalibration(Axis.C, 3, 1, 0, "nm", List.of(488.0, 561.0)));
    }

    @Test
    void describeShowsSizeTypeSpacingAndFieldOfView() {
        ImageHeader header = ImageHeader.uncalibrated(PixelType.INT16, 256, 256, 26).withAxes(List.of(
                AxisCalibration.of(Axis.X, 256, 1.25, 0, "mm"), AxisCalibration.of(Axis.Y, 256, 1.25, 0, "mm"),
                AxisCalibration.of(Axis.Z, 26, 4, 0, "mm"), AxisCalibration.uncalibrated(Axis.C, 1),
                AxisCalibration.uncalibrated(Axis.T, 1)));
        assertEquals("256 x 256 x 26 int16, 1.25 x 1.25 x 4 mm (field of view 320 x 320 x 104 mm)", header.describe());
    }

    @Test
    void describeNamesEachUnitWhenAxesDiffer() {
        ImageHeader cine = ImageHeader.uncalibrated(PixelType.UINT8, 256, 256, 1, 1, 16).withAxes(List.of(
                AxisCalibration.of(Axis.X, 256, 1, 0, "mm"), AxisCalibration.of(Axis.Y, 256, 1, 0, "mm"),
                AxisCalibration.uncalibrated(Axis.Z, 1), AxisCalibration.uncalibrated(Axis.C, 1),
                AxisCalibration.of(Axis.T, 16, 69.47, 0, "ms")));
        assertEquals("256 x 256 x 16 uint8, 1 mm x 1 mm x 69.47 ms (field of view 256 mm x 256 mm x 1111.52 ms)",
                cine.describe());
    }

    @Test
    void orientationNeedsUnitVectorsAndTheSliceNormalIsTheCrossProduct() {
        Orientation o = Orientation.fromRowAndColumn(new double[] { 1, 0, 0 }, new double[] { 0, 0, -1 });
        assertArrayEquals(new double[] { 0, 1, 0 }, o.direction(Axis.Z), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Orientation.of(2, 0, 0, 0, 1, 0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Orientation.of(1, 0, 0));
    }

    @Test
    void rescaleMapsStoredToPhysicalAndStatisticsFollow() {
        Rescale hu = new Rescale(1, -1024, "HU");
        assertEquals(-896, hu.apply(128), 0);
        ValueStatistics stored = new ValueStatistics(4, 128, 2191, 904.9261474609375, 379.7570003455203, 3619.7);
        ValueStatistics physical = stored.rescaled(hu);
        assertEquals(-896, physical.min(), 0);
        assertEquals(1167, physical.max(), 0);
        assertEquals(-119.0738525390625, physical.mean(), 1e-12);
        assertEquals(379.7570003455203, physical.std(), 0);
        ValueStatistics flipped = stored.rescaled(new Rescale(-2, 0, ""));
        assertEquals(-4382, flipped.min(), 0);
        assertEquals(-256, flipped.max(), 0);
        assertThrows(IllegalArgumentException.class, () -> new Rescale(0, 1, ""));
    }

    @Test
    void metadataIsSearchableByKeyNameGroupAndValue() {
        Metadata metadata = Metadata.builder().put("dicom:0008,0060", "Modality", "DICOM", "CT")
                .put("dicom:0028,0030", "PixelSpacing", "DICOM", List.of(0.66, 0.66))
                .put("tiff:270", "ImageDescription", "TIFF", "ImageJ=1.52r").build();
        assertEquals(3, metadata.size());
        assertEquals(List.of("dicom:0008,0060"), metadata.search("modal").stream().map(Metadata.Entry::key).toList());
        assertEquals(2, metadata.search("dicom").size());
        assertEquals(List.of("tiff:270"), metadata.search("imagej").stream().map(Metadata.Entry::key).toList());
        assertEquals("0.66\\0.66", metadata.text("dicom:0028,0030").orElseThrow());
        assertEquals("CT", metadata.byName("Modality").orElseThrow().value());
        assertEquals(3, metadata.search(" ").size(), "a blank query finds everything");
    }

    @Test
    void pixelTypesKnowTheirLayoutAndNumpyNames() {
        assertEquals(PixelType.UINT16, PixelType.fromLabel("UInt16"));
        assertEquals(8, PixelType.COMPLEX_FLOAT32.bytesPerPixel());
        assertEquals(3, PixelType.RGB8.bytesPerPixel());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PixelType.fromLabel("int12"));
        assertTrue(e.getMessage().contains("'int12'"));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(8);
            PixelValues.set(PixelType.INT16, segment, 1, -40000);
            assertEquals(-32768, PixelValues.get(PixelType.INT16, segment, 1), 0, "clamped to the type's range");
            PixelValues.set(PixelType.UINT16, segment, 0, 65535.4);
            assertEquals(65535, PixelValues.get(PixelType.UINT16, segment, 0), 0);
            assertEquals((byte) 0xFF, segment.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0), "little-endian");
        }
    }
}
