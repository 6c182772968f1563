package org.qbi.io.tiff.internal;

import java.util.HashMap;
import java.util.Map;

/** TIFF tag numbers the reader uses, and the names of the tags files commonly carry (TIFF 6.0, extensions, private). */
final class TiffTags {

    static final int NEW_SUBFILE_TYPE = 254;
    static final int IMAGE_WIDTH = 256;
    static final int IMAGE_LENGTH = 257;
    static final int BITS_PER_SAMPLE = 258;
    static final int COMPRESSION = 259;
    static final int PHOTOMETRIC = 262;
    static final int FILL_ORDER = 266;
    static final int IMAGE_DESCRIPTION = 270;
    /**
     * QBI's private field (in the range TIFF leaves to private use) holding the provenance record as ASCII JSON,
     * written on the first page; other readers ignore it, the ImageJ description stays ImageJ's.
     */
    static final int QBI_PROVENANCE = 65110;
    static final int STRIP_OFFSETS = 273;
    static final int SAMPLES_PER_PIXEL = 277;
    static final int ROWS_PER_STRIP = 278;
    static final int STRIP_BYTE_COUNTS = 279;
    static final int X_RESOLUTION = 282;
    static final int Y_RESOLUTION = 283;
    static final int PLANAR_CONFIGURATION = 284;
    static final int RESOLUTION_UNIT = 296;
    static final int SOFTWARE = 305;
    static final int PREDICTOR = 317;
    static final int COLOR_MAP = 320;
    static final int TILE_WIDTH = 322;
    static final int TILE_LENGTH = 323;
    static final int TILE_OFFSETS = 324;
    static final int TILE_BYTE_COUNTS = 325;
    static final int EXTRA_SAMPLES = 338;
    static final int SAMPLE_FORMAT = 339;
    static final int XMP = 700;
    static final int IJ_METADATA_BYTE_COUNTS = 50838;
    static final int IJ_METADATA = 50839;

    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        Object[] table = { 254, "NewSubfileType", 255, "SubfileType", 256, "ImageWidth", 257, "ImageLength", 258,
                "BitsPerSample", 259, "Compression", 262, "PhotometricInterpretation", 263, "Threshholding", 264,
                "CellWidth", 265, "CellLength", 266, "FillOrder", 269, "DocumentName", 270, "ImageDescription", 271,
                "Make", 272, "Model", 273, "StripOffsets", 274, "Orientation", 277, "SamplesPerPixel", 278,
                "RowsPerStrip", 279, "StripByteCounts", 280, "MinSampleValue", 281, "MaxSampleValue", 282,
                "XResolution", 283, "YResolution", 284, "PlanarConfiguration", 285, "PageName", 286, "XPosition", 287,
                "YPosition", 288, "FreeOffsets", 289, "FreeByteCounts", 290, "GrayResponseUnit", 291,
                "GrayResponseCurve", 292, "T4Options", 293, "T6Options", 296, "ResolutionUnit", 297, "PageNumber", 301,
                "TransferFunction", 305, "Software", 306, "DateTime", 315, "Artist", 316, "HostComputer", 317,
                "Predictor", 318, "WhitePoint", 319, "PrimaryChromaticities", 320, "ColorMap", 321, "HalftoneHints",
                322, "TileWidth", 323, "TileLength", 324, "TileOffsets", 325, "TileByteCounts", 330, "SubIFDs", 332,
                "InkSet", 333, "InkNames", 334, "NumberOfInks", 336, "DotRange", 337, "TargetPrinter", 338,
                "ExtraSamples", 339, "SampleFormat", 340, "SMinSampleValue", 341, "SMaxSampleValue", 342,
                "TransferRange", 347, "JPEGTables", 512, "JPEGProc", 513, "JPEGInterchangeFormat", 514,
                "JPEGInterchangeFormatLength", 529, "YCbCrCoefficients", 530, "YCbCrSubSampling", 531,
                "YCbCrPositioning", 532, "ReferenceBlackWhite", 700, "XMP", 32781, "ImageID", 32932, "WangAnnotation",
                32995, "Matteing", 32996, "DataType", 32997, "ImageDepth", 32998, "TileDepth", 33421,
                "CFARepeatPatternDim", 33422, "CFAPattern", 33432, "Copyright", 33550, "ModelPixelScale", 33723,
                "IPTC", 33922, "ModelTiepoint", 34264, "ModelTransformation", 34377, "Photoshop", 34412,
                "CZ_LSMINFO", 34665, "ExifIFD", 34675, "ICCProfile", 34735, "GeoKeyDirectory", 34736,
                "GeoDoubleParams", 34737, "GeoAsciiParams", 34853, "GPSIFD", 37439, "StoNits", 42112, "GDAL_METADATA",
                42113, "GDAL_NODATA", 50838, "IJMetadataByteCounts", 50839, "IJMetadata", 51023, "FibicsXML", 51123,
                "MicroManagerMetadata", 65110, "QBIProvenance", 65200, "FlexXML" };
        for (int i = 0; i < table.length; i += 2) {
            NAMES.put((Integer) table[i], (String) table[i + 1]);
        }
    }

    private TiffTags() {
    }

    /** The tag's name, e.g. "ImageWidth"; "Tag 994" for tags without a known name. */
    static String name(int tag) {
        String name = NAMES.get(tag);
        return name != null ? name : "Tag " + tag;
    }

    /** A readable name of a compression scheme. */
    static String compressionName(int compression) {
        return switch (compression) {
            case 1 -> "none";
            case 2 -> "CCITT RLE";
            case 3 -> "CCITT T.4";
            case 4 -> "CCITT T.6";
            case 5 -> "LZW";
            case 6 -> "old-style JPEG";
            case 7 -> "JPEG";
            case 8 -> "Deflate (Adobe)";
            case 32773 -> "PackBits";
            case 32946 -> "Deflate";
            case 34712 -> "JPEG 2000";
            case 50000 -> "Zstandard";
            case 34925 -> "LZMA";
            case 50001 -> "WebP";
            default -> "compression " + compression;
        };
    }
}
