package org.qbi.io.nifti.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.qbi.core.image.Metadata;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.io.FormatException;

/**
 * The fields of a NIfTI-1 (348 bytes) or NIfTI-2 (540 bytes) header, either byte order, as the standard
 * defines them (nifti1.h and nifti2.h of the NIfTI Data Format Working Group), and every field as metadata.
 * Parsed by hand: the format is a fixed binary struct, and no maintained Java library for it exists on
 * Maven Central.
 */
final class NiftiHeader {

    static final int NIFTI1_SIZE = 348;
    static final int NIFTI2_SIZE = 540;
    /** Header plus the 4 extension-flag bytes: where the data of a single file starts at the earliest. */
    static final int NIFTI1_DATA_START = 352;
    static final int NIFTI2_DATA_START = 544;

    /** NIfTI datatype codes and their pixel types; the codes QBI has no type for are named for the message. */
    static final Map<Integer, PixelType> TYPES = Map.ofEntries(Map.entry(2, PixelType.UINT8),
            Map.entry(4, PixelType.INT16), Map.entry(8, PixelType.INT32), Map.entry(16, PixelType.FLOAT32),
            Map.entry(32, PixelType.COMPLEX_FLOAT32), Map.entry(64, PixelType.FLOAT64), Map.entry(128, PixelType.RGB8),
            Map.entry(256, PixelType.INT8), Map.entry(512, PixelType.UINT16), Map.entry(768, PixelType.UINT32),
            Map.entry(2304, PixelType.RGBA8));
    private static final Map<Integer, String> UNSUPPORTED_TYPES = Map.of(1, "binary (1 bit)", 1024, "int64", 1280,
            "uint64", 1536, "float128", 1792, "complex128", 2048, "complex256");

    final int version;
    final ByteOrder order;
    /** True for "n+1"/"n+2" (header and data in one file), false for "ni1"/"ni2" (.hdr with .img). */
    final boolean singleFile;
    final int headerSize;
    final long[] dim;
    final int datatype;
    final double[] pixdim;
    final long voxOffset;
    final double sclSlope;
    final double sclInter;
    final int xyztUnits;
    final double toffset;
    final int intentCode;
    final int qformCode;
    final int sformCode;
    final double[] quatern;
    final double[] qoffset;
    final double[][] srow;
    final Metadata.Builder metadata;

    /**
     * The NIfTI version the first bytes announce (sizeof_hdr and magic, either byte order), or 0 when they are
     * not a NIfTI header.
     */
    static int version(byte[] head) {
        if (head.length >= NIFTI1_SIZE && sizeOf(head) == NIFTI1_SIZE
                && (magic(head, 344, "n+1") || magic(head, 344, "ni1"))) {
            return 1;
        }
        if (head.length >= NIFTI2_SIZE && sizeOf(head) == NIFTI2_SIZE && (magic(head, 4, "n+2") || magic(head, 4, "ni2"))) {
            return 2;
        }
        return 0;
    }

    private static int sizeOf(byte[] head) {
        int little = ByteBuffer.wrap(head, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int big = ByteBuffer.wrap(head, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        return little == NIFTI1_SIZE || little == NIFTI2_SIZE ? little : big;
    }

    private static boolean magic(byte[] head, int offset, String magic) {
        for (int i = 0; i < 3; i++) {
            if (head[offset + i] != magic.charAt(i)) {
                return false;
            }
        }
        return head[offset + 3] == 0;
    }

    /**
     * Parses and validates the header at the start of {@code head}.
     *
     * @throws FormatException when it is not a NIfTI header, or its dimensions, datatype or offset cannot be
     */
    static NiftiHeader parse(Path file, byte[] head) throws FormatException {
        int version = version(head);
        if (version == 0) {
            throw new FormatException(file, head.length < NIFTI1_SIZE
                    ? "has " + head.length + " bytes, fewer than a NIfTI header (348): the file is truncated"
                    : "is not a NIfTI file (sizeof_hdr is neither 348 nor 540 with the NIfTI magic)");
        }
        ByteOrder order = ByteBuffer.wrap(head, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == sizeOf(head)
                ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        return new NiftiHeader(file, head, version, order);
    }

    private NiftiHeader(Path file, byte[] head, int version, ByteOrder order) throws FormatException {
        this.version = version;
        this.order = order;
        HeaderFields f = new HeaderFields(head, order);
        if (version == 1) {
            headerSize = (int) f.int32(0, "sizeof_hdr", "Header size");
            f.text(4, 10, "data_type", "Data type (unused)");
            f.text(14, 18, "db_name", "Database name (unused)");
            f.int32(32, "extents", "Extents (unused)");
            f.int16(36, "session_error", "Session error (unused)");
            f.put("regular", "Regular (unused)", f.string(38, 1));
            f.int8u(39, "dim_info", "Frequency, phase and slice dimensions");
            dim = f.integers(40, 8, 2, "dim", "Dimensions");
            f.float32(56, "intent_p1", "Intent parameter 1");
            f.float32(60, "intent_p2", "Intent parameter 2");
            f.float32(64, "intent_p3", "Intent parameter 3");
            intentCode = (int) f.int16(68, "intent_code", "Intent code");
            datatype = (int) f.int16(70, "datatype", "Datatype");
            f.int16(72, "bitpix", "Bits per pixel");
            f.int16(74, "slice_start", "First slice index");
            pixdim = f.reals(76, 8, 4, "pixdim", "Grid spacings (qfac, x, y, z, t, ...)");
            double offset = f.float32(108, "vox_offset", "Offset of the data");
            if (!Double.isFinite(offset) || offset < 0 || offset != Math.rint(offset) || offset > Integer.MAX_VALUE) {
                throw new FormatException(file, "has vox_offset " + offset + "; it must be a whole number of bytes >= 0");
            }
            voxOffset = (long) offset;
            sclSlope = f.float32(112, "scl_slope", "Data scaling: slope");
            sclInter = f.float32(116, "scl_inter", "Data scaling: intercept");
            f.int16(120, "slice_end", "Last slice index");
            f.int8u(122, "slice_code", "Slice timing order");
            xyztUnits = (int) f.int8u(123, "xyzt_units", "Units of pixdim");
            f.float32(124, "cal_max", "Display range: max");
            f.float32(128, "cal_min", "Display range: min");
            f.float32(132, "slice_duration", "Time for one slice");
            toffset = f.float32(136, "toffset", "Time axis shift");
            f.int32(140, "glmax", "Global max (unused)");
            f.int32(144, "glmin", "Global min (unused)");
            f.text(148, 80, "descrip", "Description");
            f.text(228, 24, "aux_file", "Auxiliary file");
            qformCode = (int) f.int16(252, "qform_code", "qform code");
            sformCode = (int) f.int16(254, "sform_code", "sform code");
            quatern = new double[] { f.float32(256, "quatern_b", "Quaternion b"),
                    f.float32(260, "quatern_c", "Quaternion c"), f.float32(264, "quatern_d", "Quaternion d") };
            qoffset = new double[] { f.float32(268, "qoffset_x", "Quaternion x shift"),
                    f.float32(272, "qoffset_y", "Quaternion y shift"), f.float32(276, "qoffset_z", "Quaternion z shift") };
            srow = new double[][] { f.reals(280, 4, 4, "srow_x", "Affine row x"), f.reals(296, 4, 4, "srow_y", "Affine row y"),
                    f.reals(312, 4, 4, "srow_z", "Affine row z") };
            f.text(328, 16, "intent_name", "Intent name");
            String magic = f.string(344, 4);
            f.put("magic", "Magic", magic);
            singleFile = magic.equals("n+1");
        } else {
            headerSize = (int) f.int32(0, "sizeof_hdr", "Header size");
            String magic = f.string(4, 4);
            f.put("magic", "Magic", magic);
            singleFile = magic.equals("n+2");
            datatype = (int) f.int16(12, "datatype", "Datatype");
            f.int16(14, "bitpix", "Bits per pixel");
            dim = f.integers(16, 8, 8, "dim", "Dimensions");
            f.float64(80, "intent_p1", "Intent parameter 1");
            f.float64(88, "intent_p2", "Intent parameter 2");
            f.float64(96, "intent_p3", "Intent parameter 3");
            pixdim = f.reals(104, 8, 8, "pixdim", "Grid spacings (qfac, x, y, z, t, ...)");
            voxOffset = f.int64(168, "vox_offset", "Offset of the data");
            if (voxOffset < 0) {
                throw new FormatException(file, "has vox_offset " + voxOffset + "; it must be >= 0");
            }
            sclSlope = f.float64(176, "scl_slope", "Data scaling: slope");
            sclInter = f.float64(184, "scl_inter", "Data scaling: intercept");
            f.float64(192, "cal_max", "Display range: max");
            f.float64(200, "cal_min", "Display range: min");
            f.float64(208, "slice_duration", "Time for one slice");
            toffset = f.float64(216, "toffset", "Time axis shift");
            f.int64(224, "slice_start", "First slice index");
            f.int64(232, "slice_end", "Last slice index");
            f.text(240, 80, "descrip", "Description");
            f.text(320, 24, "aux_file", "Auxiliary file");
            qformCode = (int) f.int32(344, "qform_code", "qform code");
            sformCode = (int) f.int32(348, "sform_code", "sform code");
            quatern = new double[] { f.float64(352, "quatern_b", "Quaternion b"),
                    f.float64(360, "quatern_c", "Quaternion c"), f.float64(368, "quatern_d", "Quaternion d") };
            qoffset = new double[] { f.float64(376, "qoffset_x", "Quaternion x shift"),
                    f.float64(384, "qoffset_y", "Quaternion y shift"), f.float64(392, "qoffset_z", "Quaternion z shift") };
            srow = new double[][] { f.reals(400, 4, 8, "srow_x", "Affine row x"), f.reals(432, 4, 8, "srow_y", "Affine row y"),
                    f.reals(464, 4, 8, "srow_z", "Affine row z") };
            f.int32(496, "slice_code", "Slice timing order");
            xyztUnits = (int) f.int32(500, "xyzt_units", "Units of pixdim");
            intentCode = (int) f.int32(504, "intent_code", "Intent code");
            f.text(508, 16, "intent_name", "Intent name");
            f.int8u(524, "dim_info", "Frequency, phase and slice dimensions");
        }
        f.put("intent", "Intent", NiftiCodes.intent(intentCode));
        f.put("qform", "qform", NiftiCodes.xform(qformCode));
        f.put("sform", "sform", NiftiCodes.xform(sformCode));
        f.put("units", "Units", NiftiCodes.spaceUnit(xyztUnits & 0x07) + ", " + NiftiCodes.timeUnit(xyztUnits & 0x38));
        this.metadata = f.metadata();
        validateDimensions(file);
        pixelType(file);
    }

    private void validateDimensions(Path file) throws FormatException {
        long rank = dim[0];
        if (rank < 1 || rank > 7) {
            throw new FormatException(file, "has dim[0] = " + rank + "; NIfTI images have 1 to 7 dimensions");
        }
        for (int i = 1; i <= rank; i++) {
            if (dim[i] < 0) {
                throw new FormatException(file, "has a negative size dim[" + i + "] = " + dim[i]);
            }
            if (dim[i] == 0) {
                throw new FormatException(file, "has size 0 in dim[" + i + "]: the image holds no pixels");
            }
            if (i > 5 && dim[i] > 1) {
                throw new FormatException(file, "has " + rank + " dimensions (dim = " + Arrays.toString(dim)
                        + "); QBI reads up to 5 (x, y, z, t and a fifth as channels)");
            }
        }
    }

    /** The size of dimension {@code i} (1 = x .. 5 = channels), 1 beyond the image's rank. */
    long size(int i) {
        return i <= dim[0] ? dim[i] : 1;
    }

    PixelType pixelType(Path file) throws FormatException {
        PixelType type = TYPES.get(datatype);
        if (type == null) {
            String name = UNSUPPORTED_TYPES.get(datatype);
            throw new FormatException(file, name != null
                    ? "holds " + name + " pixels (NIfTI datatype " + datatype + "), which QBI has no pixel type for"
                    : "has the unknown NIfTI datatype code " + datatype);
        }
        return type;
    }
}
