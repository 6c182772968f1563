package org.qbi.io.dicom.internal.jpeg12;

/**
 * Brings a subsampled component to full size as IJG 6b's jdsample.c does by default (do_fancy_upsampling): the
 * triangle filter for 2:1 horizontal (h2v1) and 2:1 both ways (h2v2) when the component is wider than 2 samples,
 * replication for other integer factors; the rows above the first and below the last repeat the edge rows, as
 * jdmainct.c's context pointers do.
 */
final class Upsampler {

    private Upsampler() {
    }

    /**
     * @param plane decoded component samples, {@code stride} per row (padded to whole blocks)
     * @param dw    the component's width (ceil(width * h / hMax))
     * @param dh    the component's height
     * @param hx    horizontal expansion hMax / h
     * @param vx    vertical expansion vMax / v
     * @return width x height samples
     */
    static int[] upsample(int[] plane, int stride, int dw, int dh, int hx, int vx, int width,
            int height) {
        int[] out = new int[width * height];
        if (hx == 1 && vx == 1) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(plane, y * stride, out, y * width, width);
            }
            return out;
        }
        if (hx == 2 && vx == 1 && dw > 2) {
            int[] row = new int[2 * dw];
            for (int y = 0; y < height; y++) {
                h2v1(plane, y * stride, dw, row);
                System.arraycopy(row, 0, out, y * width, width);
            }
            return out;
        }
        if (hx == 2 && vx == 2 && dw > 2) {
            int[] row = new int[2 * dw];
            for (int y = 0; y < height; y++) {
                int inRow = y >> 1;
                int other = (y & 1) == 0 ? Math.max(0, inRow - 1) : Math.min(dh - 1, inRow + 1);
                h2v2(plane, inRow * stride, other * stride, dw, row);
                System.arraycopy(row, 0, out, y * width, width);
            }
            return out;
        }
        for (int y = 0; y < height; y++) {
            int in = Math.min(dh - 1, y / vx) * stride;
            for (int x = 0; x < width; x++) {
                out[y * width + x] = plane[in + Math.min(dw - 1, x / hx)];
            }
        }
        return out;
    }

    private static void h2v1(int[] p, int at, int dw, int[] o) {
        int j = 0;
        int in = p[at];
        o[j++] = in;
        o[j++] = (in * 3 + p[at + 1] + 2) >> 2;
        for (int i = 1; i < dw - 1; i++) {
            int v = p[at + i] * 3;
            o[j++] = (v + p[at + i - 1] + 1) >> 2;
            o[j++] = (v + p[at + i + 1] + 2) >> 2;
        }
        in = p[at + dw - 1];
        o[j++] = (in * 3 + p[at + dw - 2] + 1) >> 2;
        o[j] = in;
    }

    private static void h2v2(int[] p, int at0, int at1, int dw, int[] o) {
        int j = 0;
        int thisSum = p[at0] * 3 + p[at1];
        int nextSum = p[at0 + 1] * 3 + p[at1 + 1];
        o[j++] = (thisSum * 4 + 8) >> 4;
        o[j++] = (thisSum * 3 + nextSum + 7) >> 4;
        int lastSum = thisSum;
        thisSum = nextSum;
        for (int i = 2; i < dw; i++) {
            nextSum = p[at0 + i] * 3 + p[at1 + i];
            o[j++] = (thisSum * 3 + lastSum + 8) >> 4;
            o[j++] = (thisSum * 3 + nextSum + 7) >> 4;
            lastSum = thisSum;
            thisSum = nextSum;
        }
        o[j++] = (thisSum * 3 + lastSum + 8) >> 4;
        o[j] = (thisSum * 4 + 7) >> 4;
    }
}
