package org.qbi.io.tiff.internal;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.imageio.ImageReadParam;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.image.io.ImageReader;
import org.qbi.core.image.io.Probe;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Reads PNG, JPEG, BMP and GIF through the JDK's own ImageIO readers (always present, also in OSGi, where ImageIO's
 * service lookup does not see plugin bundles; the JDK's are chosen by class even when other plugins are registered,
 * so results do not depend on what else is installed).
 * <ul>
 * <li>Grey 8 and 16 bit keep their values (uint8, uint16); grey + alpha 8-bit becomes rgba8; RGB and RGBA 8-bit are
 * rgb8 and rgba8; 16-bit colour puts its samples on the channel axis (uint16, c = 3 or 4).</li>
 * <li>Palette images (PNG, GIF, BMP) are expanded: to uint8 grey values when every palette entry is grey and opaque,
 * otherwise to rgb8 (rgba8 with transparency).</li>
 * <li>A GIF's frames go on t when they all cover the whole image; otherwise only the first frame is read (a metadata
 * entry says so).</li>
 * <li>JPEG is lossy: values depend on the decoder's IDCT and upsampling (within 1-3 grey levels of libjpeg's).</li>
 * </ul>
 * Resolution fields (PNG pHYs, JPEG and BMP densities) are print resolutions: they are kept in the metadata
 * (Dimension.HorizontalPixelSize, in mm) and the image is uncalibrated. A warning from the decoder (a truncated JPEG
 * is reported only as a warning, and decoded grey) is an error here, never a partial image.
 */
public final class StandardImageReader implements ImageReader {

    /** How decoded rasters become stored values. */
    enum Conversion {
        /** Copy the raster's bands as they are. */
        RASTER,
        /** Palette index to grey value. */
        INDEX_GREY,
        /** Palette index to r, g, b (and a). */
        INDEX_COLOUR,
        /** Grey + alpha (8-bit) to r = g = b = grey, a. */
        GREY_ALPHA,
        /** Through the colour model to 8-bit sRGB (packed formats: BMP 16/32-bit). */
        ARGB
    }

    /** The formats, their JDK reader and how much their compression can expand (for validating sizes). */
    enum Format {
        PNG("png", "com.sun.imageio.plugins.png.PNGImageReaderSpi", 1032),
        JPEG("jpeg", "com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi", 10_000),
        BMP("bmp", "com.sun.imageio.plugins.bmp.BMPImageReaderSpi", 256),
        GIF("gif", "com.sun.imageio.plugins.gif.GIFImageReaderSpi", 4096);

        final String name;
        final String jdkSpi;
        final double maxExpansion;

        Format(String name, String jdkSpi, double maxExpansion) {
            this.name = name;
            this.jdkSpi = jdkSpi;
            this.maxExpansion = maxExpansion;
        }

        static Format of(byte[] head) {
            if (head.length >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
                    && head[4] == 0x0d && head[5] == 0x0a && head[6] == 0x1a && head[7] == 0x0a) {
                return PNG;
            }
            if (head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
                return JPEG;
            }
            if (head.length >= 6 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F' && head[3] == '8'
                    && (head[4] == '7' || head[4] == '9') && head[5] == 'a') {
                return GIF;
            }
            if (head.length >= 18 && head[0] == 'B' && head[1] == 'M') {
                int dib = (head[14] & 0xff) | (head[15] & 0xff) << 8 | (head[16] & 0xff) << 16 | (head[17] & 0xff) << 24;
                if (dib == 12 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108 || dib == 124) {
                    return BMP;
                }
            }
            return null;
        }

        private volatile ImageReaderSpi spi;

        ImageReaderSpi spi() {
            ImageReaderSpi found = spi;
            if (found == null) {
                found = lookUp();
                spi = found;
            }
            return found;
        }

        private ImageReaderSpi lookUp() {
            Iterator<ImageReaderSpi> all = IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, true);
            ImageReaderSpi any = null;
            while (all.hasNext()) {
                ImageReaderSpi spi = all.next();
                if (spi.getClass().getName().equals(jdkSpi)) {
                    return spi;
                }
                for (String n : spi.getFormatNames()) {
                    if (any == null && n.equalsIgnoreCase(name)) {
                        any = spi;
                    }
                }
            }
            if (any == null) {
                throw new IllegalStateException("This Java runtime has no ImageIO reader for " + name);
            }
            return any;
        }
    }

    @Override
    public boolean canRead(Probe probe) {
        return !probe.directory() && Format.of(probe.head()) != null;
    }

    @Override
    public ChunkSource open(Path path, String entry) throws IOException {
        byte[] head;
        try (var in = Files.newInputStream(path)) {
            head = in.readNBytes(32);
        }
        Format format = Format.of(head);
        if (format == null) {
            throw new FormatException(path, "not a PNG, JPEG, BMP or GIF file (no known signature)");
        }
        long length = Files.size(path);
        javax.imageio.ImageReader reader = format.spi().createReaderInstance();
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream in = new FileImageInputStream(path.toFile())) {
            reader.setInput(in, false, false);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width < 1 || height < 1) {
                throw new FormatException(path, format + " header says " + width + " x " + height + " pixels");
            }
            int frames = 1;
            String frameNote = null;
            if (format == Format.GIF) {
                int n = reader.getNumImages(true);
                frames = n;
                for (int i = 1; i < n && frames > 1; i++) {
                    if (reader.getWidth(i) != width || reader.getHeight(i) != height || !fullFrame(reader, i)) {
                        frames = 1;
                        frameNote = "only the first of " + n + " frames is read: the others cover part of the image";
                    }
                }
            }
            Decision decision = decide(path, format, reader, frames);
            long bytes = (long) width * height * decision.type.bytesPerPixel() * decision.channels;
            if (bytes > TiffPage.MAX_PAGE_BYTES || bytes > length * format.maxExpansion + (1 << 20)) {
                throw new FormatException(path, format + " header says " + width + " x " + height + " pixels (" + bytes
                        + " bytes decoded), which a " + length + "-byte file cannot hold: the header is wrong");
            }
            Metadata.Builder metadata = Metadata.builder();
            String prefix = format.name().toLowerCase(Locale.ROOT);
            metadata.put(prefix + ":format", "Format", format.name(), format.name());
            if (frameNote != null) {
                metadata.put(prefix + ":frames", "Frames", format.name(), frameNote);
            } else if (frames > 1) {
                metadata.put(prefix + ":frames", "Frames", format.name(), (long) frames);
            }
            if (decision.note != null) {
                metadata.put(prefix + ":conversion", "Conversion", format.name(), decision.note);
            }
            try {
                IIOMetadata image = reader.getImageMetadata(0);
                if (image != null && image.isStandardMetadataFormatSupported()) {
                    flatten(image.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName), "", prefix, format.name(),
                            metadata);
                }
            } catch (IOException | RuntimeException unreadable) {
                metadata.put(prefix + ":metadataProblem", "Metadata problem", format.name(), String.valueOf(unreadable));
            }
            List<AxisCalibration> axes = List.of(AxisCalibration.uncalibrated(Axis.X, width),
                    AxisCalibration.uncalibrated(Axis.Y, height), AxisCalibration.uncalibrated(Axis.Z, 1),
                    AxisCalibration.uncalibrated(Axis.C, decision.channels), AxisCalibration.uncalibrated(Axis.T, frames));
            ImageHeader header = new ImageHeader(format.name(), decision.type, axes, Optional.empty(), Rescale.IDENTITY,
                    metadata.build());
            return new Source(path, format, length, header, decision);
        } catch (FormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new FormatException(path, "cannot read the " + format + " header: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private static boolean fullFrame(javax.imageio.ImageReader reader, int index) throws IOException {
        IIOMetadata m = reader.getImageMetadata(index);
        Node root = m.getAsTree(m.getNativeMetadataFormatName());
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if ("ImageDescriptor".equals(n.getNodeName())) {
                NamedNodeMap a = n.getAttributes();
                return "0".equals(a.getNamedItem("imageLeftPosition").getNodeValue())
                        && "0".equals(a.getNamedItem("imageTopPosition").getNodeValue());
            }
        }
        return true;
    }

    /** The stored type, channels and conversion of an image, from its raw type (no pixels decoded). */
    record Decision(PixelType type, int channels, Conversion conversion, IndexColorModel palette, String note) {
    }

    private static Decision decide(Path path, Format format, javax.imageio.ImageReader reader, int frames)
            throws IOException {
        Decision first = null;
        for (int i = 0; i < frames; i++) {
            ImageTypeSpecifier raw = reader.getRawImageType(i);
            if (raw == null) {
                Iterator<ImageTypeSpecifier> types = reader.getImageTypes(i);
                raw = types.hasNext() ? types.next() : null;
            }
            if (raw == null) {
                throw new FormatException(path, format + " image of a colour type the decoder cannot describe");
            }
            Decision d = decide(path, format, raw.getColorModel(), raw.getSampleModel());
            if (first == null || (d.type == PixelType.RGBA8 && first.type != PixelType.RGBA8)
                    || (d.type == PixelType.RGB8 && first.type == PixelType.UINT8)) {
                first = d;
            }
        }
        return first;
    }

    private static Decision decide(Path path, Format format, ColorModel cm, SampleModel sm) throws FormatException {
        int bands = sm.getNumBands();
        int dataType = sm.getDataType();
        if (cm instanceof IndexColorModel icm) {
            boolean grey = true;
            for (int i = 0; i < icm.getMapSize(); i++) {
                grey &= icm.getRed(i) == icm.getGreen(i) && icm.getGreen(i) == icm.getBlue(i);
            }
            boolean alpha = icm.hasAlpha();
            if (grey && !alpha) {
                return new Decision(PixelType.UINT8, 1, Conversion.INDEX_GREY, icm, "palette of grey levels expanded to their values");
            }
            return new Decision(alpha ? PixelType.RGBA8 : PixelType.RGB8, 1, Conversion.INDEX_COLOUR, icm,
                    "palette expanded to " + (alpha ? "RGBA" : "RGB"));
        }
        if (cm instanceof java.awt.image.DirectColorModel) {
            return new Decision(cm.hasAlpha() ? PixelType.RGBA8 : PixelType.RGB8, 1, Conversion.ARGB, null, null);
        }
        if (dataType == DataBuffer.TYPE_BYTE) {
            return switch (bands) {
                case 1 -> new Decision(PixelType.UINT8, 1, Conversion.RASTER, null, null);
                case 2 -> new Decision(PixelType.RGBA8, 1, Conversion.GREY_ALPHA, null, "grey + alpha stored as RGBA");
                case 3 -> new Decision(PixelType.RGB8, 1, Conversion.RASTER, null, null);
                case 4 -> {
                    if (!cm.hasAlpha()) {
                        throw new FormatException(path, format + " image with 4 colour components (CMYK?), which QBI does not read");
                    }
                    yield new Decision(PixelType.RGBA8, 1, Conversion.RASTER, null, null);
                }
                default -> throw new FormatException(path, format + " image with " + bands + " samples per pixel");
            };
        }
        if (dataType == DataBuffer.TYPE_USHORT) {
            return new Decision(PixelType.UINT16, bands, Conversion.RASTER, null,
                    bands > 1 ? "16-bit samples on the channel axis" : null);
        }
        throw new FormatException(path, format + " image with samples of data type " + dataType + ", which QBI does not read");
    }

    /** Adds the attributes of the standard metadata tree as "prefix:Node.Child.attribute" (palettes left out). */
    private static void flatten(Node node, String path, String prefix, String group, Metadata.Builder metadata) {
        int[] budget = { 200 };
        flatten(node, path, prefix, group, metadata, budget);
    }

    private static void flatten(Node node, String path, String prefix, String group, Metadata.Builder metadata,
            int[] budget) {
        for (Node child = node.getFirstChild(); child != null && budget[0] > 0; child = child.getNextSibling()) {
            String name = child.getNodeName();
            if (name.startsWith("Palette")) {
                continue;
            }
            String here = path.isEmpty() ? name : path + "." + name;
            NamedNodeMap attributes = child.getAttributes();
            if (attributes != null) {
                if (name.equals("TextEntry") && attributes.getNamedItem("keyword") != null) {
                    Node value = attributes.getNamedItem("value");
                    String keyword = attributes.getNamedItem("keyword").getNodeValue();
                    metadata.put(prefix + ":Text." + keyword, keyword, group, value == null ? "" : value.getNodeValue());
                    budget[0]--;
                } else {
                    for (int i = 0; i < attributes.getLength(); i++) {
                        Node a = attributes.item(i);
                        String key = here + (a.getNodeName().equals("value") ? "" : "." + a.getNodeName());
                        metadata.put(prefix + ":" + key, key, group, a.getNodeValue());
                        budget[0]--;
                    }
                }
            }
            flatten(child, here, prefix, group, metadata, budget);
        }
    }

    /** One frame per chunk, decoded with a reader and stream of its own (thread-safe). */
    private static final class Source implements ChunkSource {
        private final Path path;
        private final Format format;
        private final long length;
        private final ImageHeader header;
        private final Decision decision;
        private final ChunkGrid grid;

        Source(Path path, Format format, long length, ImageHeader header, Decision decision) {
            this.path = path;
            this.format = format;
            this.length = length;
            this.header = header;
            this.decision = decision;
            long[] d = header.dimensions();
            this.grid = new ChunkGrid(d, new long[] { d[0], d[1], 1, d[3], 1 });
        }

        @Override
        public ImageHeader header() {
            return header;
        }

        @Override
        public ChunkGrid grid() {
            return grid;
        }

        @Override
        public void readChunk(long[] index, MemorySegment target) throws IOException {
            long bytes = grid.pixelCount(index) * header.pixelType().bytesPerPixel();
            if (target.byteSize() != bytes) {
                throw new IllegalArgumentException("Chunk has " + bytes + " bytes, the target " + target.byteSize());
            }
            long heap = Runtime.getRuntime().maxMemory();
            if (bytes * 2 > heap / 2) {
                throw new FormatException(path, "the image needs " + bytes * 2 + " bytes of Java heap to decode, more than "
                        + "half of it (" + heap + "); start QBI with more memory");
            }
            if (Files.size(path) != length) {
                throw new FormatException(path, "the file changed since it was opened");
            }
            int frame = (int) index[4];
            javax.imageio.ImageReader reader = format.spi().createReaderInstance();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try (ImageInputStream in = new FileImageInputStream(path.toFile())) {
                reader.setInput(in, false, true);
                ImageReadParam param = reader.getDefaultReadParam();
                BufferedImage image = reader.read(frame, param);
                if (!warnings.isEmpty()) {
                    throw new FormatException(path, "the " + format + " data is damaged: " + String.join("; ", warnings));
                }
                if (image.getWidth() != header.size(Axis.X) || image.getHeight() != header.size(Axis.Y)) {
                    throw new FormatException(path, "frame " + frame + " decoded to " + image.getWidth() + " x "
                            + image.getHeight() + " pixels, the header says " + header.size(Axis.X) + " x "
                            + header.size(Axis.Y));
                }
                convert(image, target);
            } catch (FormatException | ClosedByInterruptException e) {
                throw e;
            } catch (EOFException e) {
                throw new FormatException(path, "the " + format + " data ends early: the file is truncated", e);
            } catch (IOException | RuntimeException e) {
                throw new FormatException(path, "the " + format + " data cannot be decoded: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        }

        private void convert(BufferedImage image, MemorySegment target) throws FormatException {
            Raster raster = image.getRaster();
            ColorModel cm = image.getColorModel();
            int w = image.getWidth();
            int h = image.getHeight();
            Conversion conversion = decision.conversion;
            // the decoder may deliver another layout than its raw type announced (JPEG): follow what it delivered
            if (cm instanceof IndexColorModel icm) {
                conversion = decision.type == PixelType.UINT8 ? Conversion.INDEX_GREY : Conversion.INDEX_COLOUR;
                indexed(raster, icm, target, conversion == Conversion.INDEX_GREY, decision.type == PixelType.RGBA8);
                return;
            }
            if (conversion == Conversion.INDEX_GREY || conversion == Conversion.INDEX_COLOUR
                    || cm instanceof java.awt.image.DirectColorModel) {
                conversion = decision.type == PixelType.UINT8 ? Conversion.RASTER : Conversion.ARGB;
            }
            switch (conversion) {
                case GREY_ALPHA -> {
                    for (int y = 0; y < h; y++) {
                        int[] grey = raster.getSamples(0, y, w, 1, 0, (int[]) null);
                        int[] alpha = raster.getSamples(0, y, w, 1, 1, (int[]) null);
                        for (int x = 0; x < w; x++) {
                            long at = 4L * ((long) y * w + x);
                            byte g = (byte) grey[x];
                            target.set(ValueLayout.JAVA_BYTE, at, g);
                            target.set(ValueLayout.JAVA_BYTE, at + 1, g);
                            target.set(ValueLayout.JAVA_BYTE, at + 2, g);
                            target.set(ValueLayout.JAVA_BYTE, at + 3, (byte) alpha[x]);
                        }
                    }
                }
                case ARGB -> {
                    boolean alpha = decision.type == PixelType.RGBA8;
                    int[] row = new int[w];
                    for (int y = 0; y < h; y++) {
                        image.getRGB(0, y, w, 1, row, 0, w);
                        for (int x = 0; x < w; x++) {
                            long at = (alpha ? 4L : 3L) * ((long) y * w + x);
                            int argb = row[x];
                            target.set(ValueLayout.JAVA_BYTE, at, (byte) (argb >> 16));
                            target.set(ValueLayout.JAVA_BYTE, at + 1, (byte) (argb >> 8));
                            target.set(ValueLayout.JAVA_BYTE, at + 2, (byte) argb);
                            if (alpha) {
                                target.set(ValueLayout.JAVA_BYTE, at + 3, (byte) (argb >>> 24));
                            }
                        }
                    }
                }
                default -> {
                    int expected = decision.type.samplesPerPixel() * decision.channels;
                    if (raster.getNumBands() != expected) {
                        throw new FormatException(path, "the decoder gave " + raster.getNumBands() + " samples per pixel, "
                                + expected + " expected");
                    }
                    RasterCopy.copy(raster, decision.type, decision.channels, target);
                }
            }
        }

        /** Palette indices to grey values or r, g, b(, a). */
        private static void indexed(Raster raster, IndexColorModel icm, MemorySegment target, boolean grey, boolean alpha) {
            int w = raster.getWidth();
            int h = raster.getHeight();
            int size = icm.getMapSize();
            int step = grey ? 1 : alpha ? 4 : 3;
            for (int y = 0; y < h; y++) {
                int[] row = raster.getSamples(0, y, w, 1, 0, (int[]) null);
                for (int x = 0; x < w; x++) {
                    int i = Math.min(row[x], size - 1);
                    long at = step * ((long) y * w + x);
                    if (grey) {
                        target.set(ValueLayout.JAVA_BYTE, at, (byte) icm.getRed(i));
                    } else {
                        target.set(ValueLayout.JAVA_BYTE, at, (byte) icm.getRed(i));
                        target.set(ValueLayout.JAVA_BYTE, at + 1, (byte) icm.getGreen(i));
                        target.set(ValueLayout.JAVA_BYTE, at + 2, (byte) icm.getBlue(i));
                        if (alpha) {
                            target.set(ValueLayout.JAVA_BYTE, at + 3, (byte) icm.getAlpha(i));
                        }
                    }
                }
            }
        }
    }
}
