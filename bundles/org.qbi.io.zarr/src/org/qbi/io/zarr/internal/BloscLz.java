package org.qbi.io.zarr.internal;

/**
 * Decoder of BloscLZ, Blosc's own LZ77 codec (derived from FastLZ level 2), written by hand because no Java
 * library decodes it. A stream is a sequence of tokens, each starting with a control byte {@code c}:
 * <ul>
 * <li>{@code c < 32}: a literal run of {@code c + 1} bytes follows;</li>
 * <li>otherwise a match of {@code (c >> 5) + 2} bytes (a length of 7 is extended by following bytes while they
 * are 255), at distance {@code ((c & 31) << 8) + next byte + 1}; distance byte 255 with {@code c & 31 == 31}
 * announces a 16-bit big-endian distance, plus 8191.</li>
 * </ul>
 * The first control byte carries the level marker in its top three bits. Every read and write is checked
 * against the buffers, so a corrupt stream fails instead of reading or writing outside them.
 */
final class BloscLz {

    private static final int MAX_DISTANCE = 8191;

    private BloscLz() {
    }

    /**
     * Decodes {@code length} bytes of {@code src} from {@code offset} into {@code dst} at {@code dstOffset},
     * at most {@code maxOut} bytes.
     *
     * @return the number of bytes decoded, or -1 when the stream is corrupt
     */
    static int decompress(byte[] src, int offset, int length, byte[] dst, int dstOffset, int maxOut) {
        if (length <= 0) {
            return -1;
        }
        int ip = offset;
        int ipLimit = offset + length;
        int op = dstOffset;
        int opLimit = dstOffset + maxOut;
        int ctrl = src[ip++] & 31;
        while (true) {
            if (ctrl >= 32) {
                int len = (ctrl >>> 5) - 1;
                int distance = (ctrl & 31) << 8;
                if (len == 6) {
                    int code;
                    do {
                        if (ip >= ipLimit) {
                            return -1;
                        }
                        code = src[ip++] & 0xff;
                        len += code;
                    } while (code == 255);
                }
                if (ip >= ipLimit) {
                    return -1;
                }
                int code = src[ip++] & 0xff;
                len += 3;
                distance += code;
                if (code == 255 && (ctrl & 31) == 31) {
                    if (ip + 1 >= ipLimit) {
                        return -1;
                    }
                    distance = ((src[ip] & 0xff) << 8) + (src[ip + 1] & 0xff) + MAX_DISTANCE;
                    ip += 2;
                }
                int ref = op - distance - 1;
                if (ref < dstOffset || len > opLimit - op) {
                    return -1;
                }
                if (distance == 0) {
                    java.util.Arrays.fill(dst, op, op + len, dst[ref]);
                    op += len;
                } else {
                    for (int k = 0; k < len; k++) {
                        dst[op++] = dst[ref++];
                    }
                }
            } else {
                int run = ctrl + 1;
                if (run > opLimit - op || run > ipLimit - ip) {
                    return -1;
                }
                System.arraycopy(src, ip, dst, op, run);
                op += run;
                ip += run;
            }
            if (ip >= ipLimit) {
                break;
            }
            ctrl = src[ip++] & 0xff;
        }
        return op - dstOffset;
    }
}
