package org.qbi.ui.viewer.internal.render;

import java.lang.foreign.MemorySegment;

import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;

/**
 * The scalar a viewer windows for each pixel of one stored x-y plane: the stored sample for scalar types, the
 * magnitude for complex values. Multi-sample colour types (RGB, RGBA) are shown as colour and have none.
 *
 * @param type   how the plane is stored
 * @param plane  the stored values, little-endian, x fastest
 * @param count  number of pixels in the plane
 */
public record PlaneValues(PixelType type, MemorySegment plane, int count) {

    public PlaneValues {
        if (isColour(type)) {
            throw new IllegalArgumentException(type.label() + " is shown as colour, not as windowed values");
        }
        if (count < 0 || plane.byteSize() < (long) count * type.bytesPerPixel()) {
            throw new IllegalArgumentException("A plane of " + count + " " + type.label() + " pixels needs "
                    + (long) count * type.bytesPerPixel() + " bytes, got " + plane.byteSize());
        }
    }

    /** True for the types shown as colour (their samples are red, green, blue and alpha). */
    public static boolean isColour(PixelType type) {
        return type == PixelType.RGB8 || type == PixelType.RGBA8;
    }

    /** The display value of pixel {@code i}: the stored value, or the magnitude of a complex one. */
    public double get(int i) {
        if (type == PixelType.COMPLEX_FLOAT32) {
            double re = PixelValues.get(type, plane, 2L * i);
            double im = PixelValues.get(type, plane, 2L * i + 1);
            return Math.hypot(re, im);
        }
        return PixelValues.get(type, plane, i);
    }

    /** True when every value is an integer (so a histogram with one bin per value is exact). */
    public boolean integral() {
        return type.isInteger();
    }
}
