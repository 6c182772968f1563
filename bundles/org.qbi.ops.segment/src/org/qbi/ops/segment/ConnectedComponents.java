package org.qbi.ops.segment;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.table.Table;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.segment.internal.BandLabeling;
import org.qbi.ops.segment.internal.Volume;

/**
 * Connected-component labeling of a mask, block-wise: every band of planes is labeled on its own (run-based, in
 * parallel), {@link LabelMerge} joins the objects that cross band faces, and a last parallel pass writes the final
 * labels. Numbering is scipy.ndimage.label's and skimage.measure.label's: raster order of each object's first voxel.
 */
public final class ConnectedComponents implements Operator {

    public static final Param<Integer> CONNECTIVITY = Param.integer("connectivity", "Connectivity",
            "Neighbours that touch: 4 or 8 in 2D; 6 (faces), 18 (faces and edges) or 26 (faces, edges and corners) in "
                    + "3D. On a 2D image 6 means 4 and 18 or 26 mean 8.", 26).range(4, 26);

    public static final OperatorSpec SPEC = OperatorSpec.builder("segment.label", "Connected components")
            .category("Segmentation")
            .description("Gives every connected object of a mask (non-zero voxels) its own label 1, 2, ... numbered in "
                    + "raster order of the object's first voxel (x fastest, then y, then z), exactly as "
                    + "scipy.ndimage.label and skimage.measure.label; background stays 0. Each channel and time point "
                    + "is labeled separately, from 1. Nothing wraps around the borders. The table has one row per "
                    + "channel and time point with the object count. Runs along x are labeled per band of planes in "
                    + "parallel and joined across bands with a union-find, so the result does not depend on the "
                    + "number of threads.")
            .reference("Rosenfeld A, Pfaltz JL. Sequential operations in digital picture processing. J ACM 13(4), "
                    + "1966, doi:10.1145/321356.321357; He L, Chao Y, Suzuki K. A run-based two-scan labeling "
                    + "algorithm. IEEE TIP 17(5), 2008, doi:10.1109/TIP.2008.919369")
            .outputType("label32")
            .parameters(CONNECTIVITY)
            .input(Port.mask("mask", "Objects to label (non-zero = foreground)"))
            .output(Port.labels("labels", "One label per connected object"))
            .output(Port.table("objects", "Object count per channel and time point"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image mask = inputs.image("mask");
        ImageHeader header = mask.header();
        Volume volume = Volume.of(header, SPEC.name());
        Connectivity connectivity = Connectivity.of(arguments.get(CONNECTIVITY), volume.is3D());
        ArrayImage labels = context.allocate(Volume.outputHeader(header, PixelType.LABEL32));
        long channels = header.size(Axis.C);
        long times = header.size(Axis.T);
        int volumes = Math.toIntExact(channels * times);
        double[] channel = new double[volumes];
        double[] time = new double[volumes];
        double[] objects = new double[volumes];
        int[] bands = volume.bands(context.parallelism() <= 1 ? 1 : 4 * context.parallelism());
        context.monitor().begin(SPEC.name(), (long) volumes * (2L * (bands.length - 1) + 1));
        try {
            for (int v = 0; v < volumes; v++) {
                long c = v % channels;
                long t = v / channels;
                channel[v] = c;
                time[v] = t;
                objects[v] = label(mask, c, t, volume, bands, connectivity, labels, context);
            }
        } finally {
            context.monitor().done();
        }
        Table table = Table.builder("objects").numbers("channel", "", channel).numbers("time", "", time)
                .numbers("objects", "", objects).build();
        return Outputs.builder(SPEC).put("labels", labels).put("objects", table).build();
    }

    /** Labels one volume into {@code target}; returns the object count. */
    static int label(Image mask, long c, long t, Volume volume, int[] bands, Connectivity connectivity,
            ArrayImage target, OperatorContext context) throws IOException {
        PixelType type = mask.header().pixelType();
        int n = bands.length - 1;
        BandLabeling[] labeled = new BandLabeling[n];
        int[][] firstPlanes = new int[n][];
        int[][] lastPlanes = new int[n][];
        context.forEach(n, b -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment values = volume.planes(mask, c, t, bands[b], bands[b + 1], arena);
                labeled[b] = BandLabeling.label(volume, bands[b], bands[b + 1], type, values, connectivity);
            }
            // the band's face planes, for the merge
            firstPlanes[b] = b > 0 ? labeled[b].plane(bands[b]) : null;
            lastPlanes[b] = b < n - 1 ? labeled[b].plane(bands[b + 1] - 1) : null;
        });
        context.monitor().checkCanceled(SPEC.name());
        long[][] firsts = new long[n][];
        for (int b = 0; b < n; b++) {
            firsts[b] = labeled[b].firstIndex();
        }
        LabelMerge merge = new LabelMerge(firsts);
        for (int b = 0; b + 1 < n; b++) {
            merge.unionFace(b, lastPlanes[b], b + 1, firstPlanes[b + 1], volume.nx(), volume.rowsPerPlane(),
                    connectivity);
        }
        LabelMerge.Relabeling relabeling = merge.relabel();
        context.monitor().worked(1);
        long offset = volume.volumeOffset(c, t);
        MemorySegment values = target.values();
        context.forEach(n, b -> labeled[b].write(relabeling.lookup()[b], values, offset));
        return relabeling.count();
    }
}
