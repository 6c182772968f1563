package org.qbi.ops.filters.internal;

import org.qbi.ops.block.FloatBlock;

/** Element-wise combinations of blocks of the same size (no halo). */
public final class BlockMath {

    private BlockMath() {
    }

    /** A block of zeros the size of {@code like}. */
    public static FloatBlock zerosLike(FloatBlock like) {
        return FloatBlock.zeros(like.nx(), like.ny(), like.nz());
    }

    /** {@code acc += a * a} in place. */
    public static void addSquare(FloatBlock acc, FloatBlock a) {
        float[] s = acc.data();
        float[] v = a.data();
        for (int i = 0; i < s.length; i++) {
            s[i] += v[i] * v[i];
        }
    }

    /** {@code acc = sqrt(acc)} in place. */
    public static void sqrt(FloatBlock acc) {
        float[] s = acc.data();
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) Math.sqrt(s[i]);
        }
    }

    /** {@code acc += a} in place. */
    public static void add(FloatBlock acc, FloatBlock a) {
        float[] s = acc.data();
        float[] v = a.data();
        for (int i = 0; i < s.length; i++) {
            s[i] += v[i];
        }
    }
}
