package org.qbi.measure.internal;

/**
 * A signed 128-bit integer, enough for n * sum(x y) - sum(x) sum(y) over any image: central moments from exact
 * integer sums without the cancellation of doing it in doubles.
 */
public record Int128(long high, long low) {

    /** n * sab - sa * sb, exactly. */
    public static Int128 central(long n, long sa, long sb, long sab) {
        long h1 = Math.multiplyHigh(n, sab);
        long l1 = n * sab;
        long h2 = Math.multiplyHigh(sa, sb);
        long l2 = sa * sb;
        long low = l1 - l2;
        long borrow = Long.compareUnsigned(l1, l2) < 0 ? 1 : 0;
        return new Int128(h1 - h2 - borrow, low);
    }

    /** The nearest double (within one rounding of the high and low parts). */
    public double toDouble() {
        if (high == (low >> 63)) {
            return low; // fits in a long: exact conversion, no cancellation between the parts
        }
        return high * 0x1p64 + (low >>> 1) * 2.0 + (low & 1);
    }
}
