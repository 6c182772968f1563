package org.qbi.ops.filters;

import java.io.IOException;

import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.block.Boundary;
import org.qbi.ops.block.FloatBlock;
import org.qbi.ops.filters.internal.Volumes;

/**
 * Non-local means denoising, scikit-image's exact ("slow") algorithm.
 *
 * @since 0.1
 */
public final class NonLocalMeans implements Operator {

    public static final Param<Integer> PATCH_RADIUS = Param.integer("patch_radius", "Patch radius",
            "Half-width of the compared patches in voxels (skimage's patch_size = 2 * patch_radius + 1)", 2).range(1,
                    10);
    public static final Param<Integer> SEARCH_RADIUS = Param.integer("search_radius", "Search radius",
            "How far (voxels, along each axis) patches are searched (skimage's patch_distance)", 5).range(1, 50);
    public static final Param<Double> H = Param.requiredReal("h", "Cut-off h",
            "Filtering strength in intensity units: patches whose weighted mean squared difference is well above "
                    + "h^2 count little (about 0.8 sigma of the noise is a common choice)").range(1e-12,
                            Double.MAX_VALUE);
    public static final Param<Double> SIGMA = Param.real("sigma", "Noise sigma",
            "Standard deviation of the noise, subtracted from patch distances (skimage's sigma); 0 = not used", 0)
            .range(0, Double.MAX_VALUE);

    public static final OperatorSpec SPEC = OperatorSpec.builder("filter.nl_means", "Non-local means")
            .category("Filters")
            .description("Replaces each voxel by the average of the voxels in its search window, weighted by the "
                    + "similarity of the patches around them: w = exp(-max(0, sum_p g_p ((P1 - P2)^2 - 2 sigma^2))) "
                    + "with g a Gaussian over the patch (sd (patch_size-1)/4) normalised to sum 1/h^2. "
                    + "skimage.restoration.denoise_nl_means with fast_mode=False, preserve_range=True: patches are "
                    + "padded by reflection about the edge voxel (numpy 'reflect'), the search window stays inside "
                    + "the image, and a patch whose distance exceeds 5 after a complete patch row (2D) or plane (3D) "
                    + "gets weight 0. Differs from skimage only in using the exact exponential where skimage uses "
                    + "an approximation (results agree to about 1e-3 of the intensity range). Cost: (2 "
                    + "search_radius + 1)^d (2 patch_radius + 1)^d per voxel; the volume is processed whole (memory "
                    + "checked), planes in parallel. Computed in double, written as float32.")
            .reference("Buades A, Coll B, Morel JM. A non-local algorithm for image denoising. CVPR 2005, "
                    + "doi:10.1109/CVPR.2005.38; skimage.restoration.denoise_nl_means")
            .outputType("float32")
            .parameters(PATCH_RADIUS, SEARCH_RADIUS, H, SIGMA)
            .input(Port.image("image", "Noisy image"))
            .output(Port.image("denoised", "Denoised image"))
            .build();

    private static final double DISTANCE_CUTOFF = 5.0;

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image input = inputs.image();
        ImageHeader header = input.header();
        long[] dims = header.dimensions();
        boolean volume = dims[2] > 1;
        int p = arguments.get(PATCH_RADIUS);
        int search = arguments.get(SEARCH_RADIUS);
        double h = arguments.get(H);
        double sigma = arguments.get(SIGMA);
        long padded = (dims[0] + 2L * p) * (dims[1] + 2L * p) * (dims[2] + (volume ? 2L * p : 0));
        Volumes.checkMemory(padded * 4 + dims[0] * dims[1] * dims[2] * 8, header, SPEC.name());
        int[] halo = { p, p, volume ? p : 0 };
        Image result = Volumes.each(input, header.withPixelType(PixelType.FLOAT32), halo, Boundary.MIRROR, context,
                (block, ctx) -> denoise(block, volume, p, search, h, sigma, ctx));
        return Outputs.ofImage(SPEC, result);
    }

    private static FloatBlock denoise(FloatBlock in, boolean volume, int p, int search, double h, double sigma,
            OperatorContext context) throws IOException {
        int nx = in.nx();
        int ny = in.ny();
        int sx = nx - 2 * in.halo(0);
        int sy = ny - 2 * in.halo(1);
        int sz = in.nz() - 2 * in.halo(2);
        int pz = volume ? p : 0;
        int side = 2 * p + 1;
        // patch offsets and weights, the patch's first numpy axis (z in 3D, y in 2D) outermost
        int count = side * side * (volume ? side : 1);
        int[] offsets = new int[count];
        double[] weights = new double[count];
        double a = (side - 1) / 4.0;
        double total = 0;
        int k = 0;
        for (int dz = -pz; dz <= pz; dz++) {
            for (int dy = -p; dy <= p; dy++) {
                for (int dx = -p; dx <= p; dx++) {
                    offsets[k] = dx + nx * (dy + ny * dz);
                    weights[k] = Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * a * a));
                    total += weights[k++];
                }
            }
        }
        for (int i = 0; i < count; i++) {
            weights[i] /= total * h * h;
        }
        int rowLength = volume ? side * side : side; // patch voxels between two cut-off checks
        double var2 = 2 * sigma * sigma;
        float[] src = in.data();
        FloatBlock out = FloatBlock.zeros(sx, sy, sz);
        float[] o = out.data();
        int planes = volume ? sz : sy;
        context.forEach(planes, task -> {
            int zFrom = volume ? task : 0;
            int zTo = volume ? task + 1 : 1;
            int yFrom = volume ? 0 : task;
            int yTo = volume ? sy : task + 1;
            for (int z = zFrom; z < zTo; z++) {
                int z0 = Math.max(0, z - search);
                int z1 = Math.min(sz - 1, z + search);
                for (int y = yFrom; y < yTo; y++) {
                    int y0 = Math.max(0, y - search);
                    int y1 = Math.min(sy - 1, y + search);
                    for (int x = 0; x < sx; x++) {
                        int x0 = Math.max(0, x - search);
                        int x1 = Math.min(sx - 1, x + search);
                        int centre = in.index(x, y, z);
                        double sum = 0;
                        double norm = 0;
                        for (int qz = z0; qz <= z1; qz++) {
                            for (int qy = y0; qy <= y1; qy++) {
                                for (int qx = x0; qx <= x1; qx++) {
                                    int other = in.index(qx, qy, qz);
                                    double distance = 0;
                                    boolean cut = false;
                                    for (int j = 0; j < count; j++) {
                                        if (j % rowLength == 0 && distance > DISTANCE_CUTOFF) {
                                            cut = true;
                                            break;
                                        }
                                        double diff = src[centre + offsets[j]] - src[other + offsets[j]];
                                        distance += weights[j] * (diff * diff - var2);
                                    }
                                    double w = cut ? 0 : Math.exp(-Math.max(0, distance));
                                    norm += w;
                                    sum += w * src[other];
                                }
                            }
                        }
                        o[x + sx * (y + sy * z)] = (float) (sum / norm);
                    }
                }
            }
        });
        return out;
    }
}
