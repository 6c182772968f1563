package org.qbi.ops.morphology;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;

/**
 * A structuring element (footprint): a set of voxel offsets (dx, dy, dz) around a centre. Stored as a small
 * mask of {@code sx x sy x sz} voxels, x fastest, whose centre is voxel (sx/2, sy/2, sz/2) (integer division:
 * scipy.ndimage's origin 0, also for even sizes).
 * <p>
 * Shapes: a box of half-widths (rx, ry, rz) has (2rx+1)(2ry+1)(2rz+1) voxels; a ball (an ellipsoid when the radii
 * differ, as anisotropic spacing gives) holds the offsets with (dx/rx)^2 + (dy/ry)^2 + (dz/rz)^2 <= 1, which for
 * integer radii is skimage.morphology.ball / disk; a cross (diamond) holds |dx|/rx + |dy|/ry + |dz|/rz <= 1, for
 * radius 1 the connectivity-1 element (scipy.ndimage.generate_binary_structure(rank, 1)), for radius r that
 * element iterated r times. A radius of 0 along an axis keeps the element flat along it.
 *
 * @since 0.1
 */
public final class StructuringElement {

    /** Largest half-width along any axis, in voxels: beyond it a block and its halo no longer fit a core's work. */
    public static final int MAX_RADIUS = 255;

    private static final double EPS = 1e-9;

    private final int sx;
    private final int sy;
    private final int sz;
    private final boolean[] bits;
    private final boolean box;

    private StructuringElement(int sx, int sy, int sz, boolean[] bits, boolean box) {
        this.sx = sx;
        this.sy = sy;
        this.sz = sz;
        this.bits = bits;
        this.box = box;
        boolean any = false;
        for (boolean b : bits) {
            any |= b;
        }
        if (!any) {
            throw new IllegalArgumentException("A structuring element needs at least one voxel; this one is empty");
        }
    }

    /** A box of (2rx+1) x (2ry+1) x (2rz+1) voxels. */
    public static StructuringElement box(int rx, int ry, int rz) {
        checkRadius(rx, ry, rz);
        boolean[] bits = new boolean[(2 * rx + 1) * (2 * ry + 1) * (2 * rz + 1)];
        Arrays.fill(bits, true);
        return new StructuringElement(2 * rx + 1, 2 * ry + 1, 2 * rz + 1, bits, true);
    }

    /** The ellipsoid (dx/rx)^2 + (dy/ry)^2 + (dz/rz)^2 <= 1 (radii in voxels; 0 keeps it flat along that axis). */
    public static StructuringElement ball(double rx, double ry, double rz) {
        return ofNorm(rx, ry, rz, 2);
    }

    /** The diamond |dx|/rx + |dy|/ry + |dz|/rz <= 1; radius 1 is the connectivity-1 cross. */
    public static StructuringElement cross(double rx, double ry, double rz) {
        return ofNorm(rx, ry, rz, 1);
    }

    private static StructuringElement ofNorm(double rx, double ry, double rz, int power) {
        int ix = (int) Math.floor(rx + EPS);
        int iy = (int) Math.floor(ry + EPS);
        int iz = (int) Math.floor(rz + EPS);
        checkRadius(ix, iy, iz);
        int nx = 2 * ix + 1;
        int ny = 2 * iy + 1;
        int nz = 2 * iz + 1;
        boolean[] bits = new boolean[nx * ny * nz];
        for (int z = -iz; z <= iz; z++) {
            for (int y = -iy; y <= iy; y++) {
                for (int x = -ix; x <= ix; x++) {
                    double n = term(x, rx, power) + term(y, ry, power) + term(z, rz, power);
                    bits[(x + ix) + nx * ((y + iy) + ny * (z + iz))] = n <= 1 + EPS;
                }
            }
        }
        return new StructuringElement(nx, ny, nz, bits, false);
    }

    private static double term(int d, double r, int power) {
        if (d == 0) {
            return 0;
        }
        double q = Math.abs(d) / r;
        return power == 1 ? q : q * q;
    }

    private static void checkRadius(int rx, int ry, int rz) {
        if (rx < 0 || ry < 0 || rz < 0 || rx > MAX_RADIUS || ry > MAX_RADIUS || rz > MAX_RADIUS) {
            throw new IllegalArgumentException("A structuring element's radius must be 0.." + MAX_RADIUS
                    + " voxels along each axis, got " + rx + ", " + ry + ", " + rz + " (x, y, z)");
        }
    }

    /**
     * Parses "WxH:bits" (2D) or "WxHxD:bits" (3D): sizes along x, y[, z], then one 0 or 1 per voxel, x fastest
     * (numpy: {@code "".join(map(str, a.astype(int).ravel()))} of the (z, y, x) array). Spaces, commas and
     * slashes between the bits are ignored, so "3x3:010/111/010" is the 2D cross.
     *
     * @throws IllegalArgumentException saying what is malformed
     */
    public static StructuringElement parse(String text) {
        String s = text == null ? "" : text.strip();
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("A custom footprint is written WxH:bits or WxHxD:bits, e.g. 3x3:010111010; "
                    + "got '" + s + "'");
        }
        String[] sizes = s.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT).split("x");
        if (sizes.length < 1 || sizes.length > 3) {
            throw new IllegalArgumentException("A custom footprint has 2 or 3 sizes (WxH or WxHxD), got '"
                    + s.substring(0, colon) + "'");
        }
        int[] n = { 1, 1, 1 };
        for (int i = 0; i < sizes.length; i++) {
            try {
                n[i] = Integer.parseInt(sizes[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Footprint size '" + sizes[i] + "' is not a whole number");
            }
            if (n[i] < 1 || n[i] > 2 * MAX_RADIUS + 1) {
                throw new IllegalArgumentException("Footprint size " + n[i] + " must be 1.." + (2 * MAX_RADIUS + 1));
            }
        }
        StringBuilder digits = new StringBuilder();
        for (char c : s.substring(colon + 1).toCharArray()) {
            if (c == '0' || c == '1') {
                digits.append(c);
            } else if (!Character.isWhitespace(c) && c != ',' && c != '/') {
                throw new IllegalArgumentException("Footprint bits are 0 or 1, got '" + c + "' in '" + s + "'");
            }
        }
        int count = n[0] * n[1] * n[2];
        if (digits.length() != count) {
            throw new IllegalArgumentException("A " + n[0] + "x" + n[1] + "x" + n[2] + " footprint needs " + count
                    + " bits, got " + digits.length());
        }
        boolean[] bits = new boolean[count];
        for (int i = 0; i < count; i++) {
            bits[i] = digits.charAt(i) == '1';
        }
        return new StructuringElement(n[0], n[1], n[2], bits, false);
    }

    /**
     * The non-zero voxels of a small image (one channel, one time point, at most 511 voxels along each axis).
     *
     * @throws IllegalArgumentException when it is too big, multi-channel or empty
     */
    public static StructuringElement of(Image footprint) throws IOException {
        long[] dims = footprint.header().dimensions();
        PixelType type = footprint.header().pixelType();
        if (type.samplesPerPixel() != 1 || dims[3] != 1 || dims[4] != 1) {
            throw new IllegalArgumentException("A footprint image has one channel and one time point of a "
                    + "single-sample type; got " + footprint.header().describe());
        }
        for (int a = 0; a < 3; a++) {
            if (dims[a] > 2 * MAX_RADIUS + 1) {
                throw new IllegalArgumentException("A footprint image is at most " + (2 * MAX_RADIUS + 1)
                        + " voxels along each axis; got " + footprint.header().describe());
            }
        }
        int count = (int) (dims[0] * dims[1] * dims[2]);
        boolean[] bits = new boolean[count];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment values = footprint.readRegion(new long[5], new long[] { dims[0], dims[1], dims[2], 1, 1 },
                    arena);
            for (int i = 0; i < count; i++) {
                bits[i] = PixelValues.get(type, values, i) != 0;
            }
        }
        return new StructuringElement((int) dims[0], (int) dims[1], (int) dims[2], bits, false);
    }

    /** The element mirrored through its centre: {-b : b in B}, what dilation uses (scipy reflects it too). */
    public StructuringElement reflected() {
        int[][] offsets = offsets();
        int[] h = new int[3];
        for (int[] o : offsets) {
            for (int a = 0; a < 3; a++) {
                h[a] = Math.max(h[a], Math.abs(o[a]));
            }
        }
        int nx = 2 * h[0] + 1;
        int ny = 2 * h[1] + 1;
        int nz = 2 * h[2] + 1;
        boolean[] mirrored = new boolean[nx * ny * nz];
        for (int[] o : offsets) {
            mirrored[(h[0] - o[0]) + nx * ((h[1] - o[1]) + ny * (h[2] - o[2]))] = true;
        }
        return new StructuringElement(nx, ny, nz, mirrored, box);
    }

    /** Every offset (dx, dy, dz) in the element, z slowest. */
    public int[][] offsets() {
        List<int[]> list = new ArrayList<>();
        for (int z = 0; z < sz; z++) {
            for (int y = 0; y < sy; y++) {
                for (int x = 0; x < sx; x++) {
                    if (bits[x + sx * (y + sy * z)]) {
                        list.add(new int[] { x - sx / 2, y - sy / 2, z - sz / 2 });
                    }
                }
            }
        }
        return list.toArray(new int[0][]);
    }

    /** Number of voxels in the element. */
    public int count() {
        int n = 0;
        for (boolean b : bits) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /**
     * The element as runs along x: {dz, dy, first dx, length} per run, z slowest. Erosion by the element is the
     * minimum over its runs of 1D minima along x, which is how balls and custom elements are computed.
     */
    public int[][] runs() {
        List<int[]> list = new ArrayList<>();
        for (int z = 0; z < sz; z++) {
            for (int y = 0; y < sy; y++) {
                int x = 0;
                while (x < sx) {
                    if (!bits[x + sx * (y + sy * z)]) {
                        x++;
                        continue;
                    }
                    int start = x;
                    while (x < sx && bits[x + sx * (y + sy * z)]) {
                        x++;
                    }
                    list.add(new int[] { z - sz / 2, y - sy / 2, start - sx / 2, x - start });
                }
            }
        }
        return list.toArray(new int[0][]);
    }

    /** How far the element reaches from its centre along x, y, z (the halo a block needs). */
    public int[] reach() {
        int[] h = new int[3];
        for (int[] o : offsets()) {
            for (int a = 0; a < 3; a++) {
                h[a] = Math.max(h[a], Math.abs(o[a]));
            }
        }
        return h;
    }

    /** True for a full box centred on its centre voxel (computed as separable 1D passes). */
    public boolean isBox() {
        return box && sx % 2 == 1 && sy % 2 == 1 && sz % 2 == 1;
    }

    /** Sizes along x, y, z. */
    public int[] size() {
        return new int[] { sx, sy, sz };
    }

    /** The canonical text form ("3x3x1:010111010"), which {@link #parse} reads back. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder().append(sx).append('x').append(sy).append('x').append(sz).append(':');
        for (boolean bit : bits) {
            b.append(bit ? '1' : '0');
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StructuringElement e && e.sx == sx && e.sy == sy && e.sz == sz
                && Arrays.equals(e.bits, bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits) * 31 + sx + 7 * sy + 13 * sz;
    }
}
