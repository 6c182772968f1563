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
import org.qbi.ops.segment.internal.Skeletons;
import org.qbi.ops.segment.internal.Volume;

/** Skeletonization by thinning: skimage.morphology.skeletonize (Zhang-Suen in 2D, Lee94 in 3D). */
public final class Skeleton implements Operator {

    /** The thinning algorithm. */
    public enum Method {
        /** Zhang-Suen for 2D images, Lee for 3D ones (scikit-image's default). */
        AUTO,
        /** Zhang and Suen's 2D thinning. */
        ZHANG,
        /** Lee, Kashyap and Chu's thinning, 2D or 3D. */
        LEE
    }

    public static final Param<Method> METHOD = Param.choice("method", "Method",
            "auto: zhang for 2D images, lee for 3D ones; zhang works on 2D images only", Method.class, Method.AUTO);

    public static final OperatorSpec SPEC = OperatorSpec.builder("segment.skeleton", "Skeleton")
            .category("Segmentation")
            .description("Thins every object of a mask (non-zero voxels) to a line one voxel wide that keeps its "
                    + "topology: Zhang and Suen's two-subiteration thinning for 2D images, Lee, Kashyap and Chu's "
                    + "medial-axis thinning (26-connected skeleton) for 3D. Ported step by step from scikit-image "
                    + "0.19 (skimage.morphology.skeletonize and skeletonize_3d), so the result is identical; "
                    + "everything past the border is background. Output uint8 mask 0/1 (scikit-image's lee method "
                    + "returns 0/255 for uint8 input); channels and time points separately. Sequential: the "
                    + "thinning order is part of the result.")
            .reference("Zhang TY, Suen CY. A fast parallel algorithm for thinning digital patterns. Comm ACM 27(3), "
                    + "1984, doi:10.1145/357994.358023; Lee TC, Kashyap RL, Chu CN. Building skeleton models via 3-D "
                    + "medial surface/axis thinning algorithms. CVGIP 56(6), 1994, doi:10.1006/cgip.1994.1042")
            .outputType("uint8 mask")
            .parameters(METHOD)
            .input(Port.mask("mask", "Objects to thin (non-zero = foreground)"))
            .output(Port.mask("skeleton", "The skeleton (1) and background (0)"))
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
        Method method = arguments.get(METHOD);
        if (method == Method.ZHANG && volume.is3D()) {
            throw new IllegalArgumentException(SPEC.id() + ": method zhang thins 2D images only; this image has "
                    + volume.nz() + " slices: use method lee (or auto)");
        }
        boolean zhang = method == Method.ZHANG || (method == Method.AUTO && !volume.is3D());
        Volume.requireHeap(3L * volume.voxels() + (64L << 20), SPEC.name());
        ArrayImage skeleton = context.allocate(Volume.outputHeader(header, PixelType.UINT8));
        long channels = header.size(Axis.C);
        long volumes = channels * header.size(Axis.T);
        context.monitor().begin(SPEC.name(), volumes);
        try {
            for (long v = 0; v < volumes; v++) {
                long c = v % channels;
                long t = v / channels;
                byte[] values = volume.readMask(mask, c, t);
                if (zhang) {
                    Skeletons.zhangSuen(values, volume.nx(), volume.ny());
                } else {
                    Skeletons.lee(values, volume.nx(), volume.ny(), volume.nz(), context.monitor());
                }
                volume.writeBytes(skeleton, c, t, values);
                context.monitor().worked(1);
            }
        } finally {
            context.monitor().done();
        }
        return Outputs.ofImage(SPEC, skeleton);
    }
}
