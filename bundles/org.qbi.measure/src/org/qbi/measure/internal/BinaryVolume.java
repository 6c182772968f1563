package org.qbi.measure.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.ops.OperatorContext;

/** A mask read into a byte array (1 = solid, x fastest), for the structure measurements that need random access. */
public record BinaryVolume(byte[] solid, int nx, int ny, int nz) {

    public static BinaryVolume read(Image mask, String what, OperatorContext context) throws IOException {
        long[] dims = mask.header().dimensions();
        long voxels = dims[0] * dims[1] * dims[2];
        if (voxels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + " holds the mask in memory and measures up to 2^31 voxels; this "
                    + "one has " + voxels + ": crop or bin it first");
        }
        int nx = (int) dims[0];
        int ny = (int) dims[1];
        int nz = (int) mask.header().size(Axis.Z);
        byte[] solid = new byte[(int) voxels];
        PixelType type = mask.header().pixelType();
        context.forEach(nz, z -> {
            int[] row = new int[nx];
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment plane = new LabelPlanes(mask, 0, 0, arena).plane(z);
                for (int y = 0; y < ny; y++) {
                    LabelRows.read(type, plane, (long) y * nx, row, nx);
                    int base = nx * (y + ny * z);
                    for (int x = 0; x < nx; x++) {
                        solid[base + x] = (byte) (row[x] != 0 ? 1 : 0);
                    }
                }
            }
        });
        return new BinaryVolume(solid, nx, ny, nz);
    }

    public boolean at(int x, int y, int z) {
        return solid[x + nx * (y + ny * z)] != 0;
    }
}
