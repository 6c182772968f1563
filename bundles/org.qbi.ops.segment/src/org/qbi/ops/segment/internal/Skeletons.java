package org.qbi.ops.segment.internal;

/**
 * Skeletons of binary images, ported operation for operation from scikit-image 0.19 so the results are identical:
 * Zhang and Suen's two-subiteration thinning for 2D (skimage.morphology.skeletonize, its lookup table), and Lee,
 * Kashyap and Chu's 3D medial-axis thinning (skimage.morphology.skeletonize_3d, itself Arganda-Carreras's
 * Skeletonize3D: six border directions, candidates collected then re-checked one by one, Euler-characteristic and
 * simple-point tests on the 26-neighbourhood). Both treat everything past the border as background.
 */
public final class Skeletons {

    /** Zhang-Suen: 1 = removable in the first subiteration, 2 = in the second, 3 = in both. */
    private static final int[] ZHANG = {
            0, 0, 0, 1, 0, 0, 1, 3, 0, 0, 3, 1, 1, 0, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0,
            2, 0, 2, 0, 3, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 3, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            2, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0,
            3, 0, 0, 0, 3, 0, 2, 0, 0, 0, 3, 1, 0, 0, 1, 3, 0, 0, 0, 0, 0, 0, 0, 1,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 1, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            2, 3, 1, 3, 0, 0, 1, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
            3, 3, 0, 1, 0, 0, 0, 0, 2, 2, 0, 0, 2, 0, 0, 0 };

    /** Lee94 Table 2, column delta G_26, at the odd indices (even ones are 0). */
    private static final int[] EULER = new int[256];

    static {
        int[] odd = {
                1, -1, -1, 1, -3, -1, -1, 1, -1, 1, 1, -1, 3, 1, 1, -1, -3, -1, 3, 1, 1, -1, 3, 1,
                -1, 1, 1, -1, 3, 1, 1, -1, -3, 3, -1, 1, 1, 3, -1, 1, -1, 1, 1, -1, 3, 1, 1, -1,
                1, 3, 3, 1, 5, 3, 3, 1, -1, 1, 1, -1, 3, 1, 1, -1, -7, -1, -1, 1, -3, -1, -1, 1,
                -1, 1, 1, -1, 3, 1, 1, -1, -3, -1, 3, 1, 1, -1, 3, 1, -1, 1, 1, -1, 3, 1, 1, -1,
                -3, 3, -1, 1, 1, 3, -1, 1, -1, 1, 1, -1, 3, 1, 1, -1, 1, 3, 3, 1, 5, 3, 3, 1,
                -1, 1, 1, -1, 3, 1, 1, -1 };
        for (int i = 0; i < odd.length; i++) {
            EULER[2 * i + 1] = odd[i];
        }
    }

    private static final int[] BORDERS = { 4, 3, 2, 1, 5, 6 };

    private Skeletons() {
    }

    /**
     * Zhang-Suen thinning of a 2D 0/1 image in place (skimage.morphology.skeletonize for 2D).
     */
    public static void zhangSuen(byte[] image, int nx, int ny) {
        int cols = nx + 2;
        int rows = ny + 2;
        byte[] skeleton = new byte[cols * rows];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                skeleton[(y + 1) * cols + x + 1] = image[y * nx + x] != 0 ? (byte) 1 : 0;
            }
        }
        byte[] cleaned = skeleton.clone();
        boolean removed = true;
        while (removed) {
            removed = false;
            for (int pass = 0; pass < 2; pass++) {
                boolean first = pass == 0;
                for (int row = 1; row < rows - 1; row++) {
                    for (int col = 1; col < cols - 1; col++) {
                        int i = row * cols + col;
                        if (skeleton[i] == 0) {
                            continue;
                        }
                        int neighbours = ZHANG[skeleton[i - cols - 1] + 2 * skeleton[i - cols]
                                + 4 * skeleton[i - cols + 1] + 8 * skeleton[i + 1] + 16 * skeleton[i + cols + 1]
                                + 32 * skeleton[i + cols] + 64 * skeleton[i + cols - 1] + 128 * skeleton[i - 1]];
                        if ((neighbours == 1 && first) || (neighbours == 2 && !first) || neighbours == 3) {
                            cleaned[i] = 0;
                            removed = true;
                        }
                    }
                }
                System.arraycopy(cleaned, 0, skeleton, 0, skeleton.length);
            }
        }
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                image[y * nx + x] = skeleton[(y + 1) * cols + x + 1];
            }
        }
    }

    /**
     * Lee94 thinning of a 2D (nz = 1) or 3D 0/1 volume in place (skimage.morphology.skeletonize_3d).
     */
    public static void lee(byte[] image, int nx, int ny, int nz, org.qbi.core.progress.ProgressMonitor monitor) {
        int sx = nx + 2;
        int sy = ny + 2;
        int sz = nz + 2;
        byte[] img = new byte[sx * sy * sz];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    img[((z + 1) * sy + y + 1) * sx + x + 1] = image[(z * ny + y) * nx + x] != 0 ? (byte) 1 : 0;
                }
            }
        }
        int plane = sx * sy;
        int borders = sz == 3 ? 4 : 6;
        int unchanged = 0;
        byte[] neighbourhood = new byte[27];
        int[] candidates = new int[64];
        while (unchanged < borders) {
            unchanged = 0;
            for (int j = 0; j < borders; j++) {
                monitor.checkCanceled("skeleton");
                int border = BORDERS[j];
                int count = 0;
                for (int p = 1; p < sz - 1; p++) {
                    for (int r = 1; r < sy - 1; r++) {
                        for (int c = 1; c < sx - 1; c++) {
                            int i = p * plane + r * sx + c;
                            if (img[i] != 1) {
                                continue;
                            }
                            boolean isBorder = switch (border) {
                                case 1 -> img[i - 1] == 0;
                                case 2 -> img[i + 1] == 0;
                                case 3 -> img[i + sx] == 0;
                                case 4 -> img[i - sx] == 0;
                                case 5 -> img[i + plane] == 0;
                                default -> img[i - plane] == 0;
                            };
                            if (!isBorder) {
                                continue;
                            }
                            neighbourhood(img, i, sx, plane, neighbourhood);
                            if (isEndpoint(neighbourhood) || !eulerInvariant(neighbourhood)
                                    || !isSimple(neighbourhood)) {
                                continue;
                            }
                            if (count == candidates.length) {
                                candidates = java.util.Arrays.copyOf(candidates, 2 * count);
                            }
                            candidates[count++] = i;
                        }
                    }
                }
                boolean noChange = true;
                for (int k = 0; k < count; k++) {
                    int i = candidates[k];
                    neighbourhood(img, i, sx, plane, neighbourhood);
                    if (isSimple(neighbourhood)) {
                        img[i] = 0;
                        noChange = false;
                    }
                }
                if (noChange) {
                    unchanged++;
                }
            }
        }
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    image[(z * ny + y) * nx + x] = img[((z + 1) * sy + y + 1) * sx + x + 1];
                }
            }
        }
    }

    /**
     * The 27 values around i in scikit-image's numbering (p = z, r = y, c = x): index 9 (dp + 1) + 3 (dc + 1) +
     * (dr + 1), the centre being 13.
     */
    private static void neighbourhood(byte[] img, int i, int sx, int plane, byte[] nb) {
        int k = 0;
        for (int dp = -1; dp <= 1; dp++) {
            for (int dc = -1; dc <= 1; dc++) {
                for (int dr = -1; dr <= 1; dr++) {
                    nb[k++] = img[i + dp * plane + dr * sx + dc];
                }
            }
        }
    }

    private static boolean isEndpoint(byte[] nb) {
        int s = 0;
        for (int j = 0; j < 27; j++) {
            s += nb[j];
        }
        return s == 2;
    }

    private static boolean isSimple(byte[] nb) {
        byte[] cube = new byte[26];
        System.arraycopy(nb, 0, cube, 0, 13);
        System.arraycopy(nb, 14, cube, 13, 13);
        int label = 2;
        for (int i = 0; i < 26; i++) {
            if (cube[i] == 1) {
                int octant = switch (i) {
                    case 0, 1, 3, 4, 9, 10, 12 -> 1;
                    case 2, 5, 11, 13 -> 2;
                    case 6, 7, 14, 15 -> 3;
                    case 8, 16 -> 4;
                    case 17, 18, 20, 21 -> 5;
                    case 19, 22 -> 6;
                    case 23, 24 -> 7;
                    default -> 8;
                };
                octree(octant, (byte) label, cube);
                label++;
                if (label - 2 >= 2) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean eulerInvariant(byte[] nb) {
        int euler = 0;
        int n;
        n = 1;
        if (nb[2] == 1) {
            n |= 128;
        }
        if (nb[1] == 1) {
            n |= 64;
        }
        if (nb[11] == 1) {
            n |= 32;
        }
        if (nb[10] == 1) {
            n |= 16;
        }
        if (nb[5] == 1) {
            n |= 8;
        }
        if (nb[4] == 1) {
            n |= 4;
        }
        if (nb[14] == 1) {
            n |= 2;
        }
        euler += EULER[n];
        n = 1;
        if (nb[0] == 1) {
            n |= 128;
        }
        if (nb[9] == 1) {
            n |= 64;
        }
        if (nb[3] == 1) {
            n |= 32;
        }
        if (nb[12] == 1) {
            n |= 16;
        }
        if (nb[1] == 1) {
            n |= 8;
        }
        if (nb[10] == 1) {
            n |= 4;
        }
        if (nb[4] == 1) {
            n |= 2;
        }
        euler += EULER[n];
        n = 1;
        if (nb[8] == 1) {
            n |= 128;
        }
        if (nb[7] == 1) {
            n |= 64;
        }
        if (nb[17] == 1) {
            n |= 32;
        }
        if (nb[16] == 1) {
            n |= 16;
        }
        if (nb[5] == 1) {
            n |= 8;
        }
        if (nb[4] == 1) {
            n |= 4;
        }
        if (nb[14] == 1) {
            n |= 2;
        }
        euler += EULER[n];
        n = 1;
        if (nb[6] == 1) {
            n |= 128;
        }
        if (nb[15] == 1) {
            n |= 64;
        }
        if (nb[7] == 1) {
            n |= 32;
        }
        if (nb[16] == 1) {
            n |= 16;
        }
        if (nb[3] == 1) {
            n |= 8;
        }
        if (nb[12] == 1) {
            n |= 4;
        }
        if (nb[4] == 1) {
            n |= 2;
        }
        euler += EULER[n];
        n = 1;
        if (nb[20] == 1) {
            n |= 128;
        }
        if (nb[23] == 1) {
            n |= 64;
        }
        if (nb[19] == 1) {
            n |= 32;
        }
        if (nb[22] == 1) {
            n |= 16;
        }
        if (nb[11] == 1) {
            n |= 8;
        }
        if (nb[14] == 1) {
            n |= 4;
        }
        if (nb[10] == 1) {
            n |= 2;
        }
        euler += EULER[n];
        n = 1;
        if (nb[18] == 1) {
            n |= 128;
        }
        if (nb[21] == 1) {
            n |= 64;
        }
        if (nb[9] == 1) {
            n |= 32;
        }
        if (nb[12] == 1) {
            n |= 16;
        }
        if (nb[19] == 1) {
            n |= 8;
        }
        if (nb[22] == 1) {
            n |= 4;
        }
        if (nb[10] == 1) {
            n |= 2;
        }
        euler += EULER[n];
        n = 1;
        if (nb[26] == 1) {
            n |= 128;
        }
        if (nb[23] == 1) {
            n |= 64;
        }
        if (nb[17] == 1) {
            n |= 32;
        }
        if (nb[14] == 1) {
            n |= 16;
        }
        if (nb[25] == 1) {
            n |= 8;
        }
        if (nb[22] == 1) {
            n |= 4;
        }
        if (nb[16] == 1) {
            n |= 2;
        }
        euler += EULER[n];
        n = 1;
        if (nb[24] == 1) {
            n |= 128;
        }
        if (nb[25] == 1) {
            n |= 64;
        }
        if (nb[15] == 1) {
            n |= 32;
        }
        if (nb[16] == 1) {
            n |= 16;
        }
        if (nb[21] == 1) {
            n |= 8;
        }
        if (nb[22] == 1) {
            n |= 4;
        }
        if (nb[12] == 1) {
            n |= 2;
        }
        euler += EULER[n];
        return euler == 0;
    }

    private static void octree(int octant, byte label, byte[] cube) {
        switch (octant) {
            case 1 -> {
                if (cube[0] == 1) {
                    cube[0] = label;
                }
                if (cube[1] == 1) {
                    cube[1] = label;
                    octree(2, label, cube);
                }
                if (cube[3] == 1) {
                    cube[3] = label;
                    octree(3, label, cube);
                }
                if (cube[4] == 1) {
                    cube[4] = label;
                    octree(2, label, cube);
                    octree(3, label, cube);
                    octree(4, label, cube);
                }
                if (cube[9] == 1) {
                    cube[9] = label;
                    octree(5, label, cube);
                }
                if (cube[10] == 1) {
                    cube[10] = label;
                    octree(2, label, cube);
                    octree(5, label, cube);
                    octree(6, label, cube);
                }
                if (cube[12] == 1) {
                    cube[12] = label;
                    octree(3, label, cube);
                    octree(5, label, cube);
                    octree(7, label, cube);
                }
            }
            case 2 -> {
                if (cube[1] == 1) {
                    cube[1] = label;
                    octree(1, label, cube);
                }
                if (cube[4] == 1) {
                    cube[4] = label;
                    octree(1, label, cube);
                    octree(3, label, cube);
                    octree(4, label, cube);
                }
                if (cube[10] == 1) {
                    cube[10] = label;
                    octree(1, label, cube);
                    octree(5, label, cube);
                    octree(6, label, cube);
                }
                if (cube[2] == 1) {
                    cube[2] = label;
                }
                if (cube[5] == 1) {
                    cube[5] = label;
                    octree(4, label, cube);
                }
                if (cube[11] == 1) {
                    cube[11] = label;
                    octree(6, label, cube);
                }
                if (cube[13] == 1) {
                    cube[13] = label;
                    octree(4, label, cube);
                    octree(6, label, cube);
                    octree(8, label, cube);
                }
            }
            case 3 -> {
                if (cube[3] == 1) {
                    cube[3] = label;
                    octree(1, label, cube);
                }
                if (cube[4] == 1) {
                    cube[4] = label;
                    octree(1, label, cube);
                    octree(2, label, cube);
                    octree(4, label, cube);
                }
                if (cube[12] == 1) {
                    cube[12] = label;
                    octree(1, label, cube);
                    octree(5, label, cube);
                    octree(7, label, cube);
                }
                if (cube[6] == 1) {
                    cube[6] = label;
                }
                if (cube[7] == 1) {
                    cube[7] = label;
                    octree(4, label, cube);
                }
                if (cube[14] == 1) {
                    cube[14] = label;
                    octree(7, label, cube);
                }
                if (cube[15] == 1) {
                    cube[15] = label;
                    octree(4, label, cube);
                    octree(7, label, cube);
                    octree(8, label, cube);
                }
            }
            case 4 -> {
                if (cube[4] == 1) {
                    cube[4] = label;
                    octree(1, label, cube);
                    octree(2, label, cube);
                    octree(3, label, cube);
                }
                if (cube[5] == 1) {
                    cube[5] = label;
                    octree(2, label, cube);
                }
                if (cube[13] == 1) {
                    cube[13] = label;
                    octree(2, label, cube);
                    octree(6, label, cube);
                    octree(8, label, cube);
                }
                if (cube[7] == 1) {
                    cube[7] = label;
                    octree(3, label, cube);
                }
                if (cube[15] == 1) {
                    cube[15] = label;
                    octree(3, label, cube);
                    octree(7, label, cube);
                    octree(8, label, cube);
                }
                if (cube[8] == 1) {
                    cube[8] = label;
                }
                if (cube[16] == 1) {
                    cube[16] = label;
                    octree(8, label, cube);
                }
            }
            case 5 -> {
                if (cube[9] == 1) {
                    cube[9] = label;
                    octree(1, label, cube);
                }
                if (cube[10] == 1) {
                    cube[10] = label;
                    octree(1, label, cube);
                    octree(2, label, cube);
                    octree(6, label, cube);
                }
                if (cube[12] == 1) {
                    cube[12] = label;
                    octree(1, label, cube);
                    octree(3, label, cube);
                    octree(7, label, cube);
                }
                if (cube[17] == 1) {
                    cube[17] = label;
                }
                if (cube[18] == 1) {
                    cube[18] = label;
                    octree(6, label, cube);
                }
                if (cube[20] == 1) {
                    cube[20] = label;
                    octree(7, label, cube);
                }
                if (cube[21] == 1) {
                    cube[21] = label;
                    octree(6, label, cube);
                    octree(7, label, cube);
                    octree(8, label, cube);
                }
            }
            case 6 -> {
                if (cube[10] == 1) {
                    cube[10] = label;
                    octree(1, label, cube);
                    octree(2, label, cube);
                    octree(5, label, cube);
                }
                if (cube[11] == 1) {
                    cube[11] = label;
                    octree(2, label, cube);
                }
                if (cube[13] == 1) {
                    cube[13] = label;
                    octree(2, label, cube);
                    octree(4, label, cube);
                    octree(8, label, cube);
                }
                if (cube[18] == 1) {
                    cube[18] = label;
                    octree(5, label, cube);
                }
                if (cube[21] == 1) {
                    cube[21] = label;
                    octree(5, label, cube);
                    octree(7, label, cube);
                    octree(8, label, cube);
                }
                if (cube[19] == 1) {
                    cube[19] = label;
                }
                if (cube[22] == 1) {
                    cube[22] = label;
                    octree(8, label, cube);
                }
            }
            case 7 -> {
                if (cube[12] == 1) {
                    cube[12] = label;
                    octree(1, label, cube);
                    octree(3, label, cube);
                    octree(5, label, cube);
                }
                if (cube[14] == 1) {
                    cube[14] = label;
                    octree(3, label, cube);
                }
                if (cube[15] == 1) {
                    cube[15] = label;
                    octree(3, label, cube);
                    octree(4, label, cube);
                    octree(8, label, cube);
                }
                if (cube[20] == 1) {
                    cube[20] = label;
                    octree(5, label, cube);
                }
                if (cube[21] == 1) {
                    cube[21] = label;
                    octree(5, label, cube);
                    octree(6, label, cube);
                    octree(8, label, cube);
                }
                if (cube[23] == 1) {
                    cube[23] = label;
                }
                if (cube[24] == 1) {
                    cube[24] = label;
                    octree(8, label, cube);
                }
            }
            case 8 -> {
                if (cube[13] == 1) {
                    cube[13] = label;
                    octree(2, label, cube);
                    octree(4, label, cube);
                    octree(6, label, cube);
                }
                if (cube[15] == 1) {
                    cube[15] = label;
                    octree(3, label, cube);
                    octree(4, label, cube);
                    octree(7, label, cube);
                }
                if (cube[16] == 1) {
                    cube[16] = label;
                    octree(4, label, cube);
                }
                if (cube[21] == 1) {
                    cube[21] = label;
                    octree(5, label, cube);
                    octree(6, label, cube);
                    octree(7, label, cube);
                }
                if (cube[22] == 1) {
                    cube[22] = label;
                    octree(6, label, cube);
                }
                if (cube[24] == 1) {
                    cube[24] = label;
                    octree(7, label, cube);
                }
                if (cube[25] == 1) {
                    cube[25] = label;
                }
            }
            default -> throw new IllegalStateException("octant " + octant);
        }
    }
}
