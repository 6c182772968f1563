package org.qbi.ops.segment;

import java.util.Arrays;

/**
 * Merges the labelings of the blocks of one image into one labeling: the step that makes block-wise
 * connected-component labeling give the same result as labeling the whole image at once. Each block is labeled on
 * its own (local labels 1..n, 0 = background); objects that cross a block face are joined here with a union-find
 * over all (block, local label) pairs; {@link #relabel()} then numbers the joined objects 1, 2, ... in raster order
 * of their first voxel, which is scipy.ndimage.label's and scikit-image's numbering, whatever the blocks were.
 * <p>
 * Used in memory by {@code segment.label} (blocks are bands of planes, {@link #unionFace}) and meant for
 * distributed labeling of blocks cut along every axis ({@link #unionCut}): the layers on either side of each cut
 * and the blocks' first-voxel indices are all it needs, never the blocks' voxels.
 * <p>
 * Not thread-safe: one thread feeds it the faces, then calls {@link #relabel()}. Cost: O(labels) memory, near
 * constant time per union.
 *
 * @since 0.1
 */
public final class LabelMerge {

    /** The merged numbering. */
    public record Relabeling(int count, int[][] lookup) {

        /** The final label of local label {@code label} (0 stays 0) of block {@code block}. */
        public int label(int block, int label) {
            return lookup[block][label];
        }
    }

    private final int[] offset;
    private final long[] first;
    private final int[] parent;

    /**
     * @param firstIndex per block, per local label 1..n (index 0 unused), the raster index in the whole image (x
     *                   fastest, then y, then z) of the label's first voxel in raster order; the array's length
     *                   minus one is the block's label count
     */
    public LabelMerge(long[][] firstIndex) {
        offset = new int[firstIndex.length + 1];
        long total = 0;
        for (int b = 0; b < firstIndex.length; b++) {
            offset[b] = (int) total;
            total += Math.max(0, firstIndex[b].length - 1);
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("More than 2^31 labels in all blocks");
            }
        }
        offset[firstIndex.length] = (int) total;
        first = new long[(int) total];
        parent = new int[(int) total];
        for (int b = 0; b < firstIndex.length; b++) {
            for (int l = 1; l < firstIndex[b].length; l++) {
                first[offset[b] + l - 1] = firstIndex[b][l];
            }
        }
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
    }

    /** Number of blocks. */
    public int blocks() {
        return offset.length - 1;
    }

    private int id(int block, int label) {
        int id = offset[block] + label - 1;
        if (label < 1 || id >= offset[block + 1]) {
            throw new IllegalArgumentException("Block " + block + " has labels 1.." + (offset[block + 1] - offset[block])
                    + ", got " + label);
        }
        return id;
    }

    private int find(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Joins label {@code labelA} of block {@code blockA} and label {@code labelB} of block {@code blockB}. */
    public void union(int blockA, int labelA, int blockB, int labelB) {
        join(id(blockA, labelA), id(blockB, labelB));
    }

    private void join(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) {
            return;
        }
        // the root is the label seen first in raster order: the component's first voxel
        if (first[ra] < first[rb]) {
            parent[rb] = ra;
        } else {
            parent[ra] = rb;
        }
    }

    /**
     * Joins the labels that touch across the face between two blocks: {@code lowPlane} is the last layer of the
     * lower block (its local labels, 0 = background), {@code highPlane} the first layer of the block after it
     * along the axis normal to the face, both {@code width} x {@code height} (width fastest) in the same in-plane
     * coordinates. Voxel (u, v) of the lower layer touches (u + du, v + dv) of the upper one when
     * {@code connectivity} includes the offset (du, dv, 1). Enough when the image is cut along one axis only (bands);
     * see {@link #unionCut} for blocks cut along several axes.
     */
    public void unionFace(int lowBlock, int[] lowPlane, int highBlock, int[] highPlane, int width, int height,
            Connectivity connectivity) {
        int[] low = new int[lowPlane.length];
        int[] high = new int[highPlane.length];
        java.util.Arrays.fill(low, lowBlock);
        java.util.Arrays.fill(high, highBlock);
        unionCut(low, lowPlane, high, highPlane, width, height, connectivity);
    }

    /**
     * Joins the labels that touch across one whole cut of the image, where several blocks meet: the layer just
     * below the cut and the layer just above it, each given per voxel as its block and its local label (0 =
     * background), {@code width} x {@code height} (width fastest). Calling it for every cut along every axis joins
     * every pair of touching voxels in different blocks, including blocks that share only an edge or a corner (a
     * pair across several cuts is handled by any one of them).
     */
    public void unionCut(int[] lowBlocks, int[] lowLabels, int[] highBlocks, int[] highLabels, int width, int height,
            Connectivity connectivity) {
        long n = (long) width * height;
        if (lowLabels.length != n || highLabels.length != n || lowBlocks.length != n || highBlocks.length != n) {
            throw new IllegalArgumentException("Planes of " + width + " x " + height + " need " + n + " values each, got "
                    + lowBlocks.length + ", " + lowLabels.length + ", " + highBlocks.length + " and "
                    + highLabels.length);
        }
        int reach = connectivity.maxOffsetSum() - 1; // largest |du| + |dv| across the cut
        for (int v = 0; v < height; v++) {
            for (int u = 0; u < width; u++) {
                int a = lowLabels[u + width * v];
                if (a == 0) {
                    continue;
                }
                int idA = id(lowBlocks[u + width * v], a);
                for (int dv = -1; dv <= 1; dv++) {
                    int vv = v + dv;
                    if (vv < 0 || vv >= height) {
                        continue;
                    }
                    for (int du = -1; du <= 1; du++) {
                        int uu = u + du;
                        if (uu < 0 || uu >= width || Math.abs(du) + Math.abs(dv) > reach) {
                            continue;
                        }
                        int q = uu + width * vv;
                        int b = highLabels[q];
                        if (b != 0) {
                            join(idA, id(highBlocks[q], b));
                        }
                    }
                }
            }
        }
    }

    /**
     * The final numbering: objects (sets of joined labels) numbered 1, 2, ... in raster order of their first
     * voxel. Deterministic: depends only on the unions, never on their order.
     */
    public Relabeling relabel() {
        int n = parent.length;
        // roots carry their component's smallest first index (join keeps it so)
        int roots = 0;
        boolean sorted = true;
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            if (find(i) == i) {
                roots++;
                sorted &= first[i] > previous;
                previous = first[i];
            }
        }
        int[] order = new int[roots];
        for (int i = 0, k = 0; i < n; i++) {
            if (parent[i] == i) {
                order[k++] = i;
            }
        }
        if (!sorted) {
            order = sortByFirst(order);
        }
        int[] finalLabel = new int[n];
        for (int k = 0; k < roots; k++) {
            finalLabel[order[k]] = k + 1;
        }
        int[][] lookup = new int[blocks()][];
        for (int b = 0; b < blocks(); b++) {
            int count = offset[b + 1] - offset[b];
            lookup[b] = new int[count + 1];
            for (int l = 1; l <= count; l++) {
                lookup[b][l] = finalLabel[find(offset[b] + l - 1)];
            }
        }
        return new Relabeling(roots, lookup);
    }

    /** The ids sorted by their first index (distinct for distinct components). */
    private int[] sortByFirst(int[] ids) {
        long[] keys = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            keys[i] = first[ids[i]];
        }
        long[] sortedKeys = keys.clone();
        Arrays.sort(sortedKeys);
        int[] sorted = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            sorted[Arrays.binarySearch(sortedKeys, keys[i])] = ids[i];
        }
        return sorted;
    }
}
