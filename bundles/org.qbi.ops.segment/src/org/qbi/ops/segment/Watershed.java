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
import org.qbi.ops.segment.internal.Flooding;
import org.qbi.ops.segment.internal.Volume;

/** Marker-based watershed: skimage.segmentation.watershed(image, markers, connectivity, mask=mask). */
public final class Watershed implements Operator {

    public static final Param<Integer> CONNECTIVITY = Param.integer("connectivity", "Connectivity",
            "Neighbours a basin grows into: 4 or 8 in 2D; 6, 18 or 26 in 3D (6 means 4 on a 2D image, as "
                    + "scikit-image's default connectivity 1)", 6).range(4, 26);

    public static final OperatorSpec SPEC = OperatorSpec.builder("segment.watershed", "Watershed from markers")
            .category("Segmentation")
            .description("Floods the image (the relief: e.g. a gradient magnitude, or minus a distance map) from the "
                    + "markers: each labeled marker voxel grows into its unlabeled neighbours in order of increasing "
                    + "image value, so every voxel gets the label of the basin that reaches it first; voxels outside "
                    + "the optional mask stay 0 (and so do voxels no marker reaches). The queue order is total "
                    + "(value, then markers before flooded voxels, markers by raster index, flooded voxels by the "
                    + "time they entered), so results are reproducible. Equals skimage.segmentation.watershed("
                    + "image, markers, connectivity, mask=mask) except where two markers of equal value compete for "
                    + "a voxel (scikit-image's heap order among them is arbitrary) and, in 3D with connectivity 18 "
                    + "or 26, where its neighbour order (an unstable sort) differs. Output label32 with the markers' "
                    + "labels; channels and time points separately.")
            .reference("Beucher S, Meyer F. The morphological approach to segmentation: the watershed "
                    + "transformation. Mathematical Morphology in Image Processing, 1993; "
                    + "skimage.segmentation.watershed")
            .outputType("label32")
            .parameters(CONNECTIVITY)
            .input(Port.image("image", "Relief to flood (low values first)"))
            .input(Port.labels("markers", "Seeds: 0 = none, else the label the basin gets"))
            .input(Port.mask("mask", "Voxels that may be labeled").asOptional())
            .output(Port.labels("labels", "Basins labeled as their markers"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image image = inputs.image("image");
        Image markers = inputs.image("markers");
        Image mask = inputs.has("mask") ? inputs.image("mask") : null;
        Volume.requireSameSize(image, markers, SPEC.id(), "the markers image");
        if (mask != null) {
            Volume.requireSameSize(image, mask, SPEC.id(), "the mask");
        }
        ImageHeader header = image.header();
        if (header.pixelType().samplesPerPixel() != 1) {
            throw new IllegalArgumentException(SPEC.id() + " floods single-sample images; a " + header.pixelType().label()
                    + " image has " + header.pixelType().samplesPerPixel() + " samples per pixel: split it first");
        }
        Volume volume = Volume.of(header, SPEC.name());
        Connectivity connectivity = Connectivity.of(arguments.get(CONNECTIVITY), volume.is3D());
        Volume.requireHeap(17L * volume.voxels() + (64L << 20), SPEC.name());
        ArrayImage labels = context.allocate(Volume.outputHeader(header, PixelType.LABEL32));
        long channels = header.size(Axis.C);
        long volumes = channels * header.size(Axis.T);
        context.monitor().begin(SPEC.name(), volumes);
        try {
            for (long v = 0; v < volumes; v++) {
                long c = v % channels;
                long t = v / channels;
                double[] relief = volume.readDoubles(image, c, t);
                int[] seeds = volume.readLabels(markers, c, t, "The markers image");
                byte[] allowed = mask == null ? null : volume.readMask(mask, c, t);
                if (allowed != null) {
                    for (int i = 0; i < seeds.length; i++) {
                        seeds[i] = allowed[i] == 0 ? 0 : seeds[i];
                    }
                }
                Flooding.flood(relief, seeds, allowed, volume, connectivity, context.monitor());
                volume.writeInts(labels, c, t, seeds);
                context.monitor().worked(1);
            }
        } finally {
            context.monitor().done();
        }
        return Outputs.ofImage(SPEC, labels);
    }
}
