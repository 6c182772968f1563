package org.qbi.io.tiff.internal;

import java.util.Arrays;
import java.util.Set;

import org.qbi.core.image.PixelType;
import org.qbi.core.image.io.FormatException;
import org.qbi.io.tiff.internal.TiffFile.Field;
import org.qbi.io.tiff.internal.TiffFile.Ifd;

/**
 * What one TIFF page (IFD) holds, decided from its fields and validated against the file before any pixel is
 * read: size, samples, bit depth, sample format, compression, where its strips or tiles lie.
 *
 * @param pixelType      what QBI stores per pixel: RGB8/RGBA8 for 8-bit colour, otherwise the type of one sample
 * @param channels       samples stored on the channel axis (1 for grey and for RGB8/RGBA8, else samplesPerPixel)
 * @param decodedBytes   bytes of the decoded page (all samples)
 */
record TiffPage(Ifd ifd, long width, long height, int samplesPerPixel, int bitsPerSample, int sampleFormat,
        int compression, int photometric, int planar, int predictor, boolean tiled, long reducedResolution,
        long[] offsets, long[] byteCounts, PixelType pixelType, int channels, long decodedBytes) {

    /** Compressions TwelveMonkeys' TIFF plugin decodes. */
    static final Set<Integer> SUPPORTED_COMPRESSIONS = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 32773, 32946);

    /** The largest decoded page: TwelveMonkeys decodes a page into one Java array. */
    static final long MAX_PAGE_BYTES = Integer.MAX_VALUE - 64;

    /** A key that pages of one series share: same size and sample layout. */
    String shapeKey() {
        return width + "x" + height + "/" + samplesPerPixel + "x" + bitsPerSample + "/" + sampleFormat + "/"
                + pixelType + "/" + photometric;
    }

    /** Bytes one row of one plane occupies in the file's uncompressed layout (bits packed, rows byte-aligned). */
    long storedRowBytes(long pixels) {
        int samples = planar == 2 ? 1 : samplesPerPixel;
        return (pixels * samples * bitsPerSample + 7) / 8;
    }

    /** Reads and validates page {@code ifd} of {@code file}. */
    static TiffPage of(TiffFile file, Ifd ifd) throws FormatException {
        String page = "page " + ifd.index();
        long width = ifd.longValue(TiffTags.IMAGE_WIDTH, -1);
        long height = ifd.longValue(TiffTags.IMAGE_LENGTH, -1);
        if (width < 1 || height < 1) {
            throw problem(file, page + " has no valid ImageWidth/ImageLength (" + width + " x " + height + ")");
        }
        int spp = (int) Math.min(Integer.MAX_VALUE, ifd.longValue(TiffTags.SAMPLES_PER_PIXEL, 1));
        if (spp < 1 || spp > 256) {
            throw problem(file, page + " has SamplesPerPixel " + spp + " (QBI reads 1 to 256)");
        }
        int bits = uniform(file, page, ifd.field(TiffTags.BITS_PER_SAMPLE), 1, "BitsPerSample");
        int format = uniform(file, page, ifd.field(TiffTags.SAMPLE_FORMAT), 1, "SampleFormat");
        if (format == 4) {
            format = 1; // "undefined" data: read as unsigned integers
        }
        int compression = (int) ifd.longValue(TiffTags.COMPRESSION, 1);
        if (!SUPPORTED_COMPRESSIONS.contains(compression)) {
            throw problem(file, page + " uses " + TiffTags.compressionName(compression)
                    + " compression, which QBI cannot decode (it reads none, LZW, Deflate, PackBits, JPEG and CCITT)");
        }
        int photometric = (int) ifd.longValue(TiffTags.PHOTOMETRIC, spp >= 3 ? 2 : 1);
        int planar = (int) ifd.longValue(TiffTags.PLANAR_CONFIGURATION, 1);
        if (planar != 1 && planar != 2) {
            throw problem(file, page + " has PlanarConfiguration " + planar + " (1 or 2)");
        }
        int predictor = (int) ifd.longValue(TiffTags.PREDICTOR, 1);
        if (predictor < 1 || predictor > 3) {
            throw problem(file, page + " has Predictor " + predictor + " (1, 2 or 3)");
        }
        PixelType type = sampleType(file, page, bits, format);
        PixelType pixelType = type;
        int channels = spp;
        boolean colour = photometric == 2 || photometric == 6;
        if (bits == 8 && format == 1 && colour && (spp == 3 || spp == 4)) {
            pixelType = spp == 3 ? PixelType.RGB8 : PixelType.RGBA8;
            channels = 1;
        }
        if (photometric == 6 && pixelType != PixelType.RGB8) {
            throw problem(file, page + " is YCbCr with " + spp + " samples of " + bits + " bits, which QBI does not read");
        }
        boolean tiled = ifd.has(TiffTags.TILE_WIDTH) || ifd.has(TiffTags.TILE_OFFSETS);
        long segments;
        long segmentRows;
        long segmentWidth;
        if (tiled) {
            long tw = ifd.longValue(TiffTags.TILE_WIDTH, -1);
            long th = ifd.longValue(TiffTags.TILE_LENGTH, -1);
            if (tw < 1 || th < 1) {
                throw problem(file, page + " is tiled with tiles of " + tw + " x " + th + " pixels");
            }
            segments = ceilDiv(width, tw) * ceilDiv(height, th);
            segmentRows = th;
            segmentWidth = tw;
        } else {
            long rows = ifd.longValue(TiffTags.ROWS_PER_STRIP, height);
            if (rows < 1 || rows > height) {
                rows = height;
            }
            segments = ceilDiv(height, rows);
            segmentRows = rows;
            segmentWidth = width;
        }
        if (planar == 2) {
            segments *= spp;
        }
        Field offsetsField = ifd.field(tiled ? TiffTags.TILE_OFFSETS : TiffTags.STRIP_OFFSETS);
        if (offsetsField == null) {
            throw problem(file, page + " has no " + (tiled ? "TileOffsets" : "StripOffsets"));
        }
        if (offsetsField.count() < segments) {
            throw problem(file, page + " has " + offsetsField.count() + (tiled ? " tiles" : " strips") + " where its size needs "
                    + segments);
        }
        long[] offsets = Arrays.copyOf(offsetsField.longs(), (int) segments);
        Field countsField = ifd.field(tiled ? TiffTags.TILE_BYTE_COUNTS : TiffTags.STRIP_BYTE_COUNTS);
        long[] counts;
        long rowBytes = (segmentWidth * (planar == 2 ? 1 : spp) * bits + 7) / 8;
        if (countsField == null) {
            if (compression != 1) {
                throw problem(file, page + " is compressed but has no " + (tiled ? "TileByteCounts" : "StripByteCounts"));
            }
            counts = new long[(int) segments];
            Arrays.fill(counts, rowBytes * segmentRows);
            if (!tiled) {
                long lastRows = height - (ceilDiv(height, segmentRows) - 1) * segmentRows;
                for (int s = 0; s < segments; s++) {
                    if ((s + 1) % ceilDiv(height, segmentRows) == 0) {
                        counts[s] = rowBytes * lastRows;
                    }
                }
            }
        } else {
            if (countsField.count() < segments) {
                throw problem(file, page + " has " + countsField.count() + " byte counts for " + segments
                        + (tiled ? " tiles" : " strips"));
            }
            counts = Arrays.copyOf(countsField.longs(), (int) segments);
        }
        String unit = tiled ? "tile " : "strip ";
        long stripsPerPlane = tiled ? segments / (planar == 2 ? spp : 1) : ceilDiv(height, segmentRows);
        long stored = 0;
        for (int s = 0; s < segments; s++) {
            if (offsets[s] < 0 || counts[s] < 0 || offsets[s] > file.length() || counts[s] > file.length() - offsets[s]) {
                throw problem(file, unit + s + " of " + page + " (offset " + Long.toUnsignedString(offsets[s]) + ", "
                        + Long.toUnsignedString(counts[s]) + " bytes) ends past the end of the file (" + file.length()
                        + " bytes): the file is truncated or its header is wrong");
            }
            if (compression == 1) {
                long rows = segmentRows;
                if (!tiled && (s % stripsPerPlane) == stripsPerPlane - 1) {
                    rows = height - (stripsPerPlane - 1) * segmentRows;
                }
                long needed = rowBytes * rows;
                if (counts[s] < needed) {
                    throw problem(file, unit + s + " of " + page + " holds " + counts[s] + " bytes, its "
                            + rows + " rows need " + needed + " (uncompressed): the header is wrong");
                }
            }
            stored += counts[s];
        }
        long sampleBytes = bits < 8 ? 1 : bits == 16 && format == 3 ? 4 : bits / 8;
        long decoded = multiply(file, page, width, height, spp, sampleBytes);
        long packed = multiply(file, page, (width * spp * bits + 7) / 8, height, 1, 1);
        double ratio = switch (compression) {
            case 1 -> 1;
            case 8, 32946 -> 1032; // the most Deflate can expand (258 bytes from 2 bits)
            case 5 -> 4096; // LZW codes of at most 12 bits expand to at most 4096 bytes
            case 32773 -> 64; // PackBits: 2 bytes expand to at most 128
            default -> Double.POSITIVE_INFINITY;
        };
        if (packed > stored * ratio + 1024) {
            throw problem(file, page + " claims " + width + " x " + height + " pixels of " + spp + " x " + bits
                    + " bits (" + packed + " bytes), but its " + segments + (tiled ? " tiles" : " strips") + " hold "
                    + stored + " bytes, which " + TiffTags.compressionName(compression)
                    + " cannot expand that far: the header is wrong or the file is truncated");
        }
        if (decoded > MAX_PAGE_BYTES) {
            throw problem(file, page + " has " + width + " x " + height + " pixels of " + spp + " samples (" + decoded
                    + " bytes decoded); QBI decodes a TIFF page in one piece, up to 2 GiB");
        }
        long reduced = ifd.longValue(TiffTags.NEW_SUBFILE_TYPE, 0) & 1;
        return new TiffPage(ifd, width, height, spp, bits, format, compression, photometric, planar, predictor, tiled,
                reduced, offsets, counts, pixelType, channels, decoded);
    }

    private static PixelType sampleType(TiffFile file, String page, int bits, int format) throws FormatException {
        if (format != 1 && format != 2 && format != 3) {
            throw problem(file, page + " has SampleFormat " + format + " (QBI reads 1 unsigned, 2 signed, 3 float)");
        }
        switch (bits) {
            case 1, 2, 4:
                if (format == 1) {
                    return PixelType.UINT8;
                }
                break;
            case 8:
                if (format != 3) {
                    return format == 2 ? PixelType.INT8 : PixelType.UINT8;
                }
                break;
            case 16:
                return format == 3 ? PixelType.FLOAT32 : format == 2 ? PixelType.INT16 : PixelType.UINT16;
            case 32:
                return format == 3 ? PixelType.FLOAT32 : format == 2 ? PixelType.INT32 : PixelType.UINT32;
            case 64:
                if (format == 3) {
                    return PixelType.FLOAT64;
                }
                break;
            default:
                break;
        }
        throw problem(file, page + " has " + bits + "-bit samples of SampleFormat " + format
                + ", which QBI does not read (1/2/4/8/16/32-bit integers, 16/32/64-bit floats)");
    }

    /** The one value of a per-sample field (BitsPerSample, SampleFormat), which must be the same for all samples. */
    private static int uniform(TiffFile file, String page, Field field, int fallback, String name) throws FormatException {
        if (field == null || field.count() == 0) {
            return fallback;
        }
        long first = field.longAt(0);
        for (int i = 1; i < field.count(); i++) {
            if (field.longAt(i) != first) {
                throw problem(file, page + " has samples with different " + name + " (" + Arrays.toString(field.longs())
                        + "), which QBI does not read");
            }
        }
        return (int) Math.min(first, Integer.MAX_VALUE);
    }

    private static long multiply(TiffFile file, String page, long a, long b, long c, long d) throws FormatException {
        try {
            return Math.multiplyExact(Math.multiplyExact(a, b), Math.multiplyExact(c, d));
        } catch (ArithmeticException e) {
            throw problem(file, page + " claims " + a + " x " + b + " pixels: more than any file can hold");
        }
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static FormatException problem(TiffFile file, String problem) {
        return new FormatException(file.path(), problem);
    }
}
