package org.qbi.lab.neutron.ops;

import java.io.IOException;
import java.util.Arrays;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.lab.neutron.ops.internal.Planes;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;

/**
 * Stripe (ring artefact) reduction on sinograms by sorting: {@code neutron.ring_removal} (Vo, Atwood and
 * Drakopoulos 2018, algorithm 3).
 */
public final class StripeRemoval implements Operator {

    /** Largest stack read at once (floats, input and output): 2^29 values, 2 GB each way. */
    private static final long MAX_VALUES = 1L << 29;

    public static final Param<Integer> SIZE = Param.integer("size", "Median size",
            "Window of the median filter across detector columns, in pixels (odd; larger removes wider stripes)", 21)
            .range(3, 301);

    public static final OperatorSpec SPEC = OperatorSpec.builder("neutron.ring_removal", "Stripe removal (neutron)")
            .category("Neutron imaging")
            .description("Reduces the stripes of sinograms that become ring artefacts after reconstruction "
                    + "(detector pixels whose response differs from their neighbours'), with the sorting-based filter "
                    + "of Vo et al. 2018 (algorithm 3): in each sinogram every detector column is sorted over the "
                    + "projection angles, the sorted image is median-filtered across columns (size pixels, scipy "
                    + "'reflect' border), and the values are put back in their original order. A stack of "
                    + "projections (x: detector column, y: detector row, z: angle) is processed sinogram by sinogram "
                    + "(one per detector row); a 2D image is taken as one sinogram (x: detector column, y: angle). "
                    + "Ties are sorted stably (numpy argsort kind='stable'; Vo's code uses the default sort, which may "
                    + "order equal values differently). Works on physical values, typically the attenuation "
                    + "(-ln T); output float32.")
            .reference("Vo NT, Atwood RC, Drakopoulos M. Superior techniques for eliminating ring artifacts in X-ray "
                    + "micro-tomography. Optics Express 26 (2018) 28396-28412, doi:10.1364/OE.26.028396 "
                    + "(sarepy/tomopy remove_stripe_based_sorting)")
            .outputType("float32")
            .parameters(SIZE)
            .input(Port.image("image", "Projections (x, y, angle) or one sinogram (x, angle)"))
            .output(Port.image("corrected", "Image with the stripes reduced"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image image = inputs.image();
        int size = arguments.get(SIZE);
        if (size % 2 == 0) {
            throw new IllegalArgumentException("The median size must be odd; got " + size);
        }
        ImageHeader header = image.header();
        long[] d = header.dimensions();
        if (d[3] * d[4] != 1) {
            throw new IllegalArgumentException("Stripe removal takes one stack of projections (one channel, one time "
                    + "point); this image has " + d[3] + " channels and " + d[4] + " time points");
        }
        if (header.pixelCount() > MAX_VALUES) {
            throw new IllegalArgumentException("Stripe removal reads the whole stack (" + header.pixelCount()
                    + " pixels); at most " + MAX_VALUES + " are taken: crop the stack first");
        }
        int nx = Math.toIntExact(d[0]);
        int ny = Math.toIntExact(d[1]);
        int nz = Math.toIntExact(d[2]);
        boolean sinogram = nz == 1;
        float[][] planes = new float[nz][];
        for (int z = 0; z < nz; z++) {
            context.monitor().checkCanceled("reading projections");
            planes[z] = Planes.read(image, z);
        }
        float[][] out = new float[nz][nx * ny];
        // sinogram s: its angles are the planes (stack) or the rows (2D); its columns the detector columns
        int sinograms = sinogram ? 1 : ny;
        int angles = sinogram ? ny : nz;
        context.monitor().begin(SPEC.name(), sinograms);
        context.forEach(sinograms, s -> {
            float[] values = new float[angles * nx];
            for (int a = 0; a < angles; a++) {
                System.arraycopy(sinogram ? planes[0] : planes[a], sinogram ? a * nx : s * nx, values, a * nx, nx);
            }
            float[] corrected = filter(values, nx, angles, size);
            for (int a = 0; a < angles; a++) {
                System.arraycopy(corrected, a * nx, sinogram ? out[0] : out[a], sinogram ? a * nx : s * nx, nx);
            }
        });
        ArrayImage result = context.allocate(Planes.float32(header));
        for (int z = 0; z < nz; z++) {
            Planes.write(result, z, out[z]);
        }
        context.monitor().done();
        return Outputs.ofImage(SPEC, result);
    }

    /** Bits of {@code v} whose signed order is the order of the floats (NaN last, as Float.compare and numpy). */
    private static int orderedBits(float v) {
        int bits = v == 0 ? 0 : Float.floatToIntBits(v);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /**
     * The sorting filter on one sinogram ({@code angles} rows of {@code nx} values, row = angle).
     */
    static float[] filter(float[] sinogram, int nx, int angles, int size) {
        // sorted[x][rank] and the angle each rank came from. The sort key packs the value's order-preserving bits
        // above the angle, so one primitive sort is stable (equal values keep their angle order, as numpy's
        // kind='stable'); 0.0 and -0.0 count as equal, as numpy compares them.
        float[][] sorted = new float[nx][angles];
        int[][] from = new int[nx][angles];
        long[] keys = new long[angles];
        for (int x = 0; x < nx; x++) {
            for (int a = 0; a < angles; a++) {
                keys[a] = ((long) orderedBits(sinogram[a * nx + x]) << 32) | a;
            }
            Arrays.sort(keys);
            for (int rank = 0; rank < angles; rank++) {
                int a = (int) keys[rank];
                from[x][rank] = a;
                sorted[x][rank] = sinogram[a * nx + x];
            }
        }
        float[] result = new float[sinogram.length];
        int r = size / 2;
        int[] xs = Reflect.indices(nx, r);
        float[] window = new float[size];
        for (int rank = 0; rank < angles; rank++) {
            for (int x = 0; x < nx; x++) {
                for (int k = 0; k < size; k++) {
                    window[k] = sorted[xs[x + k]][rank];
                }
                Arrays.sort(window);
                result[from[x][rank] * nx + x] = window[r];
            }
        }
        return result;
    }
}
