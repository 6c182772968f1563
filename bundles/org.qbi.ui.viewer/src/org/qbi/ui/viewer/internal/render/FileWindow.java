package org.qbi.ui.viewer.internal.render;

import java.util.List;
import java.util.Optional;

import org.qbi.core.image.Metadata;
import org.qbi.core.image.Rescale;

/**
 * The display window a file recommends: DICOM Window Center (0028,1050) and Window Width (0028,1051), given in
 * rescaled values (HU for CT), the first of several. Turned into stored values with the inverse rescale, with the
 * ends of DICOM's linear VOI function (PS3.3 C.11.2.1.2.1): {@code c - 0.5 - (w - 1) / 2} and
 * {@code c - 0.5 + (w - 1) / 2}.
 */
public final class FileWindow {

    /** Metadata key of the DICOM Window Center. */
    public static final String CENTER_KEY = "dicom:0028,1050";
    /** Metadata key of the DICOM Window Width. */
    public static final String WIDTH_KEY = "dicom:0028,1051";

    /** A recommended window: in rescaled values (as the file says) and in stored values (as the viewer uses it). */
    public record Recommended(double center, double width, DisplayWindow stored) {
    }

    private FileWindow() {
    }

    /** The window the metadata recommends, if it has a usable center and a width above 1. */
    public static Optional<Recommended> of(Metadata metadata, Rescale rescale) {
        Optional<Double> center = metadata.get(CENTER_KEY).flatMap(e -> first(e.value()));
        Optional<Double> width = metadata.get(WIDTH_KEY).flatMap(e -> first(e.value()));
        if (center.isEmpty() || width.isEmpty() || !(width.get() > 1) || !Double.isFinite(center.get())
                || !Double.isFinite(width.get())) {
            return Optional.empty();
        }
        double c = center.get();
        double w = width.get();
        double a = stored(c - 0.5 - (w - 1) / 2, rescale);
        double b = stored(c - 0.5 + (w - 1) / 2, rescale);
        return Optional.of(new Recommended(c, w, new DisplayWindow(Math.min(a, b), Math.max(a, b))));
    }

    private static double stored(double physical, Rescale rescale) {
        return (physical - rescale.intercept()) / rescale.slope();
    }

    /** The first number of a value: a number, the first of a list, or the first of "40\400". */
    static Optional<Double> first(Object value) {
        if (value instanceof Number number) {
            return Optional.of(number.doubleValue());
        }
        if (value instanceof List<?> list && !list.isEmpty()) {
            return first(list.getFirst());
        }
        if (value instanceof String text) {
            try {
                return Optional.of(Double.parseDouble(text.split("\\\\")[0].strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
