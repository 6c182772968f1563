package org.qbi.io.zarr.internal;

import java.nio.ByteOrder;

import org.qbi.core.image.PixelType;

/**
 * A Zarr v2 / NumPy dtype string ("&lt;u2", "|u1", "&gt;f4", "&lt;c8") as QBI stores it.
 *
 * @param text      the dtype as written
 * @param type      the QBI pixel type (bool reads as uint8)
 * @param itemBytes bytes of one value
 * @param order     byte order of the stored values
 */
record DType(String text, PixelType type, int itemBytes, ByteOrder order) {

    /**
     * @throws IllegalArgumentException naming the dtype and what QBI reads when it is not a QBI pixel type
     */
    static DType parse(String text) {
        if (text == null || text.length() < 3) {
            throw new IllegalArgumentException("dtype " + quote(text) + " is not a NumPy dtype string");
        }
        char orderChar = text.charAt(0);
        ByteOrder order = switch (orderChar) {
            case '<', '|', '=' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            default -> throw new IllegalArgumentException("dtype " + quote(text) + " has no byte order ('<', '>' or '|')");
        };
        char kind = text.charAt(1);
        int size;
        try {
            size = Integer.parseInt(text.substring(2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dtype " + quote(text) + " has no size in bytes");
        }
        PixelType type = switch (kind) {
            case 'b' -> size == 1 ? PixelType.UINT8 : null;
            case 'u' -> switch (size) {
                case 1 -> PixelType.UINT8;
                case 2 -> PixelType.UINT16;
                case 4 -> PixelType.UINT32;
                default -> null;
            };
            case 'i' -> switch (size) {
                case 1 -> PixelType.INT8;
                case 2 -> PixelType.INT16;
                case 4 -> PixelType.INT32;
                default -> null;
            };
            case 'f' -> switch (size) {
                case 4 -> PixelType.FLOAT32;
                case 8 -> PixelType.FLOAT64;
                default -> null;
            };
            case 'c' -> size == 8 ? PixelType.COMPLEX_FLOAT32 : null;
            default -> null;
        };
        if (type == null) {
            throw new IllegalArgumentException("dtype " + quote(text) + " is not one QBI reads (uint8/16/32, int8/16/32, "
                    + "float32/64, complex64, bool)");
        }
        return new DType(text, type, size, order);
    }

    /** Bytes whose order is reversed to make the values little-endian (0 when they are). */
    int swapUnit() {
        return order == ByteOrder.BIG_ENDIAN ? type.bytesPerSample() : 0;
    }

    /** The little-endian dtype string of a QBI pixel type's samples ("uint16" gives "&lt;u2"). */
    static String of(PixelType type) {
        return switch (type) {
            case UINT8, RGB8, RGBA8 -> "|u1";
            case INT8 -> "|i1";
            case UINT16 -> "<u2";
            case INT16 -> "<i2";
            case UINT32, LABEL32 -> "<u4";
            case INT32 -> "<i4";
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
            case COMPLEX_FLOAT32 -> "<c8";
        };
    }

    private static String quote(String text) {
        return text == null ? "null" : "'" + text + "'";
    }
}
