package org.qbi.core.image;

import java.util.Locale;

/**
 * How one pixel is stored. Names follow NumPy's dtype names so that tables, JSON and Python agree.
 * <p>
 * Multi-sample types keep their samples interleaved (RGB: r, g, b of one pixel, then the next pixel;
 * complex: real, imaginary). {@link #LABEL32} is a label image (0 = background, 1.. = objects): stored like
 * uint32, but known to hold identities, not intensities, so viewers use a label LUT and no operator averages
 * it.
 *
 * @since 0.1
 */
public enum PixelType {
    UINT8("uint8", 1, 1, true, false),
    INT8("int8", 1, 1, true, true),
    UINT16("uint16", 2, 1, true, false),
    INT16("int16", 2, 1, true, true),
    INT32("int32", 4, 1, true, true),
    UINT32("uint32", 4, 1, true, false),
    FLOAT32("float32", 4, 1, false, true),
    FLOAT64("float64", 8, 1, false, true),
    COMPLEX_FLOAT32("complex64", 4, 2, false, true),
    RGB8("rgb8", 1, 3, true, false),
    RGBA8("rgba8", 1, 4, true, false),
    LABEL32("label32", 4, 1, true, false);

    private final String label;
    private final int bytesPerSample;
    private final int samplesPerPixel;
    private final boolean integer;
    private final boolean signed;

    PixelType(String label, int bytesPerSample, int samplesPerPixel, boolean integer, boolean signed) {
        this.label = label;
        this.bytesPerSample = bytesPerSample;
        this.samplesPerPixel = samplesPerPixel;
        this.integer = integer;
        this.signed = signed;
    }

    /** NumPy-style name, e.g. "uint16", "float32"; "rgb8", "rgba8", "label32" for the composite types. */
    public String label() {
        return label;
    }

    public int bytesPerSample() {
        return bytesPerSample;
    }

    public int samplesPerPixel() {
        return samplesPerPixel;
    }

    public int bytesPerPixel() {
        return bytesPerSample * samplesPerPixel;
    }

    public boolean isInteger() {
        return integer;
    }

    public boolean isSigned() {
        return signed;
    }

    /** Smallest value a sample can hold (integer types); negative infinity for floating point. */
    public double minValue() {
        return switch (this) {
            case UINT8, UINT16, UINT32, RGB8, RGBA8, LABEL32 -> 0;
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case FLOAT32, FLOAT64, COMPLEX_FLOAT32 -> Double.NEGATIVE_INFINITY;
        };
    }

    /** Largest value a sample can hold (integer types); positive infinity for floating point. */
    public double maxValue() {
        return switch (this) {
            case UINT8, RGB8, RGBA8 -> 255;
            case INT8 -> Byte.MAX_VALUE;
            case UINT16 -> 65535;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            case UINT32, LABEL32 -> 4294967295.0;
            case FLOAT32, FLOAT64, COMPLEX_FLOAT32 -> Double.POSITIVE_INFINITY;
        };
    }

    /**
     * The type with this label ("uint16") or NumPy dtype name.
     *
     * @throws IllegalArgumentException naming the label and the known ones
     */
    public static PixelType fromLabel(String label) {
        String wanted = label.strip().toLowerCase(Locale.ROOT);
        for (PixelType type : values()) {
            if (type.label.equals(wanted)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown pixel type '" + label + "'; known: uint8, int8, uint16, int16, "
                + "int32, uint32, float32, float64, complex64, rgb8, rgba8, label32");
    }
}
