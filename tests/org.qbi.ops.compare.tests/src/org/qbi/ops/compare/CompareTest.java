package org.qbi.ops.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.table.Table;
import org.qbi.io.testing.SharedData;
import org.qbi.io.testing.TestFiles;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.ops.testing.OpTesting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Comparison operators against scikit-image's metrics and numpy (data/make_references.py writes the image pairs
 * and references.json). Tolerances: SSIM within 1e-4 of skimage (double precision here and there; the only
 * difference is summation order), MSE, MAE and PSNR within 1e-9 relative.
 */
class CompareTest {

    @TempDir
    Path dir;

    private JsonNode references;

    @BeforeEach
    void readReferences() throws IOException {
        references = new ObjectMapper().readTree(Files.readString(TestFiles.fixture(getClass(), "references.json", dir)));
    }

    private double ref(String pair, String key) {
        return references.get(pair).get(key).asDouble();
    }

    private ArrayImage fixture(String name) throws IOException {
        return OpTesting.fixture(getClass(), name, dir);
    }

    private Table table(org.qbi.ops.Operator operator, Image reference, Image test, String... parameters)
            throws IOException {
        return OpTesting.run(operator, Map.of("reference", reference, "test", test), OperatorContext.defaults(),
                parameters).asMap().values().stream().filter(Table.class::isInstance).map(Table.class::cast)
                .findFirst().orElseThrow();
    }

    @Test
    void differenceMatchesNumpy() throws IOException {
        ArrayImage camera = fixture("camera_reference.npy");
        ArrayImage noisy = fixture("camera_test.npy");
        Image difference = OpTesting.run(new Difference(), Map.of("reference", camera, "test", noisy),
                OperatorContext.defaults()).image();
        assertEquals(PixelType.FLOAT32, difference.header().pixelType());
        OpTesting.assertIdentical(fixture("camera_difference.npy"), difference, "noisy - camera");
        Image absolute = OpTesting.run(new Difference(), Map.of("reference", noisy, "test", camera),
                OperatorContext.defaults(), "absolute=true").image();
        double[] d = OpTesting.values(difference);
        double[] a = OpTesting.values(absolute);
        for (int i = 0; i < d.length; i++) {
            assertEquals(Math.abs(d[i]), a[i], 0, "absolute difference " + i);
        }
    }

    @Test
    void errorMetricsMatchSkimage() throws IOException {
        ArrayImage camera = fixture("camera_reference.npy");
        ArrayImage noisy = fixture("camera_test.npy");
        Table errors = table(new ErrorMetrics(), camera, noisy);
        assertEquals(1, errors.rowCount());
        assertEquals(ref("camera", "mae"), errors.column("mae").number(0), 1e-9);
        assertEquals(ref("camera", "mse"), errors.column("mse").number(0), 1e-9);
        assertEquals(Math.sqrt(ref("camera", "mse")), errors.column("rmse").number(0), 1e-9);
        assertEquals(ref("camera", "psnr"), errors.column("psnr").number(0), 1e-9, "PSNR, data_range 255 from uint8");
        assertEquals(255, errors.column("data_range").number(0), 0);
        Table ranged = table(new ErrorMetrics(), camera, noisy, "data_range=200");
        assertEquals(ref("camera", "psnr_range_200"), ranged.column("psnr").number(0), 1e-9);
        Table same = table(new ErrorMetrics(), camera, camera);
        assertEquals(0, same.column("mse").number(0), 0);
        assertEquals(Double.POSITIVE_INFINITY, same.column("psnr").number(0), "identical images: infinite PSNR");
    }

    @Test
    void errorMetricsOnAVolumeInFloat() throws IOException {
        ArrayImage head = floatHead();
        ArrayImage noisy = fixture("head_test.npy");
        Table errors = table(new ErrorMetrics(), head, noisy, "data_range=1000");
        assertEquals(ref("head", "mse"), errors.column("mse").number(0), 1e-9 * ref("head", "mse"));
        assertEquals(ref("head", "psnr_range_1000"), errors.column("psnr").number(0), 1e-9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> table(new ErrorMetrics(), head, noisy));
        assertTrue(e.getMessage().contains("data_range"), e.getMessage());
    }

    @Test
    void ssimMatchesSkimageIn2D() throws IOException {
        ArrayImage camera = fixture("camera_reference.npy");
        ArrayImage noisy = fixture("camera_test.npy");
        assertEquals(ref("camera", "ssim"), table(new Ssim(), camera, noisy).column("ssim").number(0), 1e-4,
                "uniform 7x7 window, sample covariance");
        assertEquals(ref("camera", "ssim_gaussian"), table(new Ssim(), camera, noisy, "gaussian_weights=true",
                "use_sample_covariance=false").column("ssim").number(0), 1e-4, "Gaussian window sigma 1.5");
        assertEquals(ref("camera", "ssim_win11_range_300"), table(new Ssim(), camera, noisy, "win_size=11",
                "data_range=300").column("ssim").number(0), 1e-4, "11x11 window, data_range 300");
        assertEquals(1.0, table(new Ssim(), camera, camera).column("ssim").number(0), 1e-12, "SSIM of an image with "
                + "itself");
    }

    @Test
    void ssimMatchesSkimageIn3D() throws IOException {
        ArrayImage head = floatHead();
        ArrayImage noisy = fixture("head_test.npy");
        assertEquals(ref("head", "ssim_range_1000"), table(new Ssim(), head, noisy, "data_range=1000")
                .column("ssim").number(0), 1e-4, "7x7x7 window");
        assertEquals(ref("head", "ssim_gaussian_range_1000"), table(new Ssim(), head, noisy, "data_range=1000",
                "gaussian_weights=true", "use_sample_covariance=false").column("ssim").number(0), 1e-4,
                "Gaussian 3D window");
        Table one = OpTesting.run(new Ssim(), Map.of("reference", head, "test", noisy),
                OperatorContext.defaults().withParallelism(1), "data_range=1000").table("ssim");
        Table many = OpTesting.run(new Ssim(), Map.of("reference", head, "test", noisy),
                OperatorContext.defaults().withParallelism(7), "data_range=1000").table("ssim");
        assertEquals(one.column("ssim").number(0), many.column("ssim").number(0), 0, "1 vs 7 threads: identical");
    }

    @Test
    void overlapAndConfusionOfRealMasks() throws IOException {
        ArrayImage reference = fixture("lung_reference.npy");
        ArrayImage test = fixture("lung_test.npy");
        Table overlap = table(new Overlap(), reference, test);
        assertEquals(ref("lung", "dice"), overlap.column("dice").number(0), 1e-12);
        assertEquals(ref("lung", "jaccard"), overlap.column("jaccard").number(0), 1e-12);
        Table confusion = table(new Confusion(), reference, test);
        for (String key : List.of("tp", "fp", "fn", "tn")) {
            assertEquals(ref("lung", key), confusion.column(key).number(0), 0, key);
        }
        for (String key : List.of("precision", "recall", "specificity", "accuracy", "f1")) {
            assertEquals(ref("lung", key), confusion.column(key).number(0), 1e-12, key);
        }
    }

    @Test
    void overlapOfDesignedMasks() throws IOException {
        // reference: 4 voxels; test: 3 voxels, 2 shared; 10 voxels in all
        ArrayImage r = OpTesting.image(PixelType.UINT8, new long[] { 5, 2 }, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0);
        ArrayImage t = OpTesting.image(PixelType.UINT8, new long[] { 5, 2 }, 0, 0, 1, 1, 7, 0, 0, 0, 0, 0);
        Table overlap = table(new Overlap(), r, t);
        assertEquals(2.0 * 2 / (4 + 3), overlap.column("dice").number(0), 1e-15);
        assertEquals(2.0 / 5, overlap.column("jaccard").number(0), 1e-15);
        Table confusion = table(new Confusion(), r, t);
        assertEquals(2, confusion.column("tp").number(0));
        assertEquals(1, confusion.column("fp").number(0));
        assertEquals(2, confusion.column("fn").number(0));
        assertEquals(5, confusion.column("tn").number(0));
        assertEquals(0.7, confusion.column("accuracy").number(0), 1e-15);
        ArrayImage empty = OpTesting.image(PixelType.UINT8, new long[] { 5, 2 }, new double[10]);
        assertEquals(1.0, table(new Overlap(), empty, empty).column("dice").number(0), "two empty masks agree");
        assertTrue(Double.isNaN(table(new Confusion(), empty, empty).column("precision").number(0)),
                "precision without positives is undefined");
    }

    @Test
    void imagesOfDifferentSizesAreRefused() throws IOException {
        ArrayImage camera = fixture("camera_reference.npy");
        ArrayImage smaller = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.UINT8, 128, 127));
        for (org.qbi.ops.Operator operator : List.of(new Difference(), new ErrorMetrics(), new Ssim(), new Overlap(),
                new Confusion())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OpTesting.run(operator, Map.of("reference", camera, "test", smaller),
                            OperatorContext.defaults()));
            assertTrue(e.getMessage().contains("128 x 128") && e.getMessage().contains("128 x 127"),
                    operator.spec().id() + ": " + e.getMessage());
        }
        ArrayImage tiny = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.UINT8, 5, 30));
        IllegalArgumentException window = assertThrows(IllegalArgumentException.class,
                () -> table(new Ssim(), tiny, tiny));
        assertTrue(window.getMessage().contains("win_size"), window.getMessage());
        assertThrows(IllegalArgumentException.class, () -> table(new Ssim(), camera, camera, "win_size=8"));
        ArrayImage floats = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.FLOAT32, 128, 128));
        assertThrows(IllegalArgumentException.class, () -> OpTesting.run(new Overlap(),
                Map.of("reference", floats, "test", floats), OperatorContext.defaults()), "a float image is no mask");
    }

    @Test
    void everyCompareOperatorIsInstalled() {
        Operators operators = Operators.installed();
        for (String id : List.of("compare.difference", "compare.errors", "compare.ssim", "compare.overlap",
                "compare.confusion")) {
            assertEquals("org.qbi.ops.compare", operators.get(id).plugin(), id);
        }
    }

    private static ArrayImage floatHead() throws IOException {
        ArrayImage head = OpTesting.open(SharedData.file("tiff/3d/mini-t1-head.tif"));
        ArrayImage f = ArrayImage.allocate(head.header().withPixelType(PixelType.FLOAT32));
        double[] v = OpTesting.values(head);
        for (int i = 0; i < v.length; i++) {
            PixelValues.set(PixelType.FLOAT32, f.values(), i, v[i]);
        }
        return f;
    }
}
