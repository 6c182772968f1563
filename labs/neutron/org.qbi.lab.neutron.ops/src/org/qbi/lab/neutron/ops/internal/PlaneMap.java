package org.qbi.lab.neutron.ops.internal;

import java.io.IOException;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.ops.OperatorContext;

/** Runs a plane-to-plane computation over every plane of an image, in parallel, into a new float32 image. */
public final class PlaneMap {

    /** Computes an output plane from an input plane of physical values (may return the same array, changed). */
    @FunctionalInterface
    public interface PlaneFunction {
        float[] apply(float[] plane, int nx, int ny);
    }

    private PlaneMap() {
    }

    /** Every plane of {@code image} through {@code function}, into an image with {@code header} (float32). */
    public static ArrayImage map(Image image, ImageHeader header, PlaneFunction function, OperatorContext context,
            String task) throws IOException {
        int planes = Planes.count(image.header());
        int nx = Math.toIntExact(image.header().dimensions()[0]);
        int ny = Math.toIntExact(image.header().dimensions()[1]);
        Planes.size(image.header());
        ArrayImage result = context.allocate(header);
        context.monitor().begin(task, planes);
        context.forEach(planes, i -> Planes.write(result, i, function.apply(Planes.read(image, i), nx, ny)));
        context.monitor().done();
        return result;
    }
}
