package org.qbi.io.dicom.internal;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.qbi.core.image.io.FormatException;

/**
 * JPEG (baseline and lossless: TwelveMonkeys imageio-jpeg) and JPEG 2000 (jai-imageio-jpeg2000) code streams,
 * decoded with {@code readRaster} so that no colour conversion is guessed (the caller converts from the
 * PhotometricInterpretation). The readers' SPIs are registered here: in OSGi the service loader does not find
 * them.
 */
final class ImageIoCodecs {

    private static ImageReaderSpi jpeg;
    private static ImageReaderSpi jpeg2000;

    private ImageIoCodecs() {
    }

    private static synchronized ImageReaderSpi jpegSpi() {
        if (jpeg == null) {
            ImageReaderSpi spi = new com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi();
            IIORegistry.getDefaultInstance().registerServiceProvider(spi, ImageReaderSpi.class);
            jpeg = spi;
        }
        return jpeg;
    }

    private static synchronized ImageReaderSpi jpeg2000Spi() throws IOException {
        if (jpeg2000 == null) {
            try {
                // The SPI's package is private to the jai-imageio-jpeg2000 bundle: load it through that bundle.
                ClassLoader loader = com.github.jaiimageio.jpeg2000.J2KImageReadParam.class.getClassLoader();
                Class<?> type = Class.forName("com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi", true, loader);
                ImageReaderSpi spi = (ImageReaderSpi) type.getDeclaredConstructor().newInstance();
                IIORegistry.getDefaultInstance().registerServiceProvider(spi, ImageReaderSpi.class);
                jpeg2000 = spi;
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IOException("The JPEG 2000 decoder (jai-imageio-jpeg2000) cannot be loaded: " + e, e);
            }
        }
        return jpeg2000;
    }

    /** The decoded samples, interleaved, with the code stream's size and precision. */
    record Decoded(int width, int height, int components, int precision, int[] samples) {
    }

    static Decoded decodeJpeg(Path file, byte[] stream) throws IOException {
        return decode(file, jpegSpi(), stream, "JPEG");
    }

    static Decoded decodeJpeg2000(Path file, byte[] stream) throws IOException {
        return decode(file, jpeg2000Spi(), stream, "JPEG 2000");
    }

    private static Decoded decode(Path file, ImageReaderSpi spi, byte[] stream, String what) throws IOException {
        ImageReader reader = spi.createReaderInstance();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(stream))) {
            reader.setInput(in, true, true);
            Raster raster = reader.readRaster(0, null);
            int w = raster.getWidth();
            int h = raster.getHeight();
            int bands = raster.getNumBands();
            int[] samples = raster.getPixels(raster.getMinX(), raster.getMinY(), w, h, (int[]) null);
            int precision = raster.getSampleModel().getSampleSize(0);
            return new Decoded(w, h, bands, precision, samples);
        } catch (IOException | RuntimeException e) {
            throw new FormatException(file, "the " + what + " code stream cannot be decoded: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }
}
