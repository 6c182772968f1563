package org.qbi.ops.filters;

import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.block.BlockKernel;
import org.qbi.ops.filters.internal.Footprint;
import org.qbi.ops.filters.internal.FootprintFilters;
import org.qbi.ops.filters.internal.SeparableConvolution;

/**
 * Mean (box, uniform) filter: scipy.ndimage.uniform_filter for the box, the mean over the ball otherwise.
 *
 * @since 0.1
 */
public final class MeanFilter extends NeighbourhoodFilter {

    public static final OperatorSpec SPEC = spec("filter.mean", "Mean filter",
            "Replaces each voxel by the mean of its neighbourhood (box: separable, as "
                    + "scipy.ndimage.uniform_filter(size=2r+1); ball: the mean over the ellipsoid, as "
                    + "scipy.ndimage.correlate with the normalised ball). Computed in float32 with double "
                    + "accumulation.", "float32")
            .reference("Gonzalez RC, Woods RE. Digital Image Processing, 4th ed., 3.5; scipy.ndimage.uniform_filter")
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected BlockKernel kernel(ImageHeader input, Arguments arguments) {
        Footprint footprint = footprint(input, arguments);
        if (footprint.isBox()) {
            int[] r = footprint.radius();
            float[][] kernels = new float[3][];
            for (int a = 0; a < 3; a++) {
                kernels[a] = new float[r[a] + 1];
                java.util.Arrays.fill(kernels[a], (float) (1.0 / (2 * r[a] + 1)));
            }
            return kernel(footprint, (in, out) -> SeparableConvolution.convolve(in, out, kernels));
        }
        return kernel(footprint, (in, out) -> FootprintFilters.apply(in, out, footprint,
                FootprintFilters.Statistic.MEAN));
    }

    @Override
    protected PixelType outputType(PixelType input, Arguments arguments) {
        return PixelType.FLOAT32;
    }
}
