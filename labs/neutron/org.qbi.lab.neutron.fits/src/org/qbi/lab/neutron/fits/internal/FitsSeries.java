package org.qbi.lab.neutron.fits.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.io.ByteStore;
import org.qbi.core.image.io.FormatException;

/**
 * A folder of 2D FITS files as one stack, z = the files in name order (numbers compared by value, so proj_2 comes
 * before proj_10): how many neutron instruments write a tomography, one projection per file. Every file must
 * have the first file's size, BITPIX and BZERO/BSCALE; headers may differ in length (each file's data offset is
 * its own). The metadata is the first file's, with {@code fits:files} (how many) and {@code fits:first}/{@code
 * fits:last} (their names).
 */
final class FitsSeries {

    private static final List<String> EXTENSIONS = List.of(".fits", ".fit", ".fts");

    private FitsSeries() {
    }

    /** The FITS files of {@code folder} in natural name order (by extension and the SIMPLE card of the first). */
    static List<Path> files(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(Files::isRegularFile).filter(FitsSeries::hasFitsExtension)
                    .sorted(Comparator.comparing(p -> naturalKey(p.getFileName().toString()))).toList();
        }
        if (!files.isEmpty()) {
            try (InputStream in = Files.newInputStream(files.getFirst())) {
                if (!new String(in.readNBytes(10), java.nio.charset.StandardCharsets.US_ASCII).equals("SIMPLE  = ")) {
                    return List.of();
                }
            }
        }
        return files;
    }

    private static boolean hasFitsExtension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** The name with each run of digits zero-padded to 20, so that numbers sort by value. */
    static String naturalKey(String name) {
        StringBuilder key = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+|\\D+").matcher(name);
        while (m.find()) {
            String part = m.group();
            key.append(Character.isDigit(part.charAt(0)) ? "0".repeat(Math.max(0, 20 - part.length())) + part : part);
        }
        return key.toString();
    }

    /** The header of the stack and the store over every file's data. */
    static FitsImageHeader.Stack open(Path folder) throws IOException {
        List<Path> files = files(folder);
        if (files.isEmpty()) {
            throw new FormatException(folder, "holds no FITS files (.fits, .fit, .fts)");
        }
        FitsImageHeader first = FitsImageHeader.read(files.getFirst());
        ImageHeader h = first.header;
        long[] d = h.dimensions();
        if (d[2] * d[3] * d[4] != 1) {
            throw new FormatException(folder, "is read as a series of 2D FITS files, but " + files.getFirst().getFileName()
                    + " holds " + (d[2] * d[3] * d[4]) + " planes: open the file itself");
        }
        long bytes = h.byteCount();
        List<ByteStore> parts = new ArrayList<>();
        for (Path file : files) {
            FitsImageHeader each = file.equals(files.getFirst()) ? first : FitsImageHeader.read(file);
            ImageHeader e = each.header;
            if (e.pixelType() != h.pixelType() || e.size(Axis.X) != d[0] || e.size(Axis.Y) != d[1]
                    || e.size(Axis.Z) * e.size(Axis.T) != 1 || !e.rescale().equals(h.rescale())) {
                throw new FormatException(folder, "holds FITS files that differ: " + file.getFileName() + " is "
                        + e.describe() + " " + e.rescale() + ", " + files.getFirst().getFileName() + " is "
                        + h.describe() + " " + h.rescale() + "; a series needs one size, BITPIX and BZERO/BSCALE");
            }
            parts.add(ByteStore.file(file, file, each.dataOffset, bytes));
        }
        List<AxisCalibration> axes = new ArrayList<>(h.axes());
        axes.set(Axis.Z.ordinal(), AxisCalibration.uncalibrated(Axis.Z, files.size()));
        ImageHeader stack = h.withAxes(axes).withMetadata(h.metadata().toBuilder()
                .put("fits:files", "Files of the series", FitsImageHeader.GROUP, files.size())
                .put("fits:first", "First file", FitsImageHeader.GROUP, files.getFirst().getFileName().toString())
                .put("fits:last", "Last file", FitsImageHeader.GROUP, files.getLast().getFileName().toString()).build());
        return new FitsImageHeader.Stack(stack, new Parts(parts, bytes));
    }

    /** The data of several files, one after the other. */
    private record Parts(List<ByteStore> parts, long bytesPerPart) implements ByteStore {

        @Override
        public long size() {
            return bytesPerPart * parts.size();
        }

        @Override
        public void read(long position, MemorySegment target) throws IOException {
            long done = 0;
            while (done < target.byteSize()) {
                long at = position + done;
                int part = (int) (at / bytesPerPart);
                long within = at % bytesPerPart;
                long n = Math.min(target.byteSize() - done, bytesPerPart - within);
                parts.get(part).read(within, target.asSlice(done, n));
                done += n;
            }
        }

        @Override
        public void close() throws IOException {
            for (ByteStore part : parts) {
                part.close();
            }
        }
    }
}
