package org.qbi.io.tiff.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.Rescale;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.image.io.ImageReader;
import org.qbi.core.image.io.Probe;
import org.qbi.io.tiff.internal.TiffFile.Field;
import org.qbi.io.tiff.internal.TiffFile.Ifd;

/**
 * Reads TIFF and BigTIFF files, ImageJ stacks and hyperstacks, and single-file OME-TIFF.
 * <p>
 * Opening reads the IFDs only (see {@link TiffFile}); each page is one chunk, decoded on demand by TwelveMonkeys
 * ImageIO through its own stream ({@link TiffSource}). Pages go on z, or on c and t as ImageJ's description or the
 * OME-XML say.
 * <p>
 * Calibration, first match wins:
 * <ol>
 * <li>OME-XML: PhysicalSizeX/Y/Z with their units (micrometres by default), TimeIncrement.</li>
 * <li>ImageJ: 1/XResolution and 1/YResolution in the description's unit ("micron", "\u00B5m", "mm", ...),
 * spacing (z) in the same unit, finterval (t) in tunit (seconds by default), xorigin/yorigin/zorigin in pixels.</li>
 * <li>ResolutionUnit centimetre: 1/XResolution cm, shown in mm or um.</li>
 * </ol>
 * ResolutionUnit inch (the TIFF default, and what image editors write as 72 or 300 dpi) is a print resolution, not a
 * pixel size: such files are uncalibrated (the resolution stays in the metadata), unless ImageJ's description says
 * unit=inch.
 * <p>
 * Metadata: every TIFF field of the series' first page ("tiff:256", name "ImageWidth", group "TIFF"), ImageJ's
 * description and IJMetadata ("imagej:spacing", group "ImageJ"), an OME summary ("ome:SizeZ", group "OME").
 * Palette images keep their indices (the ColorMap is in the metadata); MinIsWhite images keep their stored values.
 */
public final class TiffReader implements ImageReader {

    @Override
    public boolean canRead(Probe probe) {
        return !probe.directory() && TiffFile.isTiff(probe.head());
    }

    @Override
    public List<String> entries(Path path) throws IOException {
        TiffFile file = TiffFile.read(path);
        List<String> warnings = new ArrayList<>();
        int n = TiffSeries.find(file, new TiffSeries.Pages(file), warnings).size();
        if (n < 2) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("series " + i);
        }
        return names;
    }

    @Override
    public ChunkSource open(Path path, String entry) throws IOException {
        TiffFile file = TiffFile.read(path);
        List<String> warnings = new ArrayList<>(file.warnings());
        List<TiffSeries.Builder> all = TiffSeries.find(file, new TiffSeries.Pages(file), warnings);
        int which = 0;
        if (entry != null && !entry.isBlank()) {
            String e = entry.strip().toLowerCase(Locale.ROOT);
            try {
                which = Integer.parseInt(e.startsWith("series") ? e.substring(6).strip() : e);
            } catch (NumberFormatException bad) {
                which = -1;
            }
            if (which < 0 || which >= all.size()) {
                throw new FormatException(path, "has no image '" + entry + "'; its images are series 0 to "
                        + (all.size() - 1));
            }
        }
        TiffSeries series = all.get(which).build();
        return new TiffSource(file, series, header(file, series, all.size(), warnings));
    }

    private static ImageHeader header(TiffFile file, TiffSeries series, int seriesCount, List<String> warnings) {
        List<AxisCalibration> axes = calibration(series);
        Metadata.Builder metadata = Metadata.builder();
        String format = switch (series.kind) {
            case OME -> "OME-TIFF";
            case IMAGEJ -> "ImageJ TIFF";
            case PAGES -> "TIFF";
        };
        if (file.bigTiff()) {
            format += " (BigTIFF)";
        }
        metadata.put("tiff:pages", "Pages", "TIFF", (long) file.ifds().size());
        metadata.put("tiff:byteOrder", "Byte order", "TIFF",
                file.order() == java.nio.ByteOrder.LITTLE_ENDIAN ? "little-endian (II)" : "big-endian (MM)");
        metadata.put("tiff:bigTiff", "BigTIFF", "TIFF", file.bigTiff());
        if (seriesCount > 1) {
            metadata.put("tiff:series", "Series", "TIFF", (long) seriesCount);
        }
        TiffPage first = series.first;
        metadata.put("tiff:compressionName", "Compression (name)", "TIFF", TiffTags.compressionName(first.compression()));
        Ifd ifd = first.ifd();
        for (Field field : ifd.fields().values()) {
            metadata.put("tiff:" + field.tag(), TiffTags.name(field.tag()), "TIFF", value(field));
            if (field.tag() == TiffTags.QBI_PROVENANCE && value(field) instanceof String record) {
                metadata.put(Metadata.PROVENANCE, "Provenance record", Metadata.PROVENANCE_GROUP, record);
            }
        }
        if (series.imageJ != null) {
            series.imageJ.addTo(metadata);
        }
        if (series.ome != null) {
            OmeInfo.addTo(metadata, series.ome, series.omeImageCount);
        }
        if (!warnings.isEmpty()) {
            metadata.put("tiff:warnings", "Warnings", "TIFF", List.copyOf(warnings));
        }
        return new ImageHeader(format, first.pixelType(), axes, Optional.empty(), Rescale.IDENTITY, metadata.build());
    }

    /** A field's value for the metadata: numbers, text, short lists; long arrays summarised. */
    private static Object value(Field field) {
        int tag = field.tag();
        if (field.type() == TiffFile.ASCII || tag == TiffTags.XMP) {
            return field.text();
        }
        if (tag == TiffTags.IJ_METADATA) {
            return "(" + field.count() + " bytes; decoded into the imagej: entries)";
        }
        long n = field.count();
        if (n == 0) {
            return "";
        }
        boolean real = field.type() == TiffFile.RATIONAL || field.type() == TiffFile.SRATIONAL
                || field.type() == TiffFile.FLOAT || field.type() == TiffFile.DOUBLE;
        if (!field.isNumeric() && n > 16) {
            return "(" + n + " bytes)";
        }
        if (n > 64) {
            return "(" + n + " values)";
        }
        if (n == 1) {
            return real ? (Object) field.doubleAt(0) : (Object) field.longAt(0);
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(real ? (Object) field.doubleAt(i) : (Object) field.longAt(i));
        }
        return values;
    }

    /** The five axes with their calibration (see the class comment for the rules). */
    static List<AxisCalibration> calibration(TiffSeries series) {
        long[] d = series.dims;
        Ifd ifd = series.first.ifd();
        AxisCalibration x = AxisCalibration.uncalibrated(Axis.X, d[0]);
        AxisCalibration y = AxisCalibration.uncalibrated(Axis.Y, d[1]);
        AxisCalibration z = AxisCalibration.uncalibrated(Axis.Z, d[2]);
        AxisCalibration c = AxisCalibration.uncalibrated(Axis.C, d[3]);
        AxisCalibration t = AxisCalibration.uncalibrated(Axis.T, d[4]);
        double xsize = inverse(ifd, TiffTags.X_RESOLUTION);
        double ysize = inverse(ifd, TiffTags.Y_RESOLUTION);
        if (Double.isNaN(ysize)) {
            ysize = xsize;
        }
        long resolutionUnit = ifd.longValue(TiffTags.RESOLUTION_UNIT, 2);
        if (series.ome != null) {
            OmeInfo.Image o = series.ome;
            x = length(Axis.X, d[0], o.physicalX(), o.unitX(), 0);
            y = length(Axis.Y, d[1], o.physicalY(), o.unitY(), 0);
            z = length(Axis.Z, d[2], o.physicalZ(), o.unitZ(), 0);
            t = time(Axis.T, d[4], o.timeIncrement(), o.timeUnit());
        } else if (series.imageJ != null) {
            ImageJInfo ij = series.imageJ;
            String unit = ij.text("unit");
            double xs = Double.isNaN(xsize) ? 1 : xsize;
            double ys = Double.isNaN(ysize) ? xs : ysize;
            double zs = ij.number("spacing") > 0 ? ij.number("spacing") : 1;
            String yunit = ij.text("yunit") != null ? ij.text("yunit") : unit;
            String zunit = ij.text("zunit") != null ? ij.text("zunit") : unit;
            x = length(Axis.X, d[0], xs, unit, origin(ij, "xorigin"));
            y = length(Axis.Y, d[1], ys, yunit, origin(ij, "yorigin"));
            z = length(Axis.Z, d[2], zs, zunit, origin(ij, "zorigin"));
            double finterval = ij.number("finterval");
            if (finterval > 0) {
                String tunit = ij.text("tunit");
                t = time(Axis.T, d[4], finterval, tunit == null ? "sec" : tunit);
            }
        } else if (resolutionUnit == 3 && !Double.isNaN(xsize)) {
            double mm = 10 * xsize;
            String unit = mm < 0.1 ? "um" : "mm";
            double factor = mm < 0.1 ? 10_000 : 10;
            x = AxisCalibration.of(Axis.X, d[0], factor * xsize, 0, unit);
            y = AxisCalibration.of(Axis.Y, d[1], factor * ysize, 0, unit);
        }
        return List.of(x, y, z, c, t);
    }

    /** The pixel size a resolution field gives (1 / resolution, see {@link Field#inverseAt}), or NaN. */
    private static double inverse(Ifd ifd, int tag) {
        Field field = ifd.field(tag);
        return field == null || field.count() < 1 ? Double.NaN : field.inverseAt(0);
    }

    /** ImageJ's origin of an axis is in pixels; QBI's is the position of the first pixel: -origin x spacing. */
    private static double origin(ImageJInfo ij, String key) {
        double pixels = ij.number(key);
        return Double.isFinite(pixels) ? -pixels : 0;
    }

    /**
     * A length axis of {@code spacing} in {@code rawUnit} (converted, e.g. inch to mm); uncalibrated when the unit is
     * none or "pixel" or the spacing invalid. {@code originPixels} is the origin in pixels (multiplied by the spacing).
     */
    private static AxisCalibration length(Axis axis, long size, double spacing, String rawUnit, double originPixels) {
        Units.Unit unit = Units.length(rawUnit);
        if (!(spacing > 0) || !Double.isFinite(spacing) || AxisCalibration.PIXEL_UNIT.equals(unit.name())) {
            return AxisCalibration.uncalibrated(axis, size);
        }
        double s = spacing * unit.factor();
        return AxisCalibration.of(axis, size, s, originPixels * s + 0.0, unit.name());
    }

    private static AxisCalibration time(Axis axis, long size, double spacing, String rawUnit) {
        Units.Unit unit = Units.time(rawUnit);
        if (!(spacing > 0) || !Double.isFinite(spacing) || AxisCalibration.PIXEL_UNIT.equals(unit.name())) {
            return AxisCalibration.uncalibrated(axis, size);
        }
        return AxisCalibration.of(axis, size, spacing * unit.factor(), 0, unit.name());
    }
}
