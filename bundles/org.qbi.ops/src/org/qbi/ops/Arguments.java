package org.qbi.ops;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameter values of one operator run, checked against its declaration: every declared parameter has a
 * value (given or default), no undeclared name is accepted. Immutable.
 *
 * @since 0.1
 */
public final class Arguments {

    private final OperatorSpec spec;
    private final Map<String, Object> values;

    private Arguments(OperatorSpec spec, Map<String, Object> values) {
        this.spec = spec;
        this.values = Collections.unmodifiableMap(values);
    }

    /** All defaults. */
    public static Arguments defaults(OperatorSpec spec) {
        return parse(spec, Map.of());
    }

    /**
     * Values from their text forms (command line, pipeline file); missing ones take their defaults.
     *
     * @throws IllegalArgumentException naming the operator and the parameter: unknown name, bad value, out of
     *                                  range, or a required parameter missing
     */
    public static Arguments parse(OperatorSpec spec, Map<String, String> texts) {
        for (String name : texts.keySet()) {
            if (spec.parameter(name).isEmpty()) {
                throw new IllegalArgumentException("Operator " + spec.id() + " has no parameter '" + name + "'; its "
                        + "parameters are " + String.join(", ", spec.parameters().stream().map(Param::name).toList()));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Param<?> param : spec.parameters()) {
            String text = texts.get(param.name());
            Object value = text != null ? param.parse(text) : param.defaultValue();
            if (value == null) {
                throw new IllegalArgumentException("Operator " + spec.id() + " needs parameter '" + param.name() + "' ("
                        + param.description() + ")");
            }
            values.put(param.name(), value);
        }
        return new Arguments(spec, values);
    }

    /** These arguments with one value changed. */
    public <T> Arguments with(Param<T> param, T value) {
        checkDeclared(param);
        param.check(value);
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(param.name(), value);
        return new Arguments(spec, copy);
    }

    /** The value of {@code param}. */
    public <T> T get(Param<T> param) {
        checkDeclared(param);
        Object value = values.get(param.name());
        return param.valueClass().cast(value instanceof double[] list ? list.clone() : value);
    }

    private void checkDeclared(Param<?> param) {
        if (spec.parameter(param.name()).isEmpty()) {
            throw new IllegalArgumentException("Operator " + spec.id() + " does not declare parameter '"
                    + param.name() + "'");
        }
    }

    public OperatorSpec spec() {
        return spec;
    }

    /**
     * Every parameter's canonical text, in declaration order: what pipelines and provenance record and what
     * {@link #parse} reads back to equal arguments.
     */
    public Map<String, String> asText() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Param<?> param : spec.parameters()) {
            texts.put(param.name(), formatted(param));
        }
        return texts;
    }

    @SuppressWarnings("unchecked")
    private <T> String formatted(Param<T> param) {
        return param.format((T) values.get(param.name()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Arguments a && a.spec.id().equals(spec.id()) && a.asText().equals(asText());
    }

    @Override
    public int hashCode() {
        return spec.id().hashCode() * 31 + asText().hashCode();
    }

    @Override
    public String toString() {
        return spec.id() + asText();
    }
}
