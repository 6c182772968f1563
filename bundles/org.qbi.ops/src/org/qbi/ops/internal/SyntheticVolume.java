package org.qbi.ops.internal;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;

/**
 * The deterministic benchmark volume of the peer benchmarks (../shared/bench/peers/gen_data.py): background
 * N(100, 10) noise plus bright spheres (+100) of radius 3..12, 300 per 256^3. Java's generator is not NumPy's, so
 * the voxels differ from gen_data.py's but the statistics and structure are the same; Python baselines of
 * {@code qbi bench ops} read this very volume from a file, so both sides work on identical data.
 */
final class SyntheticVolume {

    private SyntheticVolume() {
    }

    /** The float32 volume of edge {@code n}. */
    static ArrayImage float32(int n) {
        ArrayImage image = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.FLOAT32, n, n, n));
        MemorySegment values = image.values();
        long plane = (long) n * n;
        IntStream.range(0, n).parallel().forEach(z -> {
            SplittableRandom random = new SplittableRandom(42L * 1_000_003L + z);
            long base = z * plane;
            for (long i = 0; i < plane; i++) {
                values.setAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED, base + i,
                        (float) (100 + 10 * random.nextGaussian()));
            }
        });
        SplittableRandom random = new SplittableRandom(42);
        int spheres = (int) (300 * Math.pow(n / 256.0, 3));
        for (int s = 0; s < spheres; s++) {
            int cz = random.nextInt(n);
            int cy = random.nextInt(n);
            int cx = random.nextInt(n);
            int r = 3 + random.nextInt(10);
            for (int z = Math.max(0, cz - r); z <= Math.min(n - 1, cz + r); z++) {
                for (int y = Math.max(0, cy - r); y <= Math.min(n - 1, cy + r); y++) {
                    for (int x = Math.max(0, cx - r); x <= Math.min(n - 1, cx + r); x++) {
                        long dz = z - cz;
                        long dy = y - cy;
                        long dx = x - cx;
                        if (dx * dx + dy * dy + dz * dz <= (long) r * r) {
                            long i = x + n * (y + (long) n * z);
                            values.setAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED, i,
                                    values.getAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED, i) + 100f);
                        }
                    }
                }
            }
        }
        return image;
    }

    /** round(10 * volume) as uint16, as gen_data.py makes its uint16 volume. */
    static ArrayImage uint16(ArrayImage float32) {
        return map(float32, PixelType.UINT16, v -> Math.min(65535, Math.max(0, Math.rint(10 * v))));
    }

    /** 1 where the volume is above 150, else 0. */
    static ArrayImage mask(ArrayImage float32) {
        return map(float32, PixelType.UINT8, v -> v > 150 ? 1 : 0);
    }

    private static ArrayImage map(ArrayImage source, PixelType type, java.util.function.DoubleUnaryOperator f) {
        ArrayImage target = ArrayImage.allocate(source.header().withPixelType(type));
        long count = source.header().pixelCount();
        MemorySegment in = source.values();
        MemorySegment out = target.values();
        PixelType from = source.header().pixelType();
        IntStream.range(0, (int) ((count + 65535) / 65536)).parallel().forEach(block -> {
            long end = Math.min(count, (block + 1L) * 65536);
            for (long i = block * 65536L; i < end; i++) {
                PixelValues.set(type, out, i, f.applyAsDouble(PixelValues.get(from, in, i)));
            }
        });
        return target;
    }
}
