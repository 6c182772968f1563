package org.qbi.ops.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.table.Table;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Outputs;
import org.qbi.ops.testing.OpTesting;

/**
 * segment.label against scipy.ndimage.label (scipy 1.10, data/make_references.py): exact equality of every label,
 * including the numbering, on real 2D and 3D masks and a dense random one, for 1, 3 and 7 threads.
 */
class ConnectedComponentsTest {

    private static final ConnectedComponents LABEL = new ConnectedComponents();

    @TempDir
    Path dir;

    private Outputs run(Image mask, int connectivity, int threads) throws IOException {
        return OpTesting.run(LABEL, Map.of("mask", mask), OperatorContext.defaults().withParallelism(threads),
                "connectivity=" + connectivity);
    }

    private void assertScipy(Image mask, int connectivity, String reference) throws IOException {
        Image expected = OpTesting.fixture(getClass(), reference, dir);
        double count = java.util.Arrays.stream(OpTesting.values(expected)).max().orElse(0);
        for (int threads : new int[] { 1, 3, 7 }) {
            Outputs out = run(mask, connectivity, threads);
            Image labels = out.image("labels");
            assertEquals(PixelType.LABEL32, labels.header().pixelType());
            OpTesting.assertIdentical(expected, labels, reference + ", " + threads + " threads");
            Table table = out.table("objects");
            assertEquals(1, table.rowCount());
            assertEquals(count, table.column("objects").number(0), reference + ": object count");
        }
    }

    @Test
    void matchesScipyOnBlobsIn2D() throws IOException {
        ArrayImage mask = SegmentTesting.blobsMask();
        assertScipy(mask, 4, "label_blobs_4.npy");
        assertScipy(mask, 8, "label_blobs_8.npy");
    }

    @ParameterizedTest
    @ValueSource(ints = { 6, 18, 26 })
    void matchesScipyOnBonePores(int connectivity) throws IOException {
        ArrayImage bone = OpTesting.fixture(getClass(), "bone_crop.npy", dir);
        assertScipy(SegmentTesting.zeros(bone), connectivity, "label_pores_" + connectivity + ".npy");
    }

    @Test
    void anyNonZeroValueIsForeground() throws IOException {
        // the crop's bone (stored value 127) is one 26-connected object (scipy: 1 label)
        ArrayImage bone = OpTesting.fixture(getClass(), "bone_crop.npy", dir);
        Outputs out = run(bone, 26, 2);
        assertEquals(1, out.table("objects").column("objects").number(0));
        double[] mask = OpTesting.values(bone);
        double[] labels = OpTesting.values(out.image("labels"));
        for (int i = 0; i < mask.length; i++) {
            assertEquals(mask[i] != 0 ? 1 : 0, labels[i], "voxel " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 6, 18, 26 })
    void matchesScipyOnDenseNoise(int connectivity) throws IOException {
        ArrayImage noise = OpTesting.fixture(getClass(), "noise_mask.npy", dir);
        assertScipy(noise, connectivity, "label_noise_" + connectivity + ".npy");
    }

    @Test
    void designedCaseDiagonalsAndNumbering() throws IOException {
        // two diagonal touches: 4-connectivity sees 4 objects, 8-connectivity 2; numbering by first voxel
        ArrayImage mask = OpTesting.image(PixelType.UINT8, new long[] { 5, 3 },
                0, 1, 0, 0, 1,
                1, 0, 0, 1, 0,
                0, 0, 0, 0, 0);
        assertArrayEquals(new double[] { 0, 1, 0, 0, 2, 3, 0, 0, 4, 0, 0, 0, 0, 0, 0 },
                OpTesting.values(run(mask, 4, 1).image("labels")));
        assertArrayEquals(new double[] { 0, 1, 0, 0, 2, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0 },
                OpTesting.values(run(mask, 8, 1).image("labels")));
    }

    @Test
    void everyChannelIsLabeledFromOne() throws IOException {
        // 3 x 1 x 1 x 2 channels: channel 0 has two objects, channel 1 one
        ArrayImage mask = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.UINT16, 3, 1, 1, 2));
        double[] values = { 5, 0, 9, 0, 7, 0 };
        for (int i = 0; i < values.length; i++) {
            PixelValues.set(PixelType.UINT16, mask.values(), i, values[i]);
        }
        Outputs out = run(mask, 26, 2);
        assertArrayEquals(new double[] { 1, 0, 2, 0, 1, 0 }, OpTesting.values(out.image("labels")));
        Table table = out.table("objects");
        assertEquals(2, table.rowCount());
        assertEquals(2, table.column("objects").number(0));
        assertEquals(1, table.column("objects").number(1));
        assertEquals(1, table.column("channel").number(1));
    }

    @Test
    void refusesConnectivityThatDoesNotFitTheImage() throws IOException {
        ArrayImage volume = OpTesting.image(PixelType.UINT8, new long[] { 2, 2, 2 }, 1, 0, 0, 1, 0, 0, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(volume, 8, 1));
        assertTrue(e.getMessage().contains("6, 18 or 26") && e.getMessage().contains("8"), e.getMessage());
        ArrayImage floats = OpTesting.image(PixelType.FLOAT32, new long[] { 2, 1 }, 1, 0);
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> run(floats, 8, 1));
        assertTrue(f.getMessage().contains("float32"), f.getMessage());
    }
}
