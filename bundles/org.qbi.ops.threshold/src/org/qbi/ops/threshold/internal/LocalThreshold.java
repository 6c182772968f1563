package org.qbi.ops.threshold.internal;

import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.ops.Arguments;
import org.qbi.ops.block.BlockKernel;
import org.qbi.ops.block.BlockOperator;
import org.qbi.ops.block.FloatBlock;

/**
 * Base of the local (adaptive) thresholds: a threshold image from window statistics around each pixel, then the
 * mask value > threshold; block-wise and parallel through {@link BlockOperator}, borders reflected as scikit-image's
 * (scipy's 'reflect').
 */
public abstract class LocalThreshold extends BlockOperator {

    /** Computes the threshold of the inner pixels from the block's values (halo included), as doubles. */
    protected interface ThresholdImage {
        double[] compute(double[] values, int nx, int ny, int nz, int[] halo);
    }

    /** The window's half size per axis (z only for 3D images). */
    protected static int[] windowHalo(ImageHeader input, int size) {
        int r = size / 2;
        return new int[] { r, r, input.dimensions()[2] > 1 ? r : 0 };
    }

    /** The threshold computation for this run. */
    protected abstract ThresholdImage threshold(ImageHeader input, Arguments arguments);

    /** The halo for this run. */
    protected abstract int[] windowHalo(ImageHeader input, Arguments arguments);

    @Override
    protected BlockKernel kernel(ImageHeader input, Arguments arguments) {
        GlobalThreshold.checkIntensities(input, spec().id());
        int[] halo = windowHalo(input, arguments);
        ThresholdImage threshold = threshold(input, arguments);
        return new BlockKernel() {
            @Override
            public int[] halo() {
                return halo.clone();
            }

            @Override
            public void compute(FloatBlock in, FloatBlock out) {
                double[] values = LocalStatistics.doubles(in);
                double[] t = threshold.compute(values, in.nx(), in.ny(), in.nz(), halo);
                float[] result = out.data();
                int sx = out.nx();
                int sy = out.ny();
                for (int z = 0; z < out.nz(); z++) {
                    for (int y = 0; y < sy; y++) {
                        int from = in.index(0, y, z);
                        int to = sx * (y + sy * z);
                        for (int x = 0; x < sx; x++) {
                            result[to + x] = values[from + x] > t[to + x] ? 1f : 0f;
                        }
                    }
                }
            }
        };
    }

    @Override
    protected PixelType outputType(PixelType input, Arguments arguments) {
        return PixelType.UINT8;
    }

    @Override
    protected ImageHeader outputHeader(ImageHeader input, Arguments arguments) {
        return input.withPixelType(PixelType.UINT8).withRescale(Rescale.IDENTITY);
    }
}
