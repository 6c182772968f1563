package org.qbi.ops.segment;

/**
 * Which voxels touch: the neighbours of a voxel are the voxels whose offsets (dx, dy, dz), each -1, 0 or 1, have
 * at most {@link #maxOffsetSum()} non-zero components. In 3D that is 6 (faces), 18 (faces and edges) or 26
 * (faces, edges and corners) neighbours; in 2D 4 or 8. The same as scipy.ndimage.generate_binary_structure(rank,
 * connectivity) and scikit-image's {@code connectivity} 1, 2, 3.
 *
 * @since 0.1
 */
public enum Connectivity {
    /** 4 neighbours in 2D, 6 in 3D (scikit-image connectivity 1). */
    FACES,
    /** 8 neighbours in 2D, 18 in 3D (connectivity 2). */
    EDGES,
    /** 8 neighbours in 2D, 26 in 3D (connectivity 3). */
    CORNERS;

    /** The largest number of non-zero components of a neighbour's offset: 1, 2 or 3. */
    public int maxOffsetSum() {
        return ordinal() + 1;
    }

    /** True when the offset (dx, dy, dz) (each -1, 0 or 1, not all 0) points at a neighbour. */
    public boolean includes(int dx, int dy, int dz) {
        return Math.abs(dx) + Math.abs(dy) + Math.abs(dz) <= maxOffsetSum();
    }

    /**
     * The connectivity with {@code neighbours} neighbours: 4 or 8 for a 2D image, 6, 18 or 26 for a 3D one. On a
     * 2D image 6 means 4, and 18 or 26 mean 8 (so the 3D default works on both).
     *
     * @throws IllegalArgumentException for any other count, naming the ones allowed
     */
    public static Connectivity of(int neighbours, boolean threeD) {
        if (threeD) {
            return switch (neighbours) {
                case 6 -> FACES;
                case 18 -> EDGES;
                case 26 -> CORNERS;
                default -> throw new IllegalArgumentException("A 3D image takes connectivity 6, 18 or 26, got "
                        + neighbours);
            };
        }
        return switch (neighbours) {
            case 4, 6 -> FACES;
            case 8, 18, 26 -> CORNERS;
            default -> throw new IllegalArgumentException("A 2D image takes connectivity 4 or 8, got " + neighbours);
        };
    }
}
