package org.qbi.lab.neutron.ops;

import java.io.IOException;

import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.lab.neutron.ops.internal.Planes;

/**
 * The dose of each projection: the mean physical value of a reference region (an area of the open beam the
 * sample never covers), optionally after subtracting a dark frame. Its fluctuation over the projections is the
 * source's and shutter's, which {@link Normalize} corrects; the lab's Dose view plots it.
 *
 * @since 1.0
 */
public final class DoseProfile {

    private DoseProfile() {
    }

    /**
     * The mean of {@code region} in every plane of {@code image} (z fastest, then c, t), minus the mean of the
     * same region of {@code dark} when it is not null (a 2D dark frame, or one with as many planes).
     *
     * @throws IllegalArgumentException when the region is not set or lies outside the image, or the dark frame
     *                                  does not match
     * @throws org.qbi.core.progress.CancelledException when the monitor is cancelled (checked per plane)
     */
    public static double[] of(Image image, Image dark, Region region, ProgressMonitor monitor) throws IOException {
        if (!region.isSet()) {
            throw new IllegalArgumentException("The dose needs a reference region with a width and height; got " + region);
        }
        region.checkInside(image.header());
        int nx = Math.toIntExact(image.header().size(Axis.X));
        int planes = Planes.count(image.header());
        double darkMean = 0;
        if (dark != null) {
            Normalize.checkFrame(image.header(), dark.header(), "dark");
        }
        monitor.begin("Dose of " + planes + " projections", planes);
        double[] dose = new double[planes];
        for (int i = 0; i < planes; i++) {
            monitor.checkCanceled("dose profile");
            if (dark != null && (i == 0 || Planes.count(dark.header()) > 1)) {
                darkMean = region.mean(Planes.read(dark, Planes.count(dark.header()) > 1 ? i : 0), nx);
            }
            dose[i] = region.mean(Planes.read(image, i), nx) - darkMean;
            monitor.worked(1);
        }
        monitor.done();
        return dose;
    }
}
