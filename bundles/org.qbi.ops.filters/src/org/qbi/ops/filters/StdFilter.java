package org.qbi.ops.filters;

import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.block.BlockKernel;
import org.qbi.ops.filters.internal.Footprint;
import org.qbi.ops.filters.internal.FootprintFilters;

/**
 * Standard deviation filter: see {@link #SPEC} for what it computes.
 *
 * @since 0.1
 */
public final class StdFilter extends NeighbourhoodFilter {

    public static final OperatorSpec SPEC = spec("filter.std", "Standard deviation filter",
            "Replaces each voxel by the population standard deviation (ddof=0) of its neighbourhood, "
                    + "the square root of filter.variance; equals scipy.ndimage.generic_filter(image, np.std, "
                    + "footprint).", "float32")
            .reference("Gonzalez RC, Woods RE. Digital Image Processing, 4th ed., 3.3 (local statistics); "
                    + "numpy.std")
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected BlockKernel kernel(ImageHeader input, Arguments arguments) {
        Footprint footprint = footprint(input, arguments);
        if (footprint.isBox()) {
            return kernel(footprint, (in, out) -> FootprintFilters.boxVariance(in, out, true));
        }
        return kernel(footprint, (in, out) -> FootprintFilters.apply(in, out, footprint,
                FootprintFilters.Statistic.STD));
    }

    @Override
    protected PixelType outputType(PixelType input, Arguments arguments) {
        return PixelType.FLOAT32;
    }
}
