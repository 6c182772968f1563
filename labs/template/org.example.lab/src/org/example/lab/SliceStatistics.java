package org.example.lab;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelValues;
import org.qbi.core.progress.ProgressMonitor;

/**
 * Mean and standard deviation of every z slice of one channel and time point, in physical values (rescale
 * applied): the curve that shows drift, bleaching or dose changes through a stack. What the example lab's
 * viewer draws; kept free of SWT so it is tested (and usable) headless.
 *
 * @param mean per slice
 * @param sd   per slice (population standard deviation, numpy's default)
 */
public record SliceStatistics(double[] mean, double[] sd) {

    /** Reads the stack plane by plane (one plane in memory at a time), checking for cancel between planes. */
    public static SliceStatistics of(Image image, long channel, long timePoint, ProgressMonitor monitor)
            throws IOException {
        ImageHeader header = image.header();
        int slices = Math.toIntExact(header.size(Axis.Z));
        double[] mean = new double[slices];
        double[] sd = new double[slices];
        monitor.begin("Slice statistics", slices);
        for (int z = 0; z < slices; z++) {
            monitor.checkCanceled("Slice statistics");
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment plane = image.readPlane(z, channel, timePoint, arena);
                long n = header.size(Axis.X) * header.size(Axis.Y);
                // Two passes over the plane in memory: exact enough where sum-of-squares would cancel.
                double sum = 0;
                for (long i = 0; i < n; i++) {
                    sum += value(header, plane, i);
                }
                mean[z] = sum / n;
                double squares = 0;
                for (long i = 0; i < n; i++) {
                    double d = value(header, plane, i) - mean[z];
                    squares += d * d;
                }
                sd[z] = Math.sqrt(squares / n);
            }
            monitor.worked(1);
        }
        monitor.done();
        return new SliceStatistics(mean, sd);
    }

    private static double value(ImageHeader header, MemorySegment plane, long i) {
        return header.rescale().apply(PixelValues.get(header.pixelType(), plane, i));
    }
}
