package org.qbi.ops.segment;

import java.io.IOException;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
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
import org.qbi.ops.segment.internal.EuclideanDistance;
import org.qbi.ops.segment.internal.Flooding;
import org.qbi.ops.segment.internal.Peaks;
import org.qbi.ops.segment.internal.Volume;

/**
 * Splits touching objects of a mask: distance transform, markers at its maxima, watershed of minus the distance
 * inside the mask (scikit-image's "separating touching objects" example).
 */
public final class SplitObjects implements Operator {

    public static final Param<Integer> MIN_DISTANCE = Param.integer("min_distance", "Minimum distance",
            "Markers (distance maxima) closer than this along every axis, in voxels, are merged into the highest "
                    + "one; the maximum is also taken over a box of 2 min_distance + 1 voxels (skimage's "
                    + "min_distance)", 1).range(1, 1000);
    public static final Param<Integer> CONNECTIVITY = Param.integer("connectivity", "Connectivity",
            "Neighbours a basin grows into: 4 or 8 in 2D; 6, 18 or 26 in 3D (6 means 4 on a 2D image)", 6)
            .range(4, 26);

    public static final OperatorSpec SPEC = OperatorSpec.builder("segment.split", "Split touching objects")
            .category("Segmentation")
            .description("Separates touching round objects of a mask: computes the Euclidean distance transform "
                    + "(physical units when the image is calibrated, as segment.distance), takes its local maxima as "
                    + "markers exactly as skimage.feature.peak_local_max(distance, min_distance, "
                    + "exclude_border=False) (maxima of a (2 min_distance + 1)-wide box, above the minimum; "
                    + "candidates from the highest down, each dropped when a kept one is closer than min_distance "
                    + "along every axis), labels them with face connectivity (scipy.ndimage.label's default), and "
                    + "floods minus the distance from them inside the mask (segment.watershed). Equals that scikit-"
                    + "image pipeline except where equal maxima lie closer than min_distance: scikit-image orders "
                    + "them with an unstable sort, here they are taken in raster order. Objects with no marker stay "
                    + "0. Output label32; channels and time points separately.")
            .reference("Beucher S, Meyer F. The morphological approach to segmentation: the watershed "
                    + "transformation, 1993; scikit-image gallery, Watershed segmentation (separating touching "
                    + "objects)")
            .outputType("label32")
            .parameters(MIN_DISTANCE, CONNECTIVITY)
            .input(Port.mask("mask", "Objects to split (non-zero = foreground)"))
            .output(Port.labels("labels", "One label per split object"))
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
        int minDistance = arguments.get(MIN_DISTANCE);
        double[] spacing = Volume.spacing(header, new double[0], "spacing");
        Volume.requireHeap(30L * volume.voxels() + (64L << 20), SPEC.name());
        ArrayImage labels = context.allocate(Volume.outputHeader(header, PixelType.LABEL32));
        long channels = header.size(Axis.C);
        long volumes = channels * header.size(Axis.T);
        context.monitor().begin(SPEC.name(), volumes);
        try {
            for (long v = 0; v < volumes; v++) {
                long c = v % channels;
                long t = v / channels;
                float[] distance = distances(mask, c, t, volume, spacing, context);
                byte[] peaks = Peaks.find(distance, volume, minDistance);
                int[] markers = labelFaces(peaks, volume);
                double[] relief = new double[distance.length];
                for (int i = 0; i < relief.length; i++) {
                    relief[i] = -distance[i];
                }
                byte[] allowed = volume.readMask(mask, c, t);
                for (int i = 0; i < markers.length; i++) {
                    markers[i] = allowed[i] == 0 ? 0 : markers[i];
                }
                Flooding.flood(relief, markers, allowed, volume, connectivity, context.monitor());
                volume.writeInts(labels, c, t, markers);
                context.monitor().worked(1);
            }
        } finally {
            context.monitor().done();
        }
        return Outputs.ofImage(SPEC, labels);
    }

    private static float[] distances(Image mask, long c, long t, Volume volume, double[] spacing,
            OperatorContext context) throws IOException {
        ArrayImage one = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.FLOAT32, volume.nx(), volume.ny(),
                volume.nz()));
        EuclideanDistance.compute(mask, c, t, volume, spacing, false, one.values(), 0,
                context.withMonitor(org.qbi.core.progress.ProgressMonitor.NULL));
        float[] values = new float[volume.voxels()];
        java.lang.foreign.MemorySegment.copy(one.values(), Volume.FLOAT, 0, values, 0, values.length);
        return values;
    }

    /** Face-connected components of a 0/1 volume, numbered in raster order (scipy.ndimage.label's default). */
    private static int[] labelFaces(byte[] peaks, Volume volume) throws IOException {
        ArrayImage image = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.UINT8, volume.nx(), volume.ny(),
                volume.nz()));
        volume.writeBytes(image, 0, 0, peaks);
        ArrayImage labels = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.LABEL32, volume.nx(), volume.ny(),
                volume.nz()));
        Volume single = new Volume(volume.nx(), volume.ny(), volume.nz(), 1);
        ConnectedComponents.label(image, 0, 0, single, single.bands(1), Connectivity.FACES, labels,
                OperatorContext.defaults().withParallelism(1));
        int[] values = new int[volume.voxels()];
        java.lang.foreign.MemorySegment.copy(labels.values(), Volume.INT, 0, values, 0, values.length);
        return values;
    }
}
