package org.qbi.io.testing;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;

/** Images built in tests, for writers' round trips. */
public final class SampleImages {

    private SampleImages() {
    }

    /**
     * An image whose samples differ from their neighbours (a hash of the sample's index, within the type's range;
     * floating-point values with fractions), so that any reordering, truncation or byte swap changes the
     * fingerprint.
     */
    public static ArrayImage distinct(ImageHeader header) {
        ArrayImage image = ArrayImage.allocate(header);
        PixelType type = header.pixelType();
        long samples = header.pixelCount() * type.samplesPerPixel();
        for (long i = 0; i < samples; i++) {
            long hash = (i * 0x9E3779B97F4A7C15L) >>> 40;
            double value = type.isInteger()
                    ? Math.max(type.minValue(), -(1L << 30)) + hash % (long) Math.min(1L << 31, type.maxValue() - type.minValue() + 1)
                    : (hash % 100000) / 7.0 - 3000;
            PixelValues.set(type, image.values(), i, value);
        }
        return image;
    }
}
