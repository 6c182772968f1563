package org.qbi.ui.viewer.internal.render;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Orientation;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.image.Rescale;

/** The texts the viewer shows about an image and a pixel: header line, slider labels, pixel readout, header facts. */
public final class ImageTexts {

    /** One row of the header facts: what and its value. */
    public record Fact(String property, String value) {
    }

    private ImageTexts() {
    }

    /**
     * A number as people write it: integers without decimals, others with up to 6 significant digits and no
     * trailing zeros ("2", "0.5", "-1000", "1.23457e+07").
     */
    public static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String text = String.format(Locale.ROOT, "%.6g", value);
        int e = text.indexOf('e');
        String mantissa = e < 0 ? text : text.substring(0, e);
        String exponent = e < 0 ? "" : text.substring(e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + exponent;
    }

    /** "TIFF  ·  256 x 256 x 26 int16, 1.25 x 1.25 x 4 mm (field of view ...)  ·  value = 1 × stored − 1024 HU". */
    public static String headerLine(ImageHeader header) {
        StringBuilder line = new StringBuilder();
        if (!header.format().isEmpty()) {
            line.append(header.format()).append("  \u00b7  ");
        }
        line.append(header.describe());
        if (!header.rescale().isIdentity() || !header.rescale().unit().isEmpty()) {
            line.append("  \u00b7  ").append(rescale(header.rescale()));
        }
        return line.toString();
    }

    /** "value = 2 × stored − 1000 HU", or "none" for the identity without a unit. */
    public static String rescale(Rescale rescale) {
        if (rescale.isIdentity() && rescale.unit().isEmpty()) {
            return "none";
        }
        String intercept = rescale.intercept() == 0 ? ""
                : (rescale.intercept() < 0 ? " \u2212 " : " + ") + number(Math.abs(rescale.intercept()));
        return "value = " + number(rescale.slope()) + " \u00d7 stored" + intercept
                + (rescale.unit().isEmpty() ? "" : " " + rescale.unit());
    }

    /** The physical position of index {@code i} along an axis: "2 mm", or "" for an uncalibrated axis. */
    public static String position(AxisCalibration axis, long i) {
        if (!axis.values().isEmpty()) {
            return number(axis.values().get((int) i)) + (axis.isCalibrated() ? " " + axis.unit() : "");
        }
        if (!axis.isCalibrated()) {
            return "";
        }
        return number(axis.origin() + i * axis.spacing()) + " " + axis.unit();
    }

    /** The label beside a slider: "3 / 5  (4 mm)" for index 2 of 5. */
    public static String sliderLabel(AxisCalibration axis, long i) {
        String where = position(axis, i);
        return (i + 1) + " / " + axis.size() + (where.isEmpty() ? "" : "  (" + where + ")");
    }

    /**
     * What the status line says about pixel (x, y) of the plane at (z, c, t): its position in pixels and in
     * physical units, its stored value and, when the image has a rescale, the rescaled value.
     * "x 12  y 30  z 2  ·  6, 15, 4 mm  ·  stored 1234  ·  1468 HU".
     *
     * @param plane the plane's stored values (x fastest), as read for display
     */
    public static String readout(ImageHeader header, MemorySegment plane, int x, int y, long z, long c, long t) {
        return readout(header, plane, (long) y * header.size(Axis.X) + x, x, y, z, c, t);
    }

    /**
     * The readout of voxel (x, y, z, c, t) whose stored value is pixel {@code i} of {@code plane} (any plane: axial,
     * coronal, sagittal, a montage tile).
     */
    public static String readout(ImageHeader header, MemorySegment plane, long i, long x, long y, long z, long c,
            long t) {
        StringBuilder text = new StringBuilder("x ").append(x).append("  y ").append(y);
        if (header.size(Axis.Z) > 1) {
            text.append("  z ").append(z);
        }
        if (header.size(Axis.C) > 1) {
            text.append("  c ").append(c);
        }
        if (header.size(Axis.T) > 1) {
            text.append("  t ").append(t);
        }
        String physical = physical(header, x, y, z);
        if (!physical.isEmpty()) {
            text.append("  \u00b7  ").append(physical);
        }
        PixelType type = header.pixelType();
        text.append("  \u00b7  ");
        switch (type) {
            case RGB8, RGBA8 -> {
                long from = i * type.samplesPerPixel();
                text.append("r ").append(number(PixelValues.get(type, plane, from)))
                        .append("  g ").append(number(PixelValues.get(type, plane, from + 1)))
                        .append("  b ").append(number(PixelValues.get(type, plane, from + 2)));
                if (type == PixelType.RGBA8) {
                    text.append("  a ").append(number(PixelValues.get(type, plane, from + 3)));
                }
            }
            case COMPLEX_FLOAT32 -> {
                double re = PixelValues.get(type, plane, 2 * i);
                double im = PixelValues.get(type, plane, 2 * i + 1);
                text.append("stored ").append(number(re)).append(im < 0 ? " \u2212 " : " + ")
                        .append(number(Math.abs(im))).append("i  |").append(number(Math.hypot(re, im))).append('|');
            }
            case LABEL32 -> text.append("label ").append(number(PixelValues.get(type, plane, i)));
            default -> {
                double stored = PixelValues.get(type, plane, i);
                text.append("stored ").append(number(stored));
                Rescale rescale = header.rescale();
                if (!rescale.isIdentity() || !rescale.unit().isEmpty()) {
                    text.append("  \u00b7  ").append(number(rescale.apply(stored)))
                            .append(rescale.unit().isEmpty() ? "" : " " + rescale.unit());
                }
            }
        }
        return text.toString();
    }

    /** "6, 15, 4 mm" (x, y and, for volumes, z positions); "" when x and y are uncalibrated. */
    /** The physical position of voxel (x, y, z), "-11, -2, 100 mm", or "" when x and y are uncalibrated. */
    public static String physicalPosition(ImageHeader header, long x, long y, long z) {
        return physical(header, x, y, z);
    }

    static String physical(ImageHeader header, long x, long y, long z) {
        AxisCalibration ax = header.axis(Axis.X);
        AxisCalibration ay = header.axis(Axis.Y);
        AxisCalibration az = header.axis(Axis.Z);
        if (!ax.isCalibrated() && !ay.isCalibrated()) {
            return "";
        }
        List<AxisCalibration> axes = new ArrayList<>(List.of(ax, ay));
        List<Long> at = new ArrayList<>(List.of(x, y));
        if (az.size() > 1) {
            axes.add(az);
            at.add(z);
        }
        boolean oneUnit = axes.stream().allMatch(a -> a.unit().equals(ax.unit()));
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < axes.size(); k++) {
            AxisCalibration axis = axes.get(k);
            text.append(k == 0 ? "" : ", ").append(number(axis.origin() + at.get(k) * axis.spacing()));
            if (!oneUnit) {
                text.append(' ').append(axis.unit());
            }
        }
        return oneUnit ? text + " " + ax.unit() : text.toString();
    }

    /** What the header says, row by row, as the Metadata view shows it on top of the entries. */
    public static List<Fact> facts(ImageHeader header) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Format", header.format().isEmpty() ? "(unknown)" : header.format()));
        facts.add(new Fact("Pixel type", header.pixelType().label()));
        facts.add(new Fact("Size", header.describe()));
        for (AxisCalibration axis : header.axes()) {
            if (axis.size() > 1 || axis.axis() == Axis.X || axis.axis() == Axis.Y) {
                facts.add(new Fact("Axis " + axis.axis().label(), axisText(axis)));
            }
        }
        facts.add(new Fact("Orientation", header.orientation().map(ImageTexts::orientation).orElse("not given")));
        facts.add(new Fact("Rescale", rescale(header.rescale())));
        facts.add(new Fact("Entries", Integer.toString(header.metadata().size())));
        return facts;
    }

    /** "size 64, spacing 0.5 mm, origin 0 mm, field of view 32 mm" (uncalibrated: "px"). */
    static String axisText(AxisCalibration axis) {
        String unit = axis.isCalibrated() ? " " + axis.unit() : " px";
        StringBuilder text = new StringBuilder("size ").append(axis.size());
        text.append(", spacing ").append(number(axis.spacing())).append(unit);
        text.append(", origin ").append(number(axis.origin())).append(unit);
        text.append(", field of view ").append(number(axis.fieldOfView())).append(unit);
        if (!axis.values().isEmpty()) {
            text.append(", values ").append(String.join(", ", axis.values().stream().map(ImageTexts::number).toList()));
        }
        return text.toString();
    }

    /** "x (1, 0, 0)  y (0, 1, 0)  z (0, 0, 1)". */
    static String orientation(Orientation orientation) {
        StringBuilder text = new StringBuilder();
        for (Axis axis : new Axis[] { Axis.X, Axis.Y, Axis.Z }) {
            double[] d = orientation.direction(axis);
            text.append(text.isEmpty() ? "" : "  ").append(axis.label()).append(" (").append(number(round(d[0])))
                    .append(", ").append(number(round(d[1]))).append(", ").append(number(round(d[2]))).append(')');
        }
        return text.toString();
    }

    private static double round(double v) {
        double r = Math.rint(v * 1e6) / 1e6;
        return r == 0 ? 0 : r;
    }
}
