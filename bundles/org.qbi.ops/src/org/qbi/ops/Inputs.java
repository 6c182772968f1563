package org.qbi.ops;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.core.table.Table;

/**
 * The inputs of one operator run by port name: images (for IMAGE, MASK and LABELS ports) and tables. Built with
 * {@link #of(OperatorSpec, Map)}, which checks that every required input is there and of the right kind.
 *
 * @since 0.1
 */
public final class Inputs {

    private final OperatorSpec spec;
    private final Map<String, Object> values;

    private Inputs(OperatorSpec spec, Map<String, Object> values) {
        this.spec = spec;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * @param values Image or Table per input port name
     * @throws IllegalArgumentException naming the operator and the port when one is missing, unknown or of the wrong
     *                                  kind (a label port given a float image, a table port given an image)
     */
    public static Inputs of(OperatorSpec spec, Map<String, ?> values) {
        for (String name : values.keySet()) {
            if (spec.inputs().stream().noneMatch(p -> p.name().equals(name))) {
                throw new IllegalArgumentException("Operator " + spec.id() + " has no input '" + name + "'");
            }
        }
        Map<String, Object> checked = new LinkedHashMap<>();
        for (Port port : spec.inputs()) {
            Object value = values.get(port.name());
            if (value == null) {
                if (!port.optional()) {
                    throw new IllegalArgumentException("Operator " + spec.id() + " needs input '" + port.name() + "' ("
                            + port.description() + ")");
                }
                continue;
            }
            check(spec, port, value);
            checked.put(port.name(), value);
        }
        return new Inputs(spec, checked);
    }

    /** Inputs for an operator with one image input. */
    public static Inputs ofImage(OperatorSpec spec, Image image) {
        if (spec.inputs().isEmpty()) {
            throw new IllegalArgumentException("Operator " + spec.id() + " takes no input");
        }
        return of(spec, Map.of(spec.inputs().getFirst().name(), image));
    }

    private static void check(OperatorSpec spec, Port port, Object value) {
        String where = "Operator " + spec.id() + ", input '" + port.name() + "': ";
        if (port.kind() == PortKind.TABLE) {
            if (!(value instanceof Table)) {
                throw new IllegalArgumentException(where + "expects a table, got " + value.getClass().getSimpleName());
            }
            return;
        }
        if (!(value instanceof Image image)) {
            throw new IllegalArgumentException(where + "expects an image, got " + value.getClass().getSimpleName());
        }
        PixelType type = image.header().pixelType();
        if ((port.kind() == PortKind.MASK || port.kind() == PortKind.LABELS)
                && (!type.isInteger() || type.samplesPerPixel() != 1)) {
            throw new IllegalArgumentException(where + "expects " + (port.kind() == PortKind.MASK ? "a mask" : "labels")
                    + " (an integer image), got a " + type.label() + " image");
        }
    }

    public OperatorSpec spec() {
        return spec;
    }

    /** The image on port {@code name}. */
    public Image image(String name) {
        Object value = values.get(name);
        if (!(value instanceof Image image)) {
            throw new IllegalArgumentException("Operator " + spec.id() + " has no image input '" + name + "'");
        }
        return image;
    }

    /** The first input, as an image (for the common one-input operators). */
    public Image image() {
        return image(spec.inputs().getFirst().name());
    }

    /** True when the (optional) input {@code name} was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Table table(String name) {
        Object value = values.get(name);
        if (!(value instanceof Table table)) {
            throw new IllegalArgumentException("Operator " + spec.id() + " has no table input '" + name + "'");
        }
        return table;
    }

    /** Every input by port name. */
    public Map<String, Object> asMap() {
        return values;
    }
}
