package org.qbi.ops.filters;

import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.Length;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.block.BlockKernel;
import org.qbi.ops.block.BlockOperator;
import org.qbi.ops.block.Boundary;
import org.qbi.ops.block.FloatBlock;

/**
 * Bilateral filter: a Gaussian average weighted also by intensity similarity.
 *
 * @since 0.1
 */
public final class BilateralFilter extends BlockOperator {

    /** Largest window radius in voxels. */
    public static final int MAX_RADIUS = 32;

    public static final Param<Length> SIGMA_SPATIAL = Param.length("sigma_spatial", "Spatial sigma",
            "Standard deviation of the spatial Gaussian, in voxels or physical units (per axis)", 1);
    public static final Param<Double> SIGMA_COLOR = Param.requiredReal("sigma_color", "Intensity sigma",
            "Standard deviation of the intensity Gaussian, in the image's intensity units").range(1e-12,
                    Double.MAX_VALUE);
    public static final Param<Length> RADIUS = Param.length("radius", "Window radius",
            "Half-width of the square (cubic) window; 0 = automatic, max(2, ceil(3 sigma_spatial)) per axis as "
                    + "scikit-image's win_size", 0).range(0, MAX_RADIUS);
    public static final Param<Boundary> MODE = Param.choice("mode", "Border",
            "How values past the border are made up (scipy.ndimage modes)", Boundary.class, Boundary.REFLECT);

    public static final OperatorSpec SPEC = OperatorSpec.builder("filter.bilateral", "Bilateral filter")
            .category("Filters")
            .description("Edge-preserving smoothing: each voxel becomes sum(w I) / sum(w) over a box window, "
                    + "w = exp(-|dx|^2 / (2 sigma_spatial^2)) * exp(-(I - I_centre)^2 / (2 sigma_color^2)), the "
                    + "definition of Tomasi and Manduchi, in 2D and 3D. skimage.restoration.denoise_bilateral (2D "
                    + "only) approximates the intensity weight with a table of `bins` values, and its version 0.19 "
                    + "misplaces the spatial weights (they are computed on a grid one longer than the window), so "
                    + "results differ from it. "
                    + "skimage's default border is constant 0 and its default sigma_color the image's standard "
                    + "deviation; here the border is the mode parameter (default reflect; skimage's 'symmetric') "
                    + "and sigma_color must be given. Computed in double, written as float32.")
            .reference("Tomasi C, Manduchi R. Bilateral filtering for gray and color images. ICCV 1998, "
                    + "doi:10.1109/ICCV.1998.710815; skimage.restoration.denoise_bilateral")
            .outputType("float32")
            .parameters(SIGMA_SPATIAL, SIGMA_COLOR, RADIUS, MODE)
            .input(Port.image("image", "Image"))
            .output(Port.image("smoothed", "Filtered image"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected BlockKernel kernel(ImageHeader input, Arguments arguments) {
        boolean volume = input.dimensions()[2] > 1;
        double[] sigma = arguments.get(SIGMA_SPATIAL).toVoxels(input);
        double[] given = arguments.get(RADIUS).toVoxels(input);
        boolean automatic = arguments.get(RADIUS).value() == 0;
        int[] r = new int[3];
        for (int a = 0; a < (volume ? 3 : 2); a++) {
            if (!(sigma[a] > 0)) {
                throw new IllegalArgumentException("sigma_spatial must be more than 0, got "
                        + arguments.get(SIGMA_SPATIAL));
            }
            r[a] = automatic ? Math.max(2, (int) Math.ceil(3 * sigma[a])) : (int) Math.floor(given[a] + 1e-9);
            if (r[a] > MAX_RADIUS) {
                throw new IllegalArgumentException("The window radius along " + "xyz".charAt(a) + " is " + r[a]
                        + " voxels, more than " + MAX_RADIUS + "; use a smaller sigma_spatial or radius");
            }
        }
        double colour = -0.5 / (arguments.get(SIGMA_COLOR) * arguments.get(SIGMA_COLOR));
        int count = (2 * r[0] + 1) * (2 * r[1] + 1) * (2 * r[2] + 1);
        int[][] shifts = new int[count][];
        double[] spatial = new double[count];
        int n = 0;
        for (int z = -r[2]; z <= r[2]; z++) {
            for (int y = -r[1]; y <= r[1]; y++) {
                for (int x = -r[0]; x <= r[0]; x++) {
                    double q = x * x / (sigma[0] * sigma[0]) + y * y / (sigma[1] * sigma[1])
                            + (z == 0 ? 0 : z * z / (sigma[2] * sigma[2]));
                    spatial[n] = Math.exp(-0.5 * q);
                    shifts[n++] = new int[] { x, y, z };
                }
            }
        }
        int[] halo = r.clone();
        return new BlockKernel() {
            @Override
            public int[] halo() {
                return halo.clone();
            }

            @Override
            public void compute(FloatBlock in, FloatBlock out) {
                int[] offsets = new int[count];
                for (int k = 0; k < count; k++) {
                    offsets[k] = shifts[k][0] + in.nx() * (shifts[k][1] + in.ny() * shifts[k][2]);
                }
                float[] src = in.data();
                float[] o = out.data();
                for (int z = 0; z < out.nz(); z++) {
                    for (int y = 0; y < out.ny(); y++) {
                        int c = in.index(0, y, z);
                        int d = out.nx() * (y + out.ny() * z);
                        for (int x = 0; x < out.nx(); x++) {
                            int i = c + x;
                            double centre = src[i];
                            double sum = 0;
                            double weights = 0;
                            for (int k = 0; k < count; k++) {
                                double v = src[i + offsets[k]];
                                double diff = v - centre;
                                double w = spatial[k] * Math.exp(colour * diff * diff);
                                sum += w * v;
                                weights += w;
                            }
                            o[d + x] = (float) (sum / weights);
                        }
                    }
                }
            }
        };
    }

    @Override
    protected PixelType outputType(PixelType input, Arguments arguments) {
        return PixelType.FLOAT32;
    }

    @Override
    protected Boundary boundary(Arguments arguments) {
        return arguments.get(MODE);
    }
}
