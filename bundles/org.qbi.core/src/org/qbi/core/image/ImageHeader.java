package org.qbi.core.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an image is, without its pixels: format, pixel type, the five axes with their calibration, an
 * optional orientation, the rescale to physical values, and metadata. Reading a header costs a file's header,
 * never its pixels.
 *
 * @param format      the format's name as the reader reports it ("TIFF", "DICOM", "NIfTI-1")
 * @param pixelType   how each pixel is stored
 * @param axes        x, y, z, c, t in this order (size 1 where the image has no such axis)
 * @param orientation direction cosines of x, y, z in world coordinates, where the format gives them
 * @param rescale     stored to physical values; {@link Rescale#IDENTITY} when the format defines none
 * @param metadata    everything else the file says
 * @since 0.1
 */
public record ImageHeader(String format, PixelType pixelType, List<AxisCalibration> axes,
        Optional<Orientation> orientation, Rescale rescale, Metadata metadata) {

    public ImageHeader {
        if (pixelType == null) {
            throw new IllegalArgumentException("An image header needs a pixel type");
        }
        axes = List.copyOf(axes);
        if (axes.size() != Axis.COUNT) {
            throw new IllegalArgumentException("An image has 5 axes (x, y, z, c, t), got " + axes.size());
        }
        for (int i = 0; i < Axis.COUNT; i++) {
            if (axes.get(i).axis() != Axis.values()[i]) {
                throw new IllegalArgumentException("Axis " + i + " must be " + Axis.values()[i].label() + ", got "
                        + axes.get(i).axis().label());
            }
        }
        long elements = 1;
        for (AxisCalibration axis : axes) {
            elements = Math.multiplyExact(elements, axis.size());
        }
        Math.multiplyExact(elements, (long) pixelType.bytesPerPixel());
        format = format == null ? "" : format;
        orientation = orientation == null ? Optional.empty() : orientation;
        rescale = rescale == null ? Rescale.IDENTITY : rescale;
        metadata = metadata == null ? Metadata.EMPTY : metadata;
    }

    /**
     * A header with uncalibrated axes of the given sizes (x, y, then optionally z, c, t).
     */
    public static ImageHeader uncalibrated(PixelType type, long... sizes) {
        List<AxisCalibration> axes = new ArrayList<>();
        for (Axis axis : Axis.values()) {
            axes.add(AxisCalibration.uncalibrated(axis, axis.ordinal() < sizes.length ? sizes[axis.ordinal()] : 1));
        }
        return new ImageHeader("", type, axes, Optional.empty(), Rescale.IDENTITY, Metadata.EMPTY);
    }

    public AxisCalibration axis(Axis axis) {
        return axes.get(axis.ordinal());
    }

    public long size(Axis axis) {
        return axes.get(axis.ordinal()).size();
    }

    /** The five sizes, x first. */
    public long[] dimensions() {
        long[] dims = new long[Axis.COUNT];
        for (int i = 0; i < Axis.COUNT; i++) {
            dims[i] = axes.get(i).size();
        }
        return dims;
    }

    /** Number of pixels (product of the sizes). */
    public long pixelCount() {
        long count = 1;
        for (AxisCalibration axis : axes) {
            count *= axis.size();
        }
        return count;
    }

    /** Bytes of all stored values. */
    public long byteCount() {
        return pixelCount() * pixelType.bytesPerPixel();
    }

    /** The axes with more than one pixel, in order ("x", "y", "z"): what users call the image's shape. */
    public List<AxisCalibration> nonSingletonAxes() {
        return axes.stream().filter(a -> a.size() > 1 || a.axis() == Axis.X || a.axis() == Axis.Y).toList();
    }

    public ImageHeader withAxes(List<AxisCalibration> newAxes) {
        return new ImageHeader(format, pixelType, newAxes, orientation, rescale, metadata);
    }

    public ImageHeader withPixelType(PixelType type) {
        return new ImageHeader(format, type, axes, orientation, rescale, metadata);
    }

    public ImageHeader withMetadata(Metadata newMetadata) {
        return new ImageHeader(format, pixelType, axes, orientation, rescale, newMetadata);
    }

    public ImageHeader withRescale(Rescale newRescale) {
        return new ImageHeader(format, pixelType, axes, orientation, newRescale, metadata);
    }

    public ImageHeader withFormat(String newFormat) {
        return new ImageHeader(newFormat, pixelType, axes, orientation, rescale, metadata);
    }

    /**
     * A one-line description, e.g. "256 x 256 x 26 int16, 1.25 x 1.25 x 4 mm (field of view 320 x 320 x 104 mm)";
     * axes in different units say each ("1 mm x 1 mm x 69.47 ms").
     */
    public String describe() {
        List<AxisCalibration> shown = nonSingletonAxes();
        boolean oneUnit = shown.stream().map(AxisCalibration::unit).distinct().count() == 1;
        StringBuilder size = new StringBuilder();
        StringBuilder spacing = new StringBuilder();
        StringBuilder fov = new StringBuilder();
        for (AxisCalibration axis : shown) {
            String sep = size.isEmpty() ? "" : " x ";
            String unit = oneUnit ? "" : " " + axis.unit();
            size.append(sep).append(axis.size());
            spacing.append(sep).append(format(axis.spacing())).append(unit);
            fov.append(sep).append(format(axis.fieldOfView())).append(unit);
        }
        String unit = oneUnit ? " " + shown.getFirst().unit() : "";
        return size + " " + pixelType.label() + ", " + spacing + unit + " (field of view " + fov + unit + ")";
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(java.util.Locale.ROOT, "%.6g", value).replaceAll("\\.?0+$", "");
    }
}
