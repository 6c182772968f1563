package org.qbi.io.metaimage.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Orientation;
import org.qbi.core.image.io.FormatException;

/** What the MetaImage and NRRD readers share: calibration from spacings and directions, data files, inflating. */
final class Volumes {

    private Volumes() {
    }

    /**
     * Calibrations of x, y and z: spacing (NaN, zero or missing: 1), origin (missing: 0) and unit ("pixel"
     * when {@code unit} is null).
     */
    static List<AxisCalibration> spatial(long[] sizes, double[] spacing, double[] origin, String unit) {
        List<AxisCalibration> axes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Axis axis = Axis.values()[i];
            long size = i < sizes.length ? sizes[i] : 1;
            double s = i < spacing.length ? Math.abs(spacing[i]) : Double.NaN;
            double o = i < origin.length && Double.isFinite(origin[i]) ? origin[i] + 0.0 : 0;
            axes.add(s > 0 && Double.isFinite(s) ? AxisCalibration.of(axis, size, s, o, unit)
                    : AxisCalibration.of(axis, size, 1, o, unit));
        }
        return axes;
    }

    /**
     * The orientation whose rows are the given directions (normalised; up to 3 rows of up to 3 components). A
     * missing third row is the normal of the first two (a 2-D image's z), a missing second row completes the
     * identity. Empty when a row is zero or not finite.
     */
    static Optional<Orientation> orientation(double[][] rows) {
        double[][] unit = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        for (int i = 0; i < Math.min(3, rows.length); i++) {
            double norm = 0;
            for (int j = 0; j < Math.min(3, rows[i].length); j++) {
                norm += rows[i][j] * rows[i][j];
            }
            norm = Math.sqrt(norm);
            if (!(norm > 0) || !Double.isFinite(norm)) {
                return Optional.empty();
            }
            for (int j = 0; j < 3; j++) {
                unit[i][j] = j < rows[i].length ? rows[i][j] / norm + 0.0 : 0;
            }
        }
        if (rows.length == 2) {
            double[] a = unit[0];
            double[] b = unit[1];
            unit[2] = new double[] { a[1] * b[2] - a[2] * b[1] + 0.0, a[2] * b[0] - a[0] * b[2] + 0.0,
                    a[0] * b[1] - a[1] * b[0] + 0.0 };
        }
        try {
            return Optional.of(Orientation.of(unit[0][0], unit[0][1], unit[0][2], unit[1][0], unit[1][1], unit[1][2],
                    unit[2][0], unit[2][1], unit[2][2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Product of the sizes times bytes per pixel; a FormatException when it exceeds 2^63. */
    static long byteCount(Path file, long[] sizes, int bytesPerPixel) throws FormatException {
        try {
            long count = bytesPerPixel;
            for (long size : sizes) {
                count = Math.multiplyExact(count, size);
            }
            return count;
        } catch (ArithmeticException e) {
            throw new FormatException(file, "has sizes " + java.util.Arrays.toString(sizes)
                    + " whose byte count exceeds 2^63: the header is wrong");
        }
    }

    /**
     * The data files of a header: one file, or a list, or a printf pattern ("slice%03d.raw 1 40 1"), resolved
     * against the header's folder.
     */
    static Path resolve(Path header, String name) {
        Path parent = header.toAbsolutePath().getParent();
        return parent.resolve(name.strip());
    }

    /**
     * The files a printf-style pattern names: {@code pattern min max step}, as MetaImage's ElementDataFile and
     * NRRD's "data file" allow.
     */
    static List<Path> pattern(Path header, String field, String[] tokens) throws FormatException {
        try {
            long min = Long.parseLong(tokens[1]);
            long max = Long.parseLong(tokens[2]);
            long step = Long.parseLong(tokens[3]);
            if (step == 0 || (max - min) / step < 0 || (max - min) / step > 100_000) {
                throw new FormatException(header, field + " names files " + min + ".." + max + " in steps of " + step
                        + ": not a usable range");
            }
            List<Path> files = new ArrayList<>();
            for (long i = min; step > 0 ? i <= max : i >= max; i += step) {
                files.add(resolve(header, String.format(java.util.Locale.ROOT, tokens[0], i)));
            }
            return files;
        } catch (NumberFormatException | java.util.IllegalFormatException e) {
            throw new FormatException(header, field + " '" + String.join(" ", tokens)
                    + "' is neither a file name nor 'pattern min max step'");
        }
    }

    /**
     * The decoded bytes of a zlib or gzip stream (told apart by gzip's magic) stored in {@code file} from
     * {@code offset}, reading at most {@code length} compressed bytes when {@code length >= 0}.
     */
    static InputStream inflating(Path file, long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        InputStream raw = Channels.newInputStream(channel.position(offset));
        if (length >= 0) {
            raw = new BoundedInputStream(raw, length);
        }
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(in, 1 << 16) : new InflaterInputStream(in,
                new java.util.zip.Inflater(), 1 << 16) {
            @Override
            public void close() throws IOException {
                super.close();
                inf.end();
            }
        };
    }

    /** At most {@code limit} bytes of a stream. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long remaining;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
