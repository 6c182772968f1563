package org.qbi.ui.viewer.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.qbi.core.image.Axis;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.io.FormatException;
import org.qbi.ui.viewer.internal.render.DisplayWindow;
import org.qbi.ui.viewer.internal.render.ImagePyramid;
import org.qbi.ui.viewer.internal.render.ImageTexts;
import org.qbi.ui.viewer.internal.render.Montage;
import org.qbi.ui.viewer.internal.render.Picture;
import org.qbi.ui.viewer.internal.render.ViewRequest;

/** The Image editor's texts for people: the status line (window, readout under the cursor) and read errors. */
final class StatusTexts {

    private StatusTexts() {
    }

    /** What went wrong, for people: the reader's message for format errors, the cause for the rest. */
    static String describe(Throwable problem, Path path) {
        if (problem instanceof FormatException) {
            return problem.getMessage();
        }
        if (problem instanceof NoSuchFileException) {
            return path + ": no such file or folder";
        }
        if (problem instanceof AccessDeniedException) {
            return path + ": permission denied";
        }
        if (problem instanceof IOException) {
            return path + ": " + (problem.getMessage() == null ? problem.toString() : problem.getMessage());
        }
        return path + ": the reader failed (" + problem + ")";
    }

    /** What could not be read or made, and why (shown over the canvas). */
    static String failed(ViewRequest at, Throwable problem, Path path) {
        String what = switch (at.mode()) {
            case PLANE -> "Slice " + at.plane().normal().label() + " " + at.index() + ", c " + at.c() + ", t " + at.t();
            case PROJECTION -> "The " + at.kind().label().toLowerCase(java.util.Locale.ROOT) + " projection along "
                    + at.plane().normal().label();
            case MONTAGE -> "The montage";
        };
        return what + " could not be " + (at.mode() == ViewRequest.Mode.PLANE ? "read" : "made") + ":\n"
                + (problem instanceof IllegalArgumentException ? problem.getMessage() : describe(problem, path));
    }

    /** "gray window 1000 .. 2571 (1000 .. 4142 HU), auto contrast", or what a colour slice is. */
    static String window(ImageEditor.Slice slice, ImageHeader header, DisplayState display) {
        if (slice == null) {
            return "";
        }
        DisplayWindow window = slice.rendered().window();
        if (slice.picture().request().composite() && header.size(Axis.C) > 1) {
            List<Picture.ChannelSetting> set = slice.display().channels();
            long shown = 0;
            for (int c = 0; c < header.size(Axis.C); c++) {
                shown += c >= set.size() || set.get(c).visible() ? 1 : 0; // channels not set are shown
            }
            return "composite: " + shown + " of " + header.size(Axis.C) + " channels shown";
        }
        if (window == null) {
            return header.pixelType() == org.qbi.core.image.PixelType.LABEL32 ? "labels in colour (0 black)"
                    : "colour as stored";
        }
        StringBuilder text = new StringBuilder();
        ImagePyramid.Overview overview = slice.picture().overview();
        if (overview != null) {
            text.append("Overview 1:").append(overview.factor()[0]).append(overview.fraction() < 1
                    ? " (" + Math.round(100 * overview.fraction()) + " % built)" : "")
                    .append(", full resolution being read \u2026  \u00b7  ");
        }
        ViewRequest shown = slice.picture().request();
        if (shown.mode() == ViewRequest.Mode.PROJECTION) {
            text.append(shown.kind().label()).append(" intensity projection along ")
                    .append(shown.plane().normal().label()).append("  \u00b7  ");
        } else if (shown.mode() == ViewRequest.Mode.MONTAGE) {
            text.append("Montage of ").append(slice.picture().montage().slices().length).append(" slices  \u00b7  ");
        }
        text.append("gray window ").append(ImageTexts.number(window.low())).append(" .. ")
                .append(ImageTexts.number(window.high()));
        if (!header.rescale().isIdentity()) {
            double a = header.rescale().apply(window.low());
            double b = header.rescale().apply(window.high());
            text.append(" stored (").append(ImageTexts.number(Math.min(a, b))).append(" .. ")
                    .append(ImageTexts.number(Math.max(a, b)))
                    .append(header.rescale().unit().isEmpty() ? "" : " " + header.rescale().unit()).append(')');
        }
        text.append(display.describe());
        return text.toString();
    }

    /** The voxel (x, y, z, c, t) shown at pixel (h, v) of a picture; null in projections and between tiles. */
    static long[] voxel(Picture picture, int h, int v) {
        ViewRequest r = picture.request();
        return switch (r.mode()) {
            case PLANE -> {
                long[] xyz = r.plane().voxel(h, v, r.index());
                yield new long[] { xyz[0], xyz[1], xyz[2], r.c(), r.t() };
            }
            case MONTAGE -> {
                Montage.Result m = picture.montage();
                long z = m.sliceAt(h, v);
                yield z < 0 ? null : new long[] { h % m.tileWidth(), v % m.tileHeight(), z, r.c(), r.t() };
            }
            case PROJECTION -> null;
        };
    }

    /** The status line for pixel (h, v) of a picture: voxel, physical position, value, overlay label. */
    static String readout(ImageHeader header, Picture picture, int h, int v) {
        ViewRequest r = picture.request();
        long i = (long) v * picture.width() + h;
        String text = switch (r.mode()) {
            case PLANE -> {
                long[] xyz = r.plane().voxel(h, v, r.index());
                yield ImageTexts.readout(header, picture.values(), i, xyz[0], xyz[1], xyz[2], r.c(), r.t());
            }
            case MONTAGE -> {
                Montage.Result m = picture.montage();
                long z = m.sliceAt(h, v);
                yield z < 0 ? "" : ImageTexts.readout(header, picture.values(), i, h % m.tileWidth(),
                        v % m.tileHeight(), z, r.c(), r.t());
            }
            case PROJECTION -> {
                double value = picture.planeValues().get((int) i);
                String unit = header.rescale().unit().isEmpty() ? "" : " " + header.rescale().unit();
                yield r.plane().horizontal().label() + " " + h + "  " + r.plane().vertical().label() + " " + v
                        + "  \u00b7  " + r.kind().label().toLowerCase(java.util.Locale.ROOT) + " along "
                        + r.plane().normal().label() + ": stored " + ImageTexts.number(value)
                        + (header.rescale().isIdentity() ? "" : "  \u00b7  "
                                + ImageTexts.number(header.rescale().apply(value)) + unit);
            }
        };
        if (picture.labels() != null) {
            text += "  \u00b7  label " + ImageTexts.number(picture.labels().get((int) i));
        }
        return text;
    }
}
