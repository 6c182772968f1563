package org.qbi.io.dicom.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.Orientation;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.core.image.io.FormatException;

/**
 * A folder of DICOM files as series: files grouped by SeriesInstanceUID ({@link #entries} lists them, largest
 * first; the default is the largest), each series a volume. Slices are sorted by ImagePositionPatient projected on
 * the slice normal (the cross product of ImageOrientationPatient's row and column cosines); z spacing comes from
 * those positions, and irregular gaps, slices out of plane or a gantry tilt are reported (metadata and a warning)
 * rather than hidden. Several files at each position (echoes, time points) go on t. Slices whose rescale differs
 * (PET) are rescaled into float32. A series that mixes image sizes, pixel formats or orientations is refused,
 * naming the files.
 */
final class DicomSeries {

    private DicomSeries() {
    }

    /** One file of a series. */
    private record Slice(Path path, DicomFile file, PixelModule px) {
        String name() {
            return path.getFileName().toString();
        }
    }

    /** Files of a folder that are DICOM images, grouped by series; files that are not are counted. */
    private record Scan(Map<String, List<Slice>> series, List<String> skipped) {
    }

    /** True when {@code dir} holds a DICOM file among its first entries. */
    static boolean containsDicom(Path dir) {
        int looked = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (looked++ > 64) {
                    return false;
                }
                if (Files.isRegularFile(file) && looksLikeDicom(file)) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** "DICM" at byte 128, or a dataset that starts like one. */
    static boolean looksLikeDicom(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(132);
            if (head.length == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') {
                return true;
            }
            return DicomParser.plausibleDataset(head) && file.getFileName().toString().toLowerCase(Locale.ROOT)
                    .matches(".*\\.(dcm|dicom|ima)$|[^.]*");
        } catch (IOException e) {
            return false;
        }
    }

    private static Scan scan(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path file : stream) {
                if (Files.isRegularFile(file) && !file.getFileName().toString().startsWith(".")) {
                    files.add(file);
                }
            }
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        Map<String, List<Slice>> series = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Path file : files) {
            if (file.getFileName().toString().equalsIgnoreCase("DICOMDIR") || !looksLikeDicom(file)) {
                skipped.add(file.getFileName() + " (not DICOM)");
                continue;
            }
            try {
                DicomFile parsed = DicomParser.parse(file);
                if (parsed.pixel() == null) {
                    skipped.add(file.getFileName() + " (no pixel data)");
                    continue;
                }
                PixelModule px = PixelModule.of(parsed);
                String uid = parsed.dataset().string(Tags.SERIES_INSTANCE_UID);
                series.computeIfAbsent(uid == null ? "(no SeriesInstanceUID)" : uid, k -> new ArrayList<>())
                        .add(new Slice(file, parsed, px));
            } catch (FormatException e) {
                skipped.add(file.getFileName() + " (" + e.getMessage().substring(file.toString().length() + 2) + ")");
            }
        }
        return new Scan(series, skipped);
    }

    /** The series of a folder, largest first. */
    static List<String> entries(Path dir) throws IOException {
        Scan scan = scan(dir);
        return order(scan.series());
    }

    private static List<String> order(Map<String, List<Slice>> series) {
        List<String> uids = new ArrayList<>(series.keySet());
        uids.sort(Comparator.comparingInt((String uid) -> -series.get(uid).size()));
        return uids;
    }

    static ChunkSource open(Path dir, String entry) throws IOException {
        Scan scan = scan(dir);
        if (scan.series().isEmpty()) {
            throw new FormatException(dir, "the folder holds no DICOM image files"
                    + (scan.skipped().isEmpty() ? " (it is empty)" : ": " + names(scan.skipped(), 5)));
        }
        List<String> uids = order(scan.series());
        String uid = entry == null || entry.isBlank() ? uids.getFirst() : entry.strip();
        List<Slice> slices = scan.series().get(uid);
        if (slices == null) {
            for (String candidate : uids) {
                String number = scan.series().get(candidate).getFirst().file().dataset().string(Tags.SERIES_NUMBER);
                if (uid.equals(number)) {
                    slices = scan.series().get(candidate);
                    uid = candidate;
                    break;
                }
            }
        }
        if (slices == null) {
            throw new FormatException(dir, "the folder has no series '" + entry + "'; its series are "
                    + String.join(", ", uids));
        }
        if (slices.size() == 1) {
            return DicomFileSource.open(slices.getFirst().file());
        }
        return build(dir, uid, slices, uids.size(), scan.skipped());
    }

    private static String names(List<String> names, int max) {
        if (names.size() <= max) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, max)) + " and " + (names.size() - max) + " more";
    }

    private static ChunkSource build(Path dir, String uid, List<Slice> slices, int seriesCount, List<String> skipped)
            throws IOException {
        List<String> warnings = new ArrayList<>();
        Metadata.Builder qbi = Metadata.builder();
        // Same size and pixel format, single-frame.
        Map<String, List<String>> formats = new LinkedHashMap<>();
        for (Slice s : slices) {
            PixelModule px = s.px();
            String format = px.columns() + " x " + px.rows() + " " + px.pixelType().label()
                    + (px.frames() > 1 ? " with " + px.frames() + " frames" : "");
            formats.computeIfAbsent(format, k -> new ArrayList<>()).add(s.name());
        }
        if (formats.size() > 1) {
            StringBuilder text = new StringBuilder();
            formats.forEach((format, names) -> text.append(text.isEmpty() ? "" : "; ").append(format).append(": ")
                    .append(names(names, 5)));
            throw new FormatException(dir, "series " + uid + " mixes image sizes or pixel formats, so it is not one "
                    + "volume: " + text);
        }
        if (slices.getFirst().px().frames() > 1) {
            throw new FormatException(dir, "series " + uid + " has " + slices.size()
                    + " multi-frame files; open them one by one: " + names(slices.stream().map(Slice::name).toList(), 5));
        }
        // Orientation.
        double[][] rc = null;
        boolean positioned = true;
        List<String> differentOrientation = new ArrayList<>();
        for (Slice s : slices) {
            DicomDataset ds = s.file().dataset();
            double[][] own = Geometry.rowAndColumn(ds.numbers(Tags.IMAGE_ORIENTATION_PATIENT));
            double[] ipp = ds.numbers(Tags.IMAGE_POSITION_PATIENT);
            if (own == null || ipp == null || ipp.length < 3 || !Geometry.finite(ipp, 3)) {
                positioned = false;
                continue;
            }
            if (rc == null) {
                rc = own;
            } else if (Geometry.dot(rc[0], own[0]) < 0.9999 || Geometry.dot(rc[1], own[1]) < 0.9999) {
                differentOrientation.add(s.name());
            }
        }
        if (!differentOrientation.isEmpty()) {
            throw new FormatException(dir, "series " + uid + " mixes slice orientations (a localizer?): "
                    + names(differentOrientation, 5) + " differ from " + slices.getFirst().name());
        }
        List<Slice> sorted = new ArrayList<>(slices);
        int zCount;
        int tCount = 1;
        double[] normal = null;
        SliceStack stack = null;
        if (positioned && rc != null) {
            double[] n = Geometry.normalize(Geometry.cross(rc[0], rc[1]));
            normal = n;
            sorted.sort(Comparator.comparingDouble((Slice s) -> projection(s, n)).thenComparingInt(DicomSeries::temporal)
                    .thenComparingInt(s -> s.file().dataset().integer(Tags.INSTANCE_NUMBER, 0)));
            // Group files at the same position.
            List<List<Slice>> positions = new ArrayList<>();
            for (Slice s : sorted) {
                if (positions.isEmpty() || Math.abs(projection(positions.getLast().getFirst(), n) - projection(s, n)) > 1e-3) {
                    positions.add(new ArrayList<>());
                }
                positions.getLast().add(s);
            }
            int perPosition = positions.getFirst().size();
            for (List<Slice> group : positions) {
                if (group.size() != perPosition) {
                    throw new FormatException(dir, "series " + uid + " has " + group.size() + " files at position "
                            + String.format(Locale.ROOT, "%.4g", projection(group.getFirst(), n)) + " mm ("
                            + names(group.stream().map(Slice::name).toList(), 5) + ") but " + perPosition
                            + " at the first position: not one volume");
                }
            }
            zCount = positions.size();
            tCount = perPosition;
            sorted.clear();
            // z slowest after t? No: QBI's order is x, y, z, c, t: for each t, all z.
            for (int t = 0; t < tCount; t++) {
                for (List<Slice> group : positions) {
                    sorted.add(group.get(t));
                }
            }
            List<double[]> points = new ArrayList<>();
            for (List<Slice> group : positions) {
                points.add(group.getFirst().file().dataset().numbers(Tags.IMAGE_POSITION_PATIENT));
            }
            stack = SliceStack.of(points, n);
            warnings.addAll(stack.report(qbi, "the slices"));
            if (tCount > 1) {
                warnings.add(tCount + " files at each position: they go on t (ordered by TemporalPositionIdentifier, "
                        + "then InstanceNumber)");
            }
        } else {
            sorted.sort(Comparator.comparingInt(s -> s.file().dataset().integer(Tags.INSTANCE_NUMBER, 0)));
            zCount = sorted.size();
            warnings.add("the slices have no ImagePositionPatient/ImageOrientationPatient: sorted by InstanceNumber, "
                    + "z is uncalibrated");
        }
        // Rescale: one for all, or applied per slice into float32.
        Slice first = sorted.getFirst();
        DicomDataset ds0 = first.file().dataset();
        Rescale rescale = FileImage.rescale(ds0, 1, warnings, qbi);
        boolean perSliceRescale = false;
        for (Slice s : sorted) {
            Rescale own = FileImage.rescale(s.file().dataset(), 1, new ArrayList<>(), Metadata.builder());
            if (own.slope() != rescale.slope() || own.intercept() != rescale.intercept()) {
                perSliceRescale = true;
                break;
            }
        }
        PixelModule px = first.px();
        PixelType type = px.pixelType();
        if (perSliceRescale) {
            if (px.channels() != 1 || type == PixelType.RGB8) {
                throw new FormatException(dir, "series " + uid + " has colour slices with different rescales");
            }
            type = PixelType.FLOAT32;
            warnings.add("the slices have different RescaleSlope/Intercept: each slice is rescaled, values are float32 "
                    + "physical values");
            qbi.put("qbi:rescaleApplied", "Rescale applied per slice", DicomMetadata.QBI_GROUP, true);
            rescale = new Rescale(1, 0, rescale.unit());
        }
        // Pixel spacing.
        double[] spacing = ds0.numbers(Tags.PIXEL_SPACING);
        boolean calibrated = spacing != null && spacing.length >= 2 && spacing[0] > 0 && spacing[1] > 0
                && Double.isFinite(spacing[0]) && Double.isFinite(spacing[1]);
        for (Slice s : sorted) {
            double[] own = s.file().dataset().numbers(Tags.PIXEL_SPACING);
            if (calibrated && (own == null || own.length < 2 || Math.abs(own[0] - spacing[0]) > 1e-6
                    || Math.abs(own[1] - spacing[1]) > 1e-6)) {
                warnings.add("PixelSpacing differs between slices (" + s.name() + "); the first slice's is used");
                break;
            }
        }
        double[] origin = positioned ? ds0.numbers(Tags.IMAGE_POSITION_PATIENT) : null;
        String unit = calibrated ? "mm" : AxisCalibration.PIXEL_UNIT;
        boolean zCalibrated = stack != null && stack.spacing() > 0;
        List<AxisCalibration> axes = List.of(
                new AxisCalibration(Axis.X, px.columns(), calibrated ? spacing[1] : 1,
                        calibrated && origin != null ? origin[0] : 0, unit, List.of()),
                new AxisCalibration(Axis.Y, px.rows(), calibrated ? spacing[0] : 1,
                        calibrated && origin != null ? origin[1] : 0, unit, List.of()),
                new AxisCalibration(Axis.Z, zCount, zCalibrated ? stack.spacing() : 1,
                        zCalibrated && origin != null ? origin[2] : 0, zCalibrated ? "mm" : null, List.of()),
                AxisCalibration.uncalibrated(Axis.C, px.channels()),
                AxisCalibration.uncalibrated(Axis.T, tCount));
        Optional<Orientation> orientation = Optional.empty();
        if (rc != null && normal != null) {
            orientation = Optional.of(Orientation.of(rc[0][0], rc[0][1], rc[0][2], rc[1][0], rc[1][1], rc[1][2],
                    normal[0], normal[1], normal[2]));
        }
        Metadata.Builder all = Metadata.builder();
        all.put("qbi:seriesInstanceUid", "Series instance UID", DicomMetadata.QBI_GROUP, uid);
        all.put("qbi:sliceCount", "Files in the series", DicomMetadata.QBI_GROUP, (long) sorted.size());
        all.put("qbi:sliceFiles", "Files in volume order", DicomMetadata.QBI_GROUP,
                sorted.stream().map(Slice::name).toList());
        if (seriesCount > 1) {
            all.put("qbi:seriesInFolder", "Series in the folder", DicomMetadata.QBI_GROUP, (long) seriesCount);
            warnings.add("the folder holds " + seriesCount + " series; this is " + uid);
        }
        if (!skipped.isEmpty()) {
            all.put("qbi:skippedFiles", "Files skipped", DicomMetadata.QBI_GROUP, List.copyOf(skipped));
        }
        all.put("qbi:transferSyntax", "Transfer syntax (first slice)", DicomMetadata.QBI_GROUP,
                first.file().syntax().describe());
        all.putAll(qbi.build());
        if (!warnings.isEmpty()) {
            all.put("qbi:warnings", "Warnings", DicomMetadata.QBI_GROUP, List.copyOf(warnings));
        }
        DicomMetadata.add(all, first.file());
        ImageHeader header = new ImageHeader("DICOM series", type, axes, orientation, rescale, all.build());
        return new SeriesSource(header, sorted, perSliceRescale);
    }

    private static double projection(Slice s, double[] normal) {
        return Geometry.dot(s.file().dataset().numbers(Tags.IMAGE_POSITION_PATIENT), normal);
    }

    private static int temporal(Slice s) {
        DicomDataset ds = s.file().dataset();
        return ds.integer(Tags.TEMPORAL_POSITION_IDENTIFIER, ds.integer(Tags.ACQUISITION_NUMBER, 0));
    }

    /** Reads slice files on demand: each chunk opens its file, decodes its one frame and closes it. */
    private static final class SeriesSource implements ChunkSource {
        private final ImageHeader header;
        private final List<Slice> slices;
        private final boolean rescaleEach;
        private final ChunkGrid grid;

        SeriesSource(ImageHeader header, List<Slice> slices, boolean rescaleEach) {
            this.header = header;
            this.slices = List.copyOf(slices);
            this.rescaleEach = rescaleEach;
            long[] dims = header.dimensions();
            this.grid = new ChunkGrid(dims, new long[] { dims[0], dims[1], 1, dims[3], 1 });
        }

        @Override
        public ImageHeader header() {
            return header;
        }

        @Override
        public ChunkGrid grid() {
            return grid;
        }

        @Override
        public void readChunk(long[] index, MemorySegment target) throws IOException {
            grid.size(index);
            long zCount = header.size(Axis.Z);
            Slice slice = slices.get((int) (index[4] * zCount + index[2]));
            byte[] bytes;
            try (ByteSource source = slice.file().openSource()) {
                bytes = new FrameDecoder(slice.file(), slice.px(), source).decode(0, source);
            } catch (java.io.EOFException e) {
                throw new FormatException(slice.path(), "the pixel data is truncated: " + e.getMessage(), e);
            }
            if (rescaleEach) {
                bytes = rescaled(slice, bytes);
            }
            MemorySegment.copy(bytes, 0, target, ValueLayout.JAVA_BYTE, 0, bytes.length);
        }

        private static byte[] rescaled(Slice slice, byte[] stored) {
            Rescale r = FileImage.rescale(slice.file().dataset(), 1, new ArrayList<>(), Metadata.builder());
            PixelType type = slice.px().pixelType();
            ByteBuffer in = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
            int count = stored.length / type.bytesPerSample();
            ByteBuffer out = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                double v = switch (type) {
                    case UINT8 -> in.get() & 0xFF;
                    case INT8 -> in.get();
                    case UINT16 -> in.getShort() & 0xFFFF;
                    case INT16 -> in.getShort();
                    case UINT32 -> Integer.toUnsignedLong(in.getInt());
                    case INT32 -> in.getInt();
                    case FLOAT32 -> in.getFloat();
                    case FLOAT64 -> in.getDouble();
                    default -> 0;
                };
                out.putFloat((float) r.apply(v));
            }
            return out.array();
        }
    }
}
