package org.qbi.ui.viewer.internal.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.CachedImage;
import org.qbi.core.image.ChunkCache;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.image.Rescale;
import org.qbi.core.progress.CancelledException;
import org.qbi.core.progress.ProgressMonitor;

/**
 * Planes of a volume in the three orientations, projections and montages, on volumes whose every voxel value is
 * known ({@code v = x + 10 y + 100 z + 1000 c}, odd sizes, chunks that do not divide them), checked against
 * brute-force loops over the formula.
 */
class VolumeViewsTest {

    private static final int NX = 13;
    private static final int NY = 11;
    private static final int NZ = 7;

    static double value(long x, long y, long z, long c) {
        // a non-separable term so that projections along different axes differ in shape
        return x + 10 * y + 100 * z + 1000 * c + ((x * y + z) % 5);
    }

    /** The volume, with chunks of 4 x 3 x 2 (partial chunks at every far edge) and 2 channels. */
    static Image volume() {
        long[] dims = { NX, NY, NZ, 2, 1 };
        List<AxisCalibration> axes = new ArrayList<>();
        double[] spacing = { 0.5, 0.5, 2.0 };
        for (Axis axis : Axis.values()) {
            axes.add(axis.ordinal() < 3 ? AxisCalibration.of(axis, dims[axis.ordinal()], spacing[axis.ordinal()], 0, "mm")
                    : AxisCalibration.uncalibrated(axis, dims[axis.ordinal()]));
        }
        ImageHeader header = new ImageHeader("formula", PixelType.UINT16, axes, java.util.Optional.empty(),
                Rescale.IDENTITY, Metadata.EMPTY);
        ChunkGrid grid = new ChunkGrid(dims, new long[] { 4, 3, 2, 1, 1 });
        ChunkSource source = new ChunkSource() {
            @Override
            public ImageHeader header() {
                return header;
            }

            @Override
            public ChunkGrid grid() {
                return grid;
            }

            @Override
            public void readChunk(long[] index, MemorySegment target) {
                long[] o = grid.origin(index);
                long[] s = grid.size(index);
                long i = 0;
                for (long c = 0; c < s[3]; c++) {
                    for (long z = 0; z < s[2]; z++) {
                        for (long y = 0; y < s[1]; y++) {
                            for (long x = 0; x < s[0]; x++, i++) {
                                PixelValues.set(PixelType.UINT16, target, i,
                                        value(o[0] + x, o[1] + y, o[2] + z, o[3] + c));
                            }
                        }
                    }
                }
            }
        };
        return new CachedImage(source, new ChunkCache(64L << 20));
    }

    @Test
    void eachPlaneHoldsTheVoxelsItsAxesName() throws IOException {
        Image image = volume();
        for (SlicePlane plane : SlicePlane.values()) {
            int w = plane.width(image.header());
            int h = plane.height(image.header());
            long index = plane.depth(image.header()) - 2;
            MemorySegment values = plane.read(image, index, 1, 0, Arena.ofAuto());
            for (int v = 0; v < h; v++) {
                for (int u = 0; u < w; u++) {
                    long[] xyz = plane.voxel(u, v, index);
                    assertEquals(value(xyz[0], xyz[1], xyz[2], 1), PixelValues.get(PixelType.UINT16, values,
                            (long) v * w + u), plane + " pixel " + u + ", " + v);
                }
            }
        }
        assertEquals(NX, SlicePlane.CORONAL.width(image.header()));
        assertEquals(NZ, SlicePlane.CORONAL.height(image.header()));
        assertEquals(NY, SlicePlane.SAGITTAL.width(image.header()));
        assertEquals(4.0, SlicePlane.CORONAL.aspect(image.header()), "2 mm z over 0.5 mm x");
        assertEquals(1.0, SlicePlane.AXIAL.aspect(image.header()));
        assertThrows(IndexOutOfBoundsException.class, () -> SlicePlane.SAGITTAL.read(image, NX, 0, 0, Arena.ofAuto()));
    }

    @Test
    void projectionsAlongEachAxisMatchBruteForce() throws IOException {
        Image image = volume();
        for (Axis axis : new Axis[] { Axis.X, Axis.Y, Axis.Z }) {
            SlicePlane plane = SlicePlane.across(axis);
            for (Projection.Kind kind : Projection.Kind.values()) {
                Projection.Result result = Projection.project(image, axis, kind, 1, 0, ProgressMonitor.NULL);
                assertEquals(plane, result.plane());
                PlaneValues values = result.planeValues();
                long depth = image.header().size(axis);
                for (int v = 0; v < result.height(); v++) {
                    for (int u = 0; u < result.width(); u++) {
                        double max = Double.NEGATIVE_INFINITY;
                        double min = Double.POSITIVE_INFINITY;
                        double sum = 0;
                        for (long i = 0; i < depth; i++) {
                            long[] xyz = plane.voxel(u, v, i);
                            double value = value(xyz[0], xyz[1], xyz[2], 1);
                            max = Math.max(max, value);
                            min = Math.min(min, value);
                            sum += value;
                        }
                        double expected = switch (kind) {
                            case MAX -> max;
                            case MIN -> min;
                            case MEAN -> sum / depth;
                        };
                        assertEquals(expected, values.get(v * result.width() + u), 1e-12,
                                kind + " along " + axis.label() + " at " + u + ", " + v);
                    }
                }
            }
        }
    }

    @Test
    void aProjectionReadsEachChunkOfItsChannelOnceReportsProgressAndStopsWhenCancelled() throws IOException {
        Image image = volume();
        AtomicLong total = new AtomicLong();
        AtomicLong worked = new AtomicLong();
        ProgressMonitor counting = new ProgressMonitor() {
            @Override
            public void begin(String task, long totalWork) {
                total.set(totalWork);
            }

            @Override
            public void worked(long work) {
                worked.addAndGet(work);
            }

            @Override
            public boolean isCanceled() {
                return false;
            }

            @Override
            public void done() {
            }
        };
        Projection.project(image, Axis.Z, Projection.Kind.MAX, 0, 0, counting);
        assertEquals(4 * 4 * 4, total.get(), "ceil(13/4) x ceil(11/3) x ceil(7/2) chunks of channel 0");
        assertEquals(total.get(), worked.get());
        ProgressMonitor cancelled = new ProgressMonitor() {
            @Override
            public void begin(String task, long totalWork) {
            }

            @Override
            public void worked(long work) {
            }

            @Override
            public boolean isCanceled() {
                return true;
            }

            @Override
            public void done() {
            }
        };
        assertThrows(CancelledException.class,
                () -> Projection.project(image, Axis.Y, Projection.Kind.MEAN, 0, 0, cancelled));
        ArrayImage colour = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.RGB8, 4, 4, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Projection.project(colour, Axis.Z, Projection.Kind.MAX, 0, 0, ProgressMonitor.NULL));
        assertTrue(e.getMessage().contains("rgb8"), e.getMessage());
    }

    @Test
    void curvesAlongTheChannelsAtAVoxelAndOverARoi() throws IOException {
        Image image = volume();
        assertEquals(Axis.C, Curves.axisOf(image.header()));
        Curves.Curve at = Curves.atVoxel(image, Axis.C, 5, 7, 3, 0, 0);
        assertArrayEquals(new double[] { value(5, 7, 3, 0), value(5, 7, 3, 1) }, at.values());
        assertArrayEquals(new double[] { 0, 1 }, at.positions(), "uncalibrated channels: their index");
        // the rectangle's pixel centres (1.5 .. 2.5, 2.5): x 1, 2 at y 2, on the sagittal plane x = 4 (y right, z down)
        Curves.Curve mean = Curves.overRoi(image, Axis.C, SlicePlane.SAGITTAL, 4, new Roi.Rectangle(1, 2, 3, 3), 0, 0);
        for (int c = 0; c < 2; c++) {
            double expected = (value(4, 1, 2, c) + value(4, 2, 2, c)) / 2;
            assertEquals(expected, mean.values()[c], 1e-12, "channel " + c);
        }
        assertThrows(IllegalArgumentException.class, () -> Curves.atVoxel(image, Axis.Z, 0, 0, 0, 0, 0));
    }

    @Test
    void aMontageTilesTheSlicesInOrderWithZerosAfterTheLast() throws IOException {
        Image image = volume();
        Montage.Result m = Montage.assemble(image, 0, 0, 2, 3, ProgressMonitor.NULL);
        assertArrayEquals(new long[] { 0, 2, 4, 6 }, m.slices());
        assertEquals(3, m.columns());
        assertEquals(2, m.rows());
        assertEquals(3 * NX, m.width());
        assertEquals(2 * NY, m.height());
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                long z = m.sliceAt(x, y);
                double expected = z < 0 ? 0 : value(x % NX, y % NY, z, 0);
                assertEquals(expected, PixelValues.get(PixelType.UINT16, m.values(), (long) y * m.width() + x),
                        "montage pixel " + x + ", " + y);
            }
        }
        assertEquals(1, Montage.defaultStep(100));
        assertEquals(2, Montage.defaultStep(101));
        assertEquals(6, Montage.defaultColumns(32, 32, 32, 1));
    }
}
