package org.qbi.ops.morphology;

import java.io.IOException;

import org.qbi.core.image.ImageHeader;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Length;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.Port;

/**
 * What the operators with a structuring element share: the parameters shape, radius and footprint, the optional
 * footprint image input, and how they make the element. Every such operator keeps the input's pixel type, works on
 * every channel and time point separately, and clips the neighbourhood to the image (see {@link #CONVENTION}).
 *
 * @since 0.1
 */
public abstract class ElementOperator implements Operator {

    /** The shapes of structuring element. */
    public enum Shape {
        /** (2r+1) voxels along each axis. */
        BOX,
        /** Ellipsoid of the radius (a disk on a 2D image); radius 1 is the cross. */
        BALL,
        /** The ball in the x-y plane only: each slice of a 3D image separately. */
        DISK,
        /** |dx|/rx + |dy|/ry + |dz|/rz <= 1: radius 1 is the connectivity-1 element (6 neighbours in 3D). */
        CROSS,
        /** The footprint parameter's text or the footprint image input. */
        CUSTOM
    }

    public static final Param<Shape> SHAPE = Param.choice("shape", "Shape",
            "Structuring element: box, ball (ellipsoid; disk on a 2D image), disk (x-y plane only), cross "
                    + "(diamond; radius 1 = connectivity 1), custom (footprint text or image)",
            Shape.class, Shape.BALL);
    public static final Param<Length> RADIUS = Param.length("radius", "Radius",
            "Half-width of the element in voxels (2) or physical units (0.5 mm: converted per axis with the spacing, "
                    + "so anisotropic voxels give an ellipsoid); fractions are floored for a box; ignored for custom",
            1).range(0, StructuringElement.MAX_RADIUS);
    public static final Param<String> FOOTPRINT = Param.text("footprint", "Custom footprint",
            "For shape=custom: WxH:bits or WxHxD:bits, x fastest, centre at size/2 (e.g. 3x3:010111010); "
                    + "or give a small mask image as the footprint input instead", "");

    /** The input image port name. */
    public static final String IMAGE = "image";
    /** The optional footprint image port name. */
    public static final String FOOTPRINT_IMAGE = "footprint";

    /** The border and element conventions every such operator states in its description. */
    public static final String CONVENTION = "Only voxels inside the image count (the neighbourhood is clipped to "
            + "the image, as skimage.morphology does): equals scipy.ndimage.grey_erosion/dilation with its default "
            + "mode 'reflect' for box, ball and cross, and for a 0/1 mask scipy.ndimage.binary_erosion with "
            + "border_value=1 (scipy's default border_value=0 erodes objects from outside the image; deliberately not "
            + "followed) and binary_dilation with its default border_value=0. Dilation uses the reflected element "
            + "(as scipy and skimage), so dilation and erosion are adjoint also for asymmetric custom elements. "
            + "A 0/1 mask stays a 0/1 mask (binary morphology); grey values keep their type exactly (NaN counts as "
            + "above +inf). Default element: ball radius 1, the connectivity-1 cross of scipy and skimage.";

    /** The declaration's common part: category, parameters, the image and optional footprint inputs. */
    protected static OperatorSpec.Builder spec(String id, String name, String description) {
        return OperatorSpec.builder(id, name)
                .category("Morphology")
                .description(description + " " + CONVENTION)
                .reference("Serra J. Image Analysis and Mathematical Morphology. Academic Press, 1982; Soille P. "
                        + "Morphological Image Analysis, 2nd ed. Springer, 2003; scipy.ndimage, skimage.morphology")
                .outputType("same as input (a 0/1 mask stays 0/1)")
                .parameters(SHAPE, RADIUS, FOOTPRINT)
                .input(Port.image(IMAGE, "Image or mask"))
                .input(new Port(FOOTPRINT_IMAGE, org.qbi.ops.PortKind.MASK,
                        "Custom structuring element as a small image (non-zero = in; centre at size/2)", true));
    }

    /**
     * The structuring element the arguments ask for on an image with {@code header}.
     *
     * @throws IllegalArgumentException when shape and footprint disagree or the footprint is malformed
     */
    public static StructuringElement element(ImageHeader header, Inputs inputs, Arguments arguments)
            throws IOException {
        Shape shape = arguments.get(SHAPE);
        String text = arguments.get(FOOTPRINT);
        boolean image = inputs.has(FOOTPRINT_IMAGE);
        if (shape == Shape.CUSTOM) {
            if (image && !text.isBlank()) {
                throw new IllegalArgumentException("Give the custom footprint either as text or as an image, not both");
            }
            if (image) {
                return StructuringElement.of(inputs.image(FOOTPRINT_IMAGE));
            }
            if (text.isBlank()) {
                throw new IllegalArgumentException("shape=custom needs the footprint parameter (e.g. 3x3:010111010) "
                        + "or a footprint image");
            }
            return StructuringElement.parse(text);
        }
        if (image || !text.isBlank()) {
            throw new IllegalArgumentException("A footprint was given but shape is "
                    + shape.name().toLowerCase(java.util.Locale.ROOT) + "; set shape=custom to use it");
        }
        double[] r = arguments.get(RADIUS).toVoxels(header);
        return switch (shape) {
            case BOX -> StructuringElement.box(floor(r[0]), floor(r[1]), floor(r[2]));
            case BALL -> StructuringElement.ball(r[0], r[1], r[2]);
            case DISK -> StructuringElement.ball(r[0], r[1], 0);
            case CROSS -> StructuringElement.cross(r[0], r[1], r[2]);
            case CUSTOM -> throw new IllegalStateException();
        };
    }

    private static int floor(double voxels) {
        if (voxels > StructuringElement.MAX_RADIUS + 1) {
            throw new IllegalArgumentException("A radius of " + voxels + " voxels is more than "
                    + StructuringElement.MAX_RADIUS);
        }
        return (int) Math.floor(voxels + 1e-9);
    }
}
