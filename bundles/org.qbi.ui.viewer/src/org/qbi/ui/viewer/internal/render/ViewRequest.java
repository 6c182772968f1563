package org.qbi.ui.viewer.internal.render;

/**
 * What the Image editor's canvas is asked to show: a plane of the volume, a projection along the plane's
 * normal, or a montage of x-y slices, at a channel and time point.
 *
 * @param mode      plane, projection or montage
 * @param plane     the plane shown (projections lie in it and run along its normal; montages are axial)
 * @param index     the plane's position along its normal (ignored by projections and montages)
 * @param c         channel (ignored by composites, which show every visible channel)
 * @param t         time point
 * @param kind      what a projection keeps (ignored otherwise)
 * @param composite all channels together, each in its colour (images with more than one scalar channel)
 */
public record ViewRequest(Mode mode, SlicePlane plane, long index, long c, long t, Projection.Kind kind,
        boolean composite) {

    /** What the canvas shows. */
    public enum Mode {
        PLANE, PROJECTION, MONTAGE
    }

    /** Plane {@code z} of the axial planes at channel c, time t. */
    public static ViewRequest axial(long z, long c, long t) {
        return new ViewRequest(Mode.PLANE, SlicePlane.AXIAL, z, c, t, Projection.Kind.MAX, false);
    }
}
