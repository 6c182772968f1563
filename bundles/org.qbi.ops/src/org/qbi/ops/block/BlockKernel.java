package org.qbi.ops.block;

/**
 * The per-block computation of a neighbourhood operator, prepared once per run (kernel weights, structuring
 * element) and then called for every block, from several threads at once: it must not keep per-block state in
 * fields.
 *
 * @since 0.1
 */
public interface BlockKernel {

    /** How far (x, y, z) around each output pixel the computation looks. */
    int[] halo();

    /**
     * Computes {@code out} (no halo) from {@code in}, which covers the same region grown by {@link #halo()}. For
     * every output pixel the result must depend only on the input values, never on where the block lies, so the
     * output is the same whatever the blocks.
     */
    void compute(FloatBlock in, FloatBlock out);
}
