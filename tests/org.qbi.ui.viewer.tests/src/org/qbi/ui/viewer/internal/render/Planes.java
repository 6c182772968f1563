package org.qbi.ui.viewer.internal.render;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;

/** Planes built from values, for the unit tests. */
final class Planes {

    private Planes() {
    }

    /** A plane of {@code type} holding {@code samples} (interleaved for multi-sample types). */
    static MemorySegment of(PixelType type, double... samples) {
        MemorySegment plane = Arena.ofAuto().allocate((long) samples.length * type.bytesPerSample(), 8);
        for (int i = 0; i < samples.length; i++) {
            PixelValues.set(type, plane, i, samples[i]);
        }
        return plane;
    }

    static PlaneValues values(PixelType type, double... samples) {
        return new PlaneValues(type, of(type, samples), samples.length / type.samplesPerPixel());
    }

    /** 0, 1, ..., n - 1. */
    static double[] sequence(int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        return values;
    }
}
