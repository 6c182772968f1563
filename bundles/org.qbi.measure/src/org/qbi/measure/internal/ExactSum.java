package org.qbi.measure.internal;

import java.util.Arrays;

/**
 * The exact sum of doubles, rounded once when read: the same value whatever order the terms were added in and however
 * they were split between partial sums. This is what makes intensity sums of a volume measured chunk by chunk
 * (merged in any order) bit-identical to the whole volume's. Shewchuk's non-overlapping partials ("Adaptive
 * precision floating-point arithmetic", 1997), with the correctly rounded read-out of Python's {@code math.fsum};
 * written here because neither the JDK nor Commons Numbers has an exact, mergeable sum (their compensated sums still
 * depend on the order). Usually one to three partials, so adding costs a few flops.
 */
public final class ExactSum implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** Non-overlapping partials in increasing magnitude; their exact sum is the sum of everything added. */
    private double[] partials = new double[2];
    private int size;
    /** The sum of infinite and NaN terms (and of overflowed partial sums), kept apart: it decides the result. */
    private double special;

    /** Adds {@code x} exactly. */
    public void add(double x) {
        if (!Double.isFinite(x)) {
            special += x;
            return;
        }
        int kept = 0;
        for (int j = 0; j < size; j++) {
            double y = partials[j];
            if (Math.abs(x) < Math.abs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) {
                partials[kept++] = lo;
            }
            x = hi;
        }
        if (!Double.isFinite(x)) {
            // beyond Double.MAX_VALUE: the sum is infinite whatever else is added, short of an opposite infinity
            special += x;
            size = 0;
            return;
        }
        if (x != 0.0) {
            if (kept == partials.length) {
                partials = Arrays.copyOf(partials, 2 * kept);
            }
            partials[kept++] = x;
        }
        size = kept;
    }

    /** Adds {@code a * b} exactly (the product's rounding error as a second term). */
    public void addProduct(double a, double b) {
        double p = a * b;
        add(p);
        if (Double.isFinite(p)) {
            double error = Math.fma(a, b, -p);
            if (error != 0.0) {
                add(error);
            }
        }
    }

    /** Adds the signed 128-bit integer {@code high * 2^64 + (low as unsigned)} exactly. */
    public void addInt128(long high, long low) {
        // four 32-bit pieces, each exact as a double
        add((high >> 32) * 0x1p96);
        add((high & 0xFFFF_FFFFL) * 0x1p64);
        add((low >>> 32) * 0x1p32);
        add(low & 0xFFFF_FFFFL);
    }

    /** Adds everything {@code other} holds. */
    public void add(ExactSum other) {
        special += other.special;
        for (int j = 0; j < other.size; j++) {
            add(other.partials[j]);
        }
    }

    /**
     * {@code n * squares - sum^2} for the sum and the sum of squares of the same n terms, computed exactly: n^2 times
     * their population variance, without the cancellation of forming it from rounded sums.
     */
    public static ExactSum centralSecondMoment(long n, ExactSum sum, ExactSum squares) {
        ExactSum d = new ExactSum();
        d.special = n * squares.special - sum.special * sum.special;
        double count = n;
        for (int j = 0; j < squares.size; j++) {
            d.addProduct(count, squares.partials[j]);
        }
        for (int i = 0; i < sum.size; i++) {
            for (int j = 0; j < sum.size; j++) {
                d.addProduct(-sum.partials[i], sum.partials[j]);
            }
        }
        return d;
    }

    /** The exact sum rounded to the nearest double (ties to even). */
    public double value() {
        if (special != 0.0 || Double.isNaN(special)) {
            return special;
        }
        // after Python's math.fsum: add from the top while exact, then correct a half-way rounding
        int n = size;
        double hi = 0.0;
        double lo = 0.0;
        if (n > 0) {
            hi = partials[--n];
            while (n > 0) {
                double x = hi;
                double y = partials[--n];
                hi = x + y;
                double yr = hi - x;
                lo = y - yr;
                if (lo != 0.0) {
                    break;
                }
            }
            if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
                double y = lo * 2.0;
                double x = hi + y;
                double yr = x - hi;
                if (y == yr) {
                    hi = x;
                }
            }
        }
        return hi;
    }
}
