import java.lang.foreign.Arena;
import java.nio.file.Path;

import org.qbi.core.image.Image;
import org.qbi.io.numpy.internal.RawVolumeReader;
import org.qbi.ui.viewer.internal.render.ImagePyramid;
import org.qbi.ui.viewer.internal.render.SlicePlane;

/**
 * Times what the Image editor does on a volume larger than memory (see README.md): the pyramid pass started at
 * opening, the first overview of a coronal plane through the middle, the whole pyramid, the full-resolution
 * coronal and axial planes (the refinement). Usage: java -cp ... PyramidMeasure VOLUME.raw.json BUDGET_BYTES
 */
public final class PyramidMeasure {
    public static void main(String[] args) throws Exception {
        Image image = Image.of(new RawVolumeReader().open(Path.of(args[0]), null));
        long budget = Long.parseLong(args[1]);
        long start = System.nanoTime();
        ImagePyramid pyramid = ImagePyramid.of(image, false, budget);
        Thread builder = new Thread(() -> {
            try {
                pyramid.build(() -> false, f -> { });
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
        builder.start();
        long y = image.header().dimensions()[1] / 2;
        ImagePyramid.Overview first;
        try (Arena arena = Arena.ofConfined()) {
            while ((first = pyramid.overview(SlicePlane.CORONAL, y, 0, 0, arena)) == null) {
                Thread.sleep(5);
            }
        }
        double firstSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("volume %s, %d MB, heap max %d MB; pyramid %d levels, finest factor %d, %d MB%n",
                java.util.Arrays.toString(image.header().dimensions()), image.header().byteCount() >> 20,
                Runtime.getRuntime().maxMemory() >> 20, pyramid.levels(), pyramid.factor(0)[0], pyramid.bytes() >> 20);
        System.out.printf("first coronal overview (%.0f %% built): %.3f s%n", 100 * first.fraction(), firstSeconds);
        builder.join();
        double pyramidSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("whole pyramid built: %.3f s%n", pyramidSeconds);
        try (Arena arena = Arena.ofConfined()) {
            long t0 = System.nanoTime();
            pyramid.overview(SlicePlane.SAGITTAL, 1000, 0, 0, arena);
            System.out.printf("sagittal overview once built: %.4f s%n", (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            SlicePlane.AXIAL.read(image, 512, 0, 0, arena, () -> false);
            System.out.printf("axial plane at full resolution: %.3f s%n", (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            SlicePlane.CORONAL.read(image, y, 0, 0, arena, () -> false);
            System.out.printf("coronal plane at full resolution (refinement): %.3f s%n", (System.nanoTime() - t0) / 1e9);
        }
        image.close();
    }
}
