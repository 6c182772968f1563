package org.qbi.ops.filters;

import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.block.BlockKernel;
import org.qbi.ops.filters.internal.Footprint;
import org.qbi.ops.filters.internal.FootprintFilters;

/**
 * Variance filter: see {@link #SPEC} for what it computes.
 *
 * @since 0.1
 */
public final class VarianceFilter extends NeighbourhoodFilter {

    public static final OperatorSpec SPEC = spec("filter.variance", "Variance filter",
            "Replaces each voxel by the population variance (divided by n, numpy's ddof=0) of its "
                    + "neighbourhood: mean of squares minus squared mean, in double (the box separably; the ball "
                    + "about the centre value), so large intensities do not cancel; equals "
                    + "scipy.ndimage.generic_filter(image, np.var, footprint).", "float32")
            .reference("Gonzalez RC, Woods RE. Digital Image Processing, 4th ed., 3.3 (local statistics); "
                    + "numpy.var")
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected BlockKernel kernel(ImageHeader input, Arguments arguments) {
        Footprint footprint = footprint(input, arguments);
        if (footprint.isBox()) {
            return kernel(footprint, (in, out) -> FootprintFilters.boxVariance(in, out, false));
        }
        return kernel(footprint, (in, out) -> FootprintFilters.apply(in, out, footprint,
                FootprintFilters.Statistic.VARIANCE));
    }

    @Override
    protected PixelType outputType(PixelType input, Arguments arguments) {
        return PixelType.FLOAT32;
    }
}
