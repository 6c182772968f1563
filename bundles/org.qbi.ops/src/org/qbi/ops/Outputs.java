package org.qbi.ops;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.qbi.core.image.Image;
import org.qbi.core.table.Table;

/**
 * The outputs of one operator run by port name. An operator builds them with {@link #builder(OperatorSpec)};
 * {@link Builder#build()} checks that every declared output is there.
 *
 * @since 0.1
 */
public final class Outputs {

    private final Map<String, Object> values;

    private Outputs(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Builder builder(OperatorSpec spec) {
        return new Builder(spec);
    }

    /** Outputs of an operator with one image output. */
    public static Outputs ofImage(OperatorSpec spec, Image image) {
        return builder(spec).put(spec.outputs().getFirst().name(), image).build();
    }

    /** Outputs of an operator with one table output. */
    public static Outputs ofTable(OperatorSpec spec, Table table) {
        return builder(spec).put(spec.outputs().getFirst().name(), table).build();
    }

    public Image image(String name) {
        Object value = values.get(name);
        if (!(value instanceof Image image)) {
            throw new IllegalArgumentException("No image output '" + name + "'; outputs: " + values.keySet());
        }
        return image;
    }

    /** The first output, which must be an image. */
    public Image image() {
        return values.values().stream().filter(Image.class::isInstance).map(Image.class::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No image output; outputs: " + values.keySet()));
    }

    public Table table(String name) {
        Object value = values.get(name);
        if (!(value instanceof Table table)) {
            throw new IllegalArgumentException("No table output '" + name + "'; outputs: " + values.keySet());
        }
        return table;
    }

    /** Every output by port name, in declaration order. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** Collects outputs; checks kinds and completeness. */
    public static final class Builder {
        private final OperatorSpec spec;
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder(OperatorSpec spec) {
            this.spec = spec;
        }

        public Builder put(String name, Object value) {
            Port port = spec.outputs().stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Operator " + spec.id() + " has no output '" + name
                            + "'"));
            boolean ok = port.kind() == PortKind.TABLE ? value instanceof Table : value instanceof Image;
            if (!ok) {
                throw new IllegalArgumentException("Operator " + spec.id() + ", output '" + name + "' is a "
                        + port.kind().name().toLowerCase(java.util.Locale.ROOT) + ", got "
                        + (value == null ? "nothing" : value.getClass().getSimpleName()));
            }
            values.put(name, value);
            return this;
        }

        public Outputs build() {
            Map<String, Object> ordered = new LinkedHashMap<>();
            for (Port port : spec.outputs()) {
                Object value = values.get(port.name());
                if (value == null && !port.optional()) {
                    throw new IllegalStateException("Operator " + spec.id() + " did not produce output '" + port.name()
                            + "'");
                }
                if (value != null) {
                    ordered.put(port.name(), value);
                }
            }
            return new Outputs(ordered);
        }
    }
}
