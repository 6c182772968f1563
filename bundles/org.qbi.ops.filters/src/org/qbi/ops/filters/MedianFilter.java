package org.qbi.ops.filters;

import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.block.BlockKernel;
import org.qbi.ops.filters.internal.Footprint;
import org.qbi.ops.filters.internal.FootprintFilters;
import org.qbi.ops.filters.internal.Median3;

/**
 * Median filter: scipy.ndimage.median_filter over a box or ball.
 *
 * @since 0.1
 */
public final class MedianFilter extends NeighbourhoodFilter {

    public static final OperatorSpec SPEC = spec("filter.median", "Median filter",
            "Replaces each voxel by the median of its neighbourhood (the value of rank n/2 of the n voxels), as "
                    + "scipy.ndimage.median_filter. The 3x3x3 (and 3x3) box runs as comparator networks over whole "
                    + "rows with partial sorts shared between neighbours; other neighbourhoods select per voxel. "
                    + "Values are exact for types of up to 24 bits and float32 (int32/uint32 beyond 2^24 and float64 "
                    + "pass through float32). NaN in the neighbourhood gives NaN or a neighbour's value.",
            "same as input")
            .reference("Tukey JW. Exploratory Data Analysis, 1977; Batcher KE. Sorting networks and their "
                    + "applications, AFIPS 1968, doi:10.1145/1468075.1468121; scipy.ndimage.median_filter")
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected BlockKernel kernel(ImageHeader input, Arguments arguments) {
        Footprint footprint = footprint(input, arguments);
        int[] r = footprint.radius();
        if (footprint.isBox() && r[0] == 1 && r[1] == 1 && r[2] <= 1) {
            return kernel(footprint, Median3::apply);
        }
        return kernel(footprint, (in, out) -> FootprintFilters.median(in, out, footprint));
    }

    @Override
    protected PixelType outputType(PixelType input, Arguments arguments) {
        return input;
    }
}
