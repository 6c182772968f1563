package org.qbi.ui.ops.internal;

/**
 * The grey scales of a preview's Before and After. An operator that keeps the data's scale (a filter, a background
 * subtraction) is shown with Before's scale on both sides, so a smoothing shows as less contrast rather than being
 * stretched back to full contrast; one that makes other values (a 0/1 mask of 0..4095 data, labels, distances) gets
 * its own minimum to maximum, or it would show black.
 *
 * @param beforeMin the grey of black in Before
 * @param beforeMax the grey of white in Before
 * @param afterMin  the grey of black in After
 * @param afterMax  the grey of white in After
 * @param shared    whether After uses Before's scale
 */
record PreviewScale(float beforeMin, float beforeMax, float afterMin, float afterMax, boolean shared) {

    /**
     * After shares Before's scale when its values lie within Before's range widened by a quarter of its span on each
     * side and cover at least a quarter of that span.
     */
    static PreviewScale of(float[] before, float[] after) {
        float[] b = range(before);
        float[] a = range(after);
        float span = b[1] - b[0];
        boolean shared = span > 0 && a[0] >= b[0] - span / 4 && a[1] <= b[1] + span / 4 && a[1] - a[0] >= span / 4;
        return shared ? new PreviewScale(b[0], b[1], b[0], b[1], true) : new PreviewScale(b[0], b[1], a[0], a[1], false);
    }

    /** Minimum and maximum of the finite values (0, 0 when there are none). */
    static float[] range(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return min <= max ? new float[] { min, max } : new float[] { 0, 0 };
    }
}
