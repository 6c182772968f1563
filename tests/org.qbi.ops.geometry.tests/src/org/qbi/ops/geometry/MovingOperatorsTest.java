package org.qbi.ops.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.io.testing.SharedData;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.testing.OpTesting;

/**
 * Crop, pad, flip, quarter turns, reslice, extract and split RGB against numpy (data/make_references.py) on real
 * images: values must be identical (nothing is interpolated).
 */
class MovingOperatorsTest {

    @TempDir
    Path dir;

    private ArrayImage head() throws IOException {
        return OpTesting.open(SharedData.file("tiff/3d/mini-t1-head.tif"));
    }

    @Test
    void cropMatchesNumpySlicing() throws IOException {
        Image cropped = OpTesting.run(new Crop(), head(), "origin=5,3,10", "size=20,17,20").image();
        assertEquals(PixelType.UINT16, cropped.header().pixelType());
        OpTesting.assertIdentical(OpTesting.fixture(getClass(), "crop_head.npy", dir), cropped, "head[10:30, 3:20, 5:25]");
        // the same box in millimetres (1.5 mm voxels)
        Image physical = OpTesting.run(new Crop(), head(), "origin=7.5,4.5,15", "size=30,25.5,30", "physical=true")
                .image();
        OpTesting.assertIdentical(cropped, physical, "box in mm");
    }

    @Test
    void cropWithoutSizeKeepsTheRest() throws IOException {
        Image rest = OpTesting.run(new Crop(), head(), "origin=30,0,31").image();
        assertArrayEquals(new long[] { 2, 32, 1, 1, 1 }, rest.header().dimensions());
    }

    @Test
    void cropOutsideTheImageIsRefused() throws IOException {
        ArrayImage head = head();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new Crop(), head, "origin=20,0,0", "size=20,5,5"));
        assertTrue(e.getMessage().contains("outside") && e.getMessage().contains("along x"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OpTesting.run(new Crop(), head, "origin=-1,0,0"));
        assertThrows(IllegalArgumentException.class, () -> OpTesting.run(new Crop(), head, "origin=1.5,0,0"));
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new Crop(), head, "origin=1,2,3,4"));
        assertTrue(count.getMessage().contains("origin"), count.getMessage());
    }

    @Test
    void padMatchesNumpyPadInEveryMode() throws IOException {
        ArrayImage patch = OpTesting.fixture(getClass(), "pad_input.npy", dir);
        for (Pad.Mode mode : Pad.Mode.values()) {
            String name = mode.name().toLowerCase();
            String width = mode == Pad.Mode.WRAP ? "width=3,30,2,5" : "width=3,50,2,5";
            Image padded = OpTesting.run(new Pad(), patch, width, "mode=" + name, "value=9").image();
            OpTesting.assertIdentical(OpTesting.fixture(getClass(), "pad_" + name + ".npy", dir), padded,
                    "numpy.pad mode " + name);
        }
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new Pad(), patch, "width=1000000"));
        assertTrue(huge.getMessage().contains("GiB"), huge.getMessage());
        // wrap with a margin larger than the image stays periodic (numpy 1.24 does not)
        Image wide = OpTesting.run(new Pad(), patch, "width=3,95,2,65", "mode=wrap").image();
        double[] in = OpTesting.values(patch);
        double[] out = OpTesting.values(wide);
        long[] d = wide.header().dimensions();
        assertArrayEquals(new long[] { 138, 97, 1, 1, 1 }, d);
        for (int y = 0; y < d[1]; y++) {
            for (int x = 0; x < d[0]; x++) {
                double expected = in[Math.floorMod(x - 3, 40) + 40 * Math.floorMod(y - 2, 30)];
                assertEquals(expected, out[(int) (x + d[0] * y)], "periodic at " + x + "," + y);
            }
        }
    }

    @Test
    void flipMatchesNumpy() throws IOException {
        Image flipped = OpTesting.run(new Flip(), head(), "axis=z").image();
        OpTesting.assertIdentical(OpTesting.fixture(getClass(), "flip_head_z.npy", dir), flipped, "np.flip(head, 0)");
        Image twice = OpTesting.run(new Flip(), flipped, "axis=z").image();
        OpTesting.assertIdentical(head(), twice, "flipping twice");
    }

    @Test
    void quarterTurnsMatchNumpyRot90() throws IOException {
        ArrayImage head = head();
        OpTesting.assertIdentical(OpTesting.fixture(getClass(), "rot90_head_xz_k1.npy", dir),
                OpTesting.run(new Rotate90(), head, "k=1", "plane=xz").image(), "rot90 k=1 axes (0, 2)");
        OpTesting.assertIdentical(OpTesting.fixture(getClass(), "rot90_head_yz_k3.npy", dir),
                OpTesting.run(new Rotate90(), head, "k=-1", "plane=yz").image(), "rot90 k=3 axes (0, 1)");
        OpTesting.assertIdentical(OpTesting.fixture(getClass(), "rot90_head_xy_k2.npy", dir),
                OpTesting.run(new Rotate90(), head, "k=2").image(), "rot90 k=2 axes (1, 2)");
        ArrayImage patch = OpTesting.fixture(getClass(), "pad_input.npy", dir);
        Image turned = OpTesting.run(new Rotate90(), patch, "k=5").image();
        OpTesting.assertIdentical(OpTesting.fixture(getClass(), "rot90_pad_input_k1.npy", dir), turned,
                "2D rot90 k=5 = k=1");
        assertArrayEquals(new long[] { 30, 40, 1, 1, 1 }, turned.header().dimensions());
    }

    @Test
    void resliceIsATranspose() throws IOException {
        ArrayImage head = (ArrayImage) OpTesting.run(new Crop(), head(), "origin=0,0,0", "size=32,20,10").image();
        double[] in = OpTesting.values(head);
        for (Reslice.View view : Reslice.View.values()) {
            Image out = OpTesting.run(new Reslice(), head, "view=" + view.name().toLowerCase()).image();
            int[] axes = view.axes();
            long[] inDims = { 32, 20, 10 };
            long[] outDims = out.header().dimensions();
            for (int j = 0; j < 3; j++) {
                assertEquals(inDims[axes[j]], outDims[j], view + " size along " + j);
            }
            double[] values = OpTesting.values(out);
            int[] o = new int[3];
            for (o[2] = 0; o[2] < outDims[2]; o[2]++) {
                for (o[1] = 0; o[1] < outDims[1]; o[1]++) {
                    for (o[0] = 0; o[0] < outDims[0]; o[0]++) {
                        int[] i = new int[3];
                        for (int j = 0; j < 3; j++) {
                            i[axes[j]] = o[j];
                        }
                        double expected = in[i[0] + 32 * (i[1] + 20 * i[2])];
                        double actual = values[(int) (o[0] + outDims[0] * (o[1] + outDims[1] * o[2]))];
                        if (expected != actual) {
                            assertEquals(expected, actual, view + " at " + o[0] + "," + o[1] + "," + o[2]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void extractTakesAChannelTimePointAndSlices() throws IOException {
        ArrayImage cells = OpTesting.open(SharedData.file("tiff/multichannel/BBBC022_IXMtest_A02_s9.tif"));
        long[] dims = cells.header().dimensions();
        assertEquals(3, dims[3], "3 channels");
        Image second = OpTesting.run(new Extract(), cells, "channel=1").image();
        assertArrayEquals(new long[] { dims[0], dims[1], 1, 1, 1 }, second.header().dimensions());
        double[] all = OpTesting.values(cells);
        double[] channel = OpTesting.values(second);
        long plane = dims[0] * dims[1];
        for (int i = 0; i < channel.length; i++) {
            if (channel[i] != all[(int) (plane + i)]) {
                assertEquals(all[(int) (plane + i)], channel[i], "channel 1, pixel " + i);
            }
        }
        // the same pixels seen as 1 channel at 3 time points, 2 s apart from t = 10 s, and 1 slice
        ArrayImage fmri = ArrayImage.wrap(cells.header().withAxes(java.util.List.of(cells.header().axis(Axis.X),
                cells.header().axis(Axis.Y), cells.header().axis(Axis.Z),
                org.qbi.core.image.AxisCalibration.uncalibrated(Axis.C, 1),
                org.qbi.core.image.AxisCalibration.of(Axis.T, 3, 2, 10, "s"))), cells.values());
        long[] f = fmri.header().dimensions();
        Image last = OpTesting.run(new Extract(), fmri, "time=2").image();
        assertArrayEquals(new long[] { f[0], f[1], 1, 1, 1 }, last.header().dimensions());
        double[] source = OpTesting.values(fmri);
        double[] kept = OpTesting.values(last);
        for (int i = 0; i < kept.length; i++) {
            if (source[(int) (2 * plane(f) + i)] != kept[i]) {
                assertEquals(source[(int) (2 * plane(f) + i)], kept[i], "t=2, value " + i);
            }
        }
        assertEquals(14, last.header().axis(Axis.T).origin(), 1e-12, "time origin moves to the kept time point");
        // z range of a volume: slices 4..9 of the head, z origin moved by 4 slices
        ArrayImage head = head();
        Image slices = OpTesting.run(new Extract(), head, "z_first=4", "z_last=9").image();
        OpTesting.assertIdentical(OpTesting.run(new Crop(), head, "origin=0,0,4", "size=32,32,6").image(), slices,
                "z 4..9 = crop");
        assertEquals(head.header().axis(Axis.Z).origin() + 4 * head.header().axis(Axis.Z).spacing(), slices.header().axis(Axis.Z).origin(), 1e-9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new Extract(), cells, "channel=3"));
        assertTrue(e.getMessage().contains("3 channel"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OpTesting.run(new Extract(), head, "z_first=2", "z_last=1"));
        assertThrows(IllegalArgumentException.class, () -> OpTesting.run(new Extract(), fmri, "time=3"));
    }

    private static long plane(long[] dims) {
        return dims[0] * dims[1];
    }

    @Test
    void splitRgbGivesOneChannelPerColour() throws IOException {
        ArrayImage ihc = OpTesting.open(SharedData.file("png_jpeg/skimage_ihc.png"));
        assertEquals(PixelType.RGB8, ihc.header().pixelType());
        Image channels = OpTesting.run(new SplitRgb(), ihc).image();
        assertEquals(PixelType.UINT8, channels.header().pixelType());
        long[] d = ihc.header().dimensions();
        assertArrayEquals(new long[] { d[0], d[1], 1, 3, 1 }, channels.header().dimensions());
        double[] rgb = OpTesting.values(ihc);
        double[] split = OpTesting.values(channels);
        int n = (int) (d[0] * d[1]);
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < 3; s++) {
                if (rgb[3 * i + s] != split[s * n + i]) {
                    assertEquals(rgb[3 * i + s], split[s * n + i], "pixel " + i + " sample " + s);
                }
            }
        }
        // RGB then goes through interpolating operators channel by channel
        Image small = OpTesting.run(new Resample(), channels, "size=64").image();
        assertArrayEquals(new long[] { 64, 64, 1, 3, 1 }, small.header().dimensions());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new Resample(), ihc, "size=64"));
        assertTrue(refused.getMessage().contains("geometry.split_rgb"), refused.getMessage());
        IllegalArgumentException grey = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new SplitRgb(), head()));
        assertTrue(grey.getMessage().contains("uint16"), grey.getMessage());
    }

    @Test
    void movingOperatorsKeepEveryPixelType() throws IOException {
        for (PixelType type : new PixelType[] { PixelType.INT8, PixelType.INT16, PixelType.FLOAT64, PixelType.LABEL32,
                PixelType.RGBA8 }) {
            double[] values = new double[4 * 3 * type.samplesPerPixel()];
            for (int i = 0; i < values.length; i++) {
                values[i] = type.isSigned() ? i - 5 : i + 1;
            }
            ArrayImage image = ArrayImage.allocate(org.qbi.core.image.ImageHeader.uncalibrated(type, 4, 3));
            for (int i = 0; i < values.length; i++) {
                org.qbi.core.image.PixelValues.set(type, image.values(), i, values[i]);
            }
            Image flipped = OpTesting.run(new Flip(), OpTesting.run(new Rotate90(), image, "k=2").image(), "axis=x")
                    .image();
            Image back = OpTesting.run(new Flip(), flipped, "axis=y").image();
            assertEquals(type, back.header().pixelType());
            assertArrayEquals(values, OpTesting.values(back), type + ": rot90 k=2 then flip x and y is the identity");
        }
    }

    @Test
    void sameOutputWhateverTheThreads() throws IOException {
        ArrayImage head = head();
        for (String[] args : new String[][] { { "k=1", "plane=yz" } }) {
            Image one = OpTesting.run(new Rotate90(), Map.of("image", head),
                    OperatorContext.defaults().withParallelism(1), args).image();
            Image many = OpTesting.run(new Rotate90(), Map.of("image", head),
                    OperatorContext.defaults().withParallelism(7), args).image();
            OpTesting.assertIdentical(one, many, "1 vs 7 threads");
        }
    }
}
