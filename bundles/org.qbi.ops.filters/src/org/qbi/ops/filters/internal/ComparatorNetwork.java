package org.qbi.ops.filters.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Comparator networks built from Batcher's odd-even merge: a list of compare-exchanges (a, b) that leave the
 * smaller value on wire a and the larger on wire b. Built once, applied to whole rows of values at a time (each
 * wire is an array; see {@link Median3}).
 * <p>
 * Merging sequences whose lengths are not powers of two: the sequences are padded with +infinity and the padding
 * is followed symbolically (a comparator between a value and padding either does nothing or only renames wires),
 * so only comparators between two real values remain. {@link #prunedTo} then keeps only the comparators the wanted
 * output depends on.
 *
 * @param pairs  comparators in order: pairs[2k] gets the minimum, pairs[2k+1] the maximum
 * @param sorted the wires in ascending order of their values once the network has run
 */
public record ComparatorNetwork(int[] pairs, int[] sorted) {

    /** A network that merges the ascending sequences of wires {@code a} and {@code b}. */
    public static ComparatorNetwork merge(int[] a, int[] b) {
        int half = 1;
        while (half < Math.max(a.length, b.length)) {
            half *= 2;
        }
        int[] slot = new int[2 * half];
        Arrays.fill(slot, -1);
        System.arraycopy(a, 0, slot, 0, a.length);
        System.arraycopy(b, 0, slot, half, b.length);
        List<int[]> physical = new ArrayList<>();
        oddEvenMerge(0, 2 * half, 1, physical);
        List<Integer> pairs = new ArrayList<>();
        for (int[] c : physical) {
            int i = c[0];
            int j = c[1];
            if (slot[j] == -1) {
                continue; // padding above: already in order
            }
            if (slot[i] == -1) {
                slot[i] = slot[j]; // padding below a value: they swap, which is only a renaming
                slot[j] = -1;
                continue;
            }
            pairs.add(slot[i]);
            pairs.add(slot[j]);
        }
        int[] order = Arrays.stream(slot).filter(w -> w >= 0).toArray();
        return new ComparatorNetwork(pairs.stream().mapToInt(Integer::intValue).toArray(), order);
    }

    /** Batcher's odd-even merge of the two sorted halves of wires lo, lo+r, ..., lo+n-r (n a power of two). */
    private static void oddEvenMerge(int lo, int n, int r, List<int[]> out) {
        int m = r * 2;
        if (m < n) {
            oddEvenMerge(lo, n, m, out);
            oddEvenMerge(lo + r, n, m, out);
            for (int i = lo + r; i + r < lo + n; i += m) {
                out.add(new int[] { i, i + r });
            }
        } else {
            out.add(new int[] { lo, lo + r });
        }
    }

    /** This network followed by {@code next}. */
    public ComparatorNetwork then(ComparatorNetwork next) {
        int[] all = Arrays.copyOf(pairs, pairs.length + next.pairs.length);
        System.arraycopy(next.pairs, 0, all, pairs.length, next.pairs.length);
        return new ComparatorNetwork(all, next.sorted);
    }

    /** Only the comparators the value of sorted rank {@code rank} depends on. */
    public ComparatorNetwork prunedTo(int rank) {
        int wires = Arrays.stream(pairs).max().orElse(0) + 1;
        boolean[] live = new boolean[Math.max(wires, sorted[rank] + 1)];
        live[sorted[rank]] = true;
        List<Integer> kept = new ArrayList<>();
        for (int k = pairs.length / 2 - 1; k >= 0; k--) {
            int a = pairs[2 * k];
            int b = pairs[2 * k + 1];
            if (live[a] || live[b]) {
                live[a] = true;
                live[b] = true;
                kept.add(0, b);
                kept.add(0, a);
            }
        }
        return new ComparatorNetwork(kept.stream().mapToInt(Integer::intValue).toArray(), sorted);
    }

    public int comparators() {
        return pairs.length / 2;
    }

    /** Runs the network on single values (for tests): {@code v[w]} is wire w. */
    public void apply(float[] v) {
        for (int k = 0; k < pairs.length; k += 2) {
            float x = v[pairs[k]];
            float y = v[pairs[k + 1]];
            v[pairs[k]] = Math.min(x, y);
            v[pairs[k + 1]] = Math.max(x, y);
        }
    }

    /** Wires first .. first+count-1 in order. */
    public static int[] wires(int first, int count) {
        int[] w = new int[count];
        for (int i = 0; i < count; i++) {
            w[i] = first + i;
        }
        return w;
    }
}
