package org.qbi.ops.filters;

import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.block.BlockKernel;
import org.qbi.ops.filters.internal.Footprint;
import org.qbi.ops.filters.internal.FootprintFilters;
import org.qbi.ops.filters.internal.SeparableRank;

/**
 * Minimum filter: see {@link #SPEC} for what it computes.
 *
 * @since 0.1
 */
public final class MinimumFilter extends NeighbourhoodFilter {

    public static final OperatorSpec SPEC = spec("filter.minimum", "Minimum filter",
            "Replaces each voxel by the smallest value of its neighbourhood (grey erosion with a flat"
                    + " element), as scipy.ndimage.minimum_filter (the box separably, along each axis in turn)."
                    + " Values are exact for types of up to 24 bits and float32 (int32/uint32 beyond 2^24 and "
                    + "float64 pass through float32). NaN in the neighbourhood gives NaN.", "same as input")
            .reference("Soille P. Morphological Image Analysis, 2nd ed. Springer, 2003; "
                    + "scipy.ndimage.minimum_filter")
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected BlockKernel kernel(ImageHeader input, Arguments arguments) {
        Footprint footprint = footprint(input, arguments);
        if (footprint.isBox()) {
            return kernel(footprint, (in, out) -> SeparableRank.apply(in, out, false));
        }
        return kernel(footprint, (in, out) -> FootprintFilters.apply(in, out, footprint,
                FootprintFilters.Statistic.MINIMUM));
    }

    @Override
    protected PixelType outputType(PixelType input, Arguments arguments) {
        return input;
    }
}
