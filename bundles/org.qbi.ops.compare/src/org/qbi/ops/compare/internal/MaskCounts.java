package org.qbi.ops.compare.internal;

import java.io.IOException;
import java.util.List;

import org.qbi.ops.OperatorContext;

/**
 * True/false positives and negatives of a test mask against a reference mask (non-zero = foreground), per
 * volume, counted plane by plane in parallel and added in plane order.
 *
 * @param tp foreground in both
 * @param fp foreground in test only
 * @param fn foreground in reference only
 * @param tn background in both
 */
public record MaskCounts(long tp, long fp, long fn, long tn) {

    /** The counts of volume {@code volume} of {@code pair}. */
    public static MaskCounts of(ImagePair pair, int volume, OperatorContext context) throws IOException {
        List<long[]> planes = pair.planes(volume, context, (reference, test, z) -> {
            long tp = 0;
            long fp = 0;
            long fn = 0;
            for (int i = 0; i < reference.length; i++) {
                boolean r = reference[i] != 0;
                boolean t = test[i] != 0;
                tp += r && t ? 1 : 0;
                fp += !r && t ? 1 : 0;
                fn += r && !t ? 1 : 0;
            }
            return new long[] { tp, fp, fn, reference.length - tp - fp - fn };
        });
        long[] sum = new long[4];
        for (long[] p : planes) {
            for (int i = 0; i < 4; i++) {
                sum[i] += p[i];
            }
        }
        return new MaskCounts(sum[0], sum[1], sum[2], sum[3]);
    }

    /** a / b, NaN when b is 0. */
    public static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
