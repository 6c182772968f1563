package org.qbi.measure.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Exact central moments of objects too large for 64-bit products (a pore network filling a 512^3 volume). */
class Int128Test {

    @Test
    void centralMomentsMatchBigIntegerArithmetic() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            long n = 1 + random.nextLong(1L << 31);
            long sa = random.nextLong(-(1L << 52), 1L << 52);
            long sb = random.nextLong(-(1L << 52), 1L << 52);
            long sab = random.nextLong(-(1L << 60), 1L << 60);
            BigInteger exact = BigInteger.valueOf(n).multiply(BigInteger.valueOf(sab))
                    .subtract(BigInteger.valueOf(sa).multiply(BigInteger.valueOf(sb)));
            Int128 value = Int128.central(n, sa, sb, sab);
            assertEquals(exact, BigInteger.valueOf(value.high()).shiftLeft(64)
                    .add(new BigInteger(Long.toUnsignedString(value.low()))), "value " + i);
            assertEquals(exact.doubleValue(), value.toDouble(), Math.abs(exact.doubleValue()) * 1e-15, "double " + i);
        }
        assertEquals(-5.0, new Int128(-1, -5).toDouble());
    }
}
