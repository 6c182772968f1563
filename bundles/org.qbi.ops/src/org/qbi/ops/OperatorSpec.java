package org.qbi.ops;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an operator is, declared once in its class: id, name, category, description with a literature reference,
 * parameters, inputs and outputs, and the output pixel type it documents. Everything the user sees about an operator
 * (the UI form, {@code qbi op list}, the pipeline entry, the provenance record) derives from it.
 *
 * @param id          stable, dotted, readable: "filter.gaussian", "threshold.otsu"; never changes once released
 * @param name        what the user reads: "Gaussian filter"
 * @param category    the palette group: "Filters", "Threshold", "Morphology", ...
 * @param description what it does, how borders are handled, any deliberate difference from scipy/scikit-image
 * @param reference   the literature or documentation reference
 * @param outputType  which pixel type it writes, in words ("float32", "same as input", "uint8 mask")
 * @param parameters  declared parameters, in the order of the form
 * @param inputs      inputs, in command-line order
 * @param outputs     outputs; the first image output is what {@code qbi op} writes to OUT
 * @since 0.1
 */
public record OperatorSpec(String id, String name, String category, String description, String reference,
        String outputType, List<Param<?>> parameters, List<Port> inputs, List<Port> outputs) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    public OperatorSpec {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("An operator id is dotted lower-case words, e.g. filter.gaussian; got '"
                    + id + "'");
        }
        parameters = List.copyOf(parameters);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("Operator " + id + " declares no output");
        }
        Set<String> names = new HashSet<>();
        for (Param<?> p : parameters) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("Operator " + id + " declares parameter '" + p.name() + "' twice");
            }
        }
        Set<String> ports = new HashSet<>();
        for (Port p : inputs) {
            if (!ports.add(p.name())) {
                throw new IllegalArgumentException("Operator " + id + " declares input '" + p.name() + "' twice");
            }
        }
        Set<String> outs = new HashSet<>();
        for (Port p : outputs) {
            if (!outs.add(p.name())) {
                throw new IllegalArgumentException("Operator " + id + " declares output '" + p.name() + "' twice");
            }
        }
        name = name == null || name.isBlank() ? id : name;
        category = category == null ? "" : category;
        description = description == null ? "" : description;
        reference = reference == null ? "" : reference;
        outputType = outputType == null ? "" : outputType;
    }

    /** Starts a declaration. */
    public static Builder builder(String id, String name) {
        return new Builder(id, name);
    }

    /** The parameter called {@code parameterName}, if declared. */
    public Optional<Param<?>> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }

    /** Builds an {@link OperatorSpec}. */
    public static final class Builder {
        private final String id;
        private final String name;
        private String category = "";
        private String description = "";
        private String reference = "";
        private String outputType = "";
        private final List<Param<?>> parameters = new ArrayList<>();
        private final List<Port> inputs = new ArrayList<>();
        private final List<Port> outputs = new ArrayList<>();

        private Builder(String id, String name) {
            this.id = id;
            this.name = name;
        }

        public Builder category(String value) {
            category = value;
            return this;
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public Builder reference(String value) {
            reference = value;
            return this;
        }

        public Builder outputType(String value) {
            outputType = value;
            return this;
        }

        public Builder parameters(Param<?>... values) {
            parameters.addAll(List.of(values));
            return this;
        }

        public Builder input(Port port) {
            inputs.add(port);
            return this;
        }

        public Builder output(Port port) {
            outputs.add(port);
            return this;
        }

        public OperatorSpec build() {
            return new OperatorSpec(id, name, category, description, reference, outputType, parameters, inputs, outputs);
        }
    }
}
