package org.qbi.io.tiff.internal;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.image.io.ImageWriter;
import org.qbi.core.io.AtomicFiles;
import org.qbi.core.progress.ProgressMonitor;

/**
 * Writes one 2-D image as a PNG for figures and slides: 8-bit grey, RGB or RGBA, what every viewer, office program and
 * journal system shows as intended.
 * <ul>
 * <li>uint8, rgb8 and rgba8 are written as they are (lossless).</li>
 * <li>Every other type gets a <b>display mapping</b>: the image's minimum maps to 0 and its maximum to 255, linearly
 * (NaN to 0); a constant image becomes 0. The PNG is then a picture of the data, not the data: its values are not the
 * measured ones. The mapping is recorded in the PNG's "Comment" text (e.g. "QBI display mapping: uint16 120 .. 4095
 * linearly to 0 .. 255"). To keep values, save as TIFF.</li>
 * <li>Stacks (z, c or t above 1) are refused: a PNG holds one plane. Extract a slice, or save the stack as TIFF.</li>
 * <li>complex64 is refused.</li>
 * </ul>
 * Encoded by the JDK's PNG writer (chosen by class, as the reader does).
 */
public final class PngWriter implements ImageWriter {

    private static final String JDK_SPI = "com.sun.imageio.plugins.png.PNGImageWriterSpi";

    @Override
    public void write(Image image, Path target, ProgressMonitor monitor) throws IOException {
        ImageHeader header = image.header();
        PixelType type = header.pixelType();
        long[] d = header.dimensions();
        if (d[2] > 1 || d[3] > 1 || d[4] > 1) {
            throw new IllegalArgumentException("A PNG holds one 2-D image; this one is " + header.describe()
                    + ". Save one slice (or a projection) as PNG, or the whole stack as TIFF");
        }
        if (type == PixelType.COMPLEX_FLOAT32) {
            throw new IllegalArgumentException("PNG cannot show complex64 pixels; save the magnitude or save as TIFF or .npy");
        }
        if (d[0] > Integer.MAX_VALUE / 4 || d[1] > Integer.MAX_VALUE / 4 || d[0] * d[1] * 4 > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("An image of " + d[0] + " x " + d[1] + " pixels is too large for a PNG figure");
        }
        int w = (int) d[0];
        int h = (int) d[1];
        monitor.begin("Writing PNG", 2);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment plane = image.readPlane(0, 0, 0, arena);
            monitor.worked(1);
            String comment = null;
            BufferedImage picture;
            switch (type) {
                case UINT8 -> picture = picture(plane.toArray(ValueLayout.JAVA_BYTE), w, h, 1);
                case RGB8 -> picture = picture(plane.toArray(ValueLayout.JAVA_BYTE), w, h, 3);
                case RGBA8 -> picture = picture(plane.toArray(ValueLayout.JAVA_BYTE), w, h, 4);
                default -> {
                    double min = Double.POSITIVE_INFINITY;
                    double max = Double.NEGATIVE_INFINITY;
                    long n = (long) w * h;
                    for (long i = 0; i < n; i++) {
                        double v = PixelValues.get(type, plane, i);
                        if (!Double.isNaN(v)) {
                            min = Math.min(min, v);
                            max = Math.max(max, v);
                        }
                    }
                    if (min > max) {
                        min = 0;
                        max = 0;
                    }
                    byte[] grey = new byte[(int) n];
                    double scale = max > min ? 255 / (max - min) : 0;
                    for (int i = 0; i < n; i++) {
                        double v = PixelValues.get(type, plane, i);
                        long g = Double.isNaN(v) ? 0 : Math.round((v - min) * scale);
                        grey[i] = (byte) Math.max(0, Math.min(255, g));
                    }
                    picture = picture(grey, w, h, 1);
                    comment = String.format(Locale.ROOT, "QBI display mapping: %s %s .. %s linearly to 0 .. 255",
                            type.label(), number(min), number(max));
                }
            }
            BufferedImage finalPicture = picture;
            String finalComment = comment;
            AtomicFiles.write(target, out -> encode(finalPicture, finalComment, out));
            monitor.worked(1);
        } finally {
            monitor.done();
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }

    /** An 8-bit image over {@code samples} (interleaved, 1, 3 or 4 per pixel). */
    private static BufferedImage picture(byte[] samples, int w, int h, int bands) {
        int[] offsets = new int[bands];
        for (int b = 0; b < bands; b++) {
            offsets[b] = b;
        }
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(samples, samples.length), w, h, w * bands,
                bands, offsets, null);
        ColorSpace space = ColorSpace.getInstance(bands == 1 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        ComponentColorModel model = new ComponentColorModel(space, bands == 4, false,
                bands == 4 ? java.awt.Transparency.TRANSLUCENT : java.awt.Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        return new BufferedImage(model, raster, false, null);
    }

    private static void encode(BufferedImage picture, String comment, java.io.OutputStream out) throws IOException {
        javax.imageio.ImageWriter writer = spi().createWriterInstance();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(picture), param);
            if (comment != null) {
                IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
                entry.setAttribute("keyword", "Comment");
                entry.setAttribute("value", comment);
                IIOMetadataNode text = new IIOMetadataNode("tEXt");
                text.appendChild(entry);
                IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
                root.appendChild(text);
                metadata.mergeTree("javax_imageio_png_1.0", root);
            }
            writer.write(null, new IIOImage(picture, null, metadata), param);
            stream.flush();
        } finally {
            writer.dispose();
        }
    }

    private static ImageWriterSpi spi() {
        Iterator<ImageWriterSpi> all = IIORegistry.getDefaultInstance().getServiceProviders(ImageWriterSpi.class, true);
        ImageWriterSpi any = null;
        while (all.hasNext()) {
            ImageWriterSpi spi = all.next();
            if (spi.getClass().getName().equals(JDK_SPI)) {
                return spi;
            }
            for (String n : spi.getFormatNames()) {
                if (any == null && n.equalsIgnoreCase("png")) {
                    any = spi;
                }
            }
        }
        if (any == null) {
            throw new IllegalStateException("This Java runtime has no ImageIO PNG writer");
        }
        return any;
    }
}
