package org.qbi.lab.neutron.ops;

/** scipy.ndimage's 'reflect' border (d c b a | a b c d | d c b a) as an index table. */
final class Reflect {

    private Reflect() {
    }

    /** For padded positions 0 .. n + 2r - 1 (position p is pixel p - r), the source pixel. */
    static int[] indices(int n, int r) {
        int[] map = new int[n + 2 * r];
        int period = 2 * n;
        for (int p = 0; p < map.length; p++) {
            int i = Math.floorMod(p - r, period);
            map[p] = i < n ? i : period - 1 - i;
        }
        return map;
    }
}
