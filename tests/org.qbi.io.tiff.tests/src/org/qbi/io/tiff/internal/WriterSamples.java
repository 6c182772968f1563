package org.qbi.io.tiff.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.image.Rescale;
import org.qbi.core.progress.ProgressMonitor;

/**
 * Images with values from a formula that data/writer-interop/check_with_tifffile.py computes too, so that files QBI
 * writes can be checked by tifffile. {@link #main} writes them into data/writer-interop (run once; the README there
 * records tifffile's verdict).
 */
final class WriterSamples {

    /** One sample image: its file name and how it is written. */
    record Sample(String file, ArrayImage image, boolean compressed) {
    }

    private WriterSamples() {
    }

    /**
     * Sample (x, y, z, c, t, s) of the formula: (3x + 5y + 7z + 11c + 13t + 17s) mod 251, minus 100 for signed
     * types, scaled by 0.5 for floats; uint16 adds 1000 x c.
     */
    static double value(PixelType type, long x, long y, long z, long c, long t, long s) {
        double v = (3 * x + 5 * y + 7 * z + 11 * c + 13 * t + 17 * s) % 251;
        return switch (type) {
            case INT8, INT16, INT32 -> v - 100;
            case FLOAT32, FLOAT64 -> 0.5 * v - 20;
            case UINT16 -> v + 1000 * c;
            case UINT32, LABEL32 -> v + 70000;
            default -> v;
        };
    }

    /** An image of the formula with the given axes. */
    static ArrayImage image(PixelType type, List<AxisCalibration> axes) {
        ImageHeader header = new ImageHeader("", type, axes, Optional.empty(), Rescale.IDENTITY, Metadata.EMPTY);
        ArrayImage image = ArrayImage.allocate(header);
        MemorySegment values = image.values();
        long[] d = header.dimensions();
        int samples = type.samplesPerPixel();
        long i = 0;
        for (long t = 0; t < d[4]; t++) {
            for (long c = 0; c < d[3]; c++) {
                for (long z = 0; z < d[2]; z++) {
                    for (long y = 0; y < d[1]; y++) {
                        for (long x = 0; x < d[0]; x++) {
                            for (int s = 0; s < samples; s++) {
                                PixelValues.set(type, values, i++, value(type, x, y, z, c, t, s));
                            }
                        }
                    }
                }
            }
        }
        return image;
    }

    static List<AxisCalibration> axes(long x, long y, long z, long c, long t, double xy, String unit, double dz,
            double dt, String tunit) {
        return List.of(AxisCalibration.of(Axis.X, x, xy, 0, unit), AxisCalibration.of(Axis.Y, y, xy, 0, unit),
                AxisCalibration.of(Axis.Z, z, dz, 0, unit), AxisCalibration.uncalibrated(Axis.C, c),
                dt > 0 ? AxisCalibration.of(Axis.T, t, dt, 0, tunit) : AxisCalibration.uncalibrated(Axis.T, t));
    }

    /** The files data/writer-interop holds. */
    static List<Sample> samples() {
        List<Sample> all = new ArrayList<>();
        all.add(new Sample("qbi_uint16_hyperstack.tif",
                image(PixelType.UINT16, axes(12, 10, 3, 2, 2, 0.25, "um", 2.0, 0.5, "s")), true));
        all.add(new Sample("qbi_uint8_stack.tif", image(PixelType.UINT8, axes(12, 10, 4, 1, 1, 1.5, "mm", 1.5, 0, null)),
                true));
        all.add(new Sample("qbi_int16_stack.tif", image(PixelType.INT16, axes(12, 10, 3, 1, 1, 0.065, "um", 0.2, 0, null)),
                false));
        all.add(new Sample("qbi_float32_timeseries.tif",
                image(PixelType.FLOAT32, axes(12, 10, 1, 1, 5, 0.52, "um", 1, 2.0, "min")), true));
        all.add(new Sample("qbi_rgb8_stack.tif", image(PixelType.RGB8, axes(12, 10, 3, 1, 1, 0.5, "mm", 1.25, 0, null)),
                true));
        return all;
    }

    /** Writes the samples into {@code args[0]} (data/writer-interop). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "data/writer-interop");
        Files.createDirectories(dir);
        for (Sample sample : samples()) {
            TiffWriter writer = sample.compressed() ? new TiffWriter() : TiffWriter.uncompressed();
            writer.write(sample.image(), dir.resolve(sample.file()), ProgressMonitor.NULL);
            System.out.println("wrote " + dir.resolve(sample.file()));
        }
    }
}
