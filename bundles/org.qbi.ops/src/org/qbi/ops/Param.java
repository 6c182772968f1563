package org.qbi.ops;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One typed parameter of an operator, declared once as a constant of the operator class; the UI form, the
 * pipeline file, the command line ({@code --param name=value}) and the provenance record all derive from it.
 * <p>
 * Every value has one canonical text form ({@link #format}), which {@link #parse} reads back exactly: that text is
 * what pipelines and provenance store.
 *
 * <pre>
 * static final Param&lt;Length&gt; SIGMA = Param.length("sigma", "Sigma", "Standard deviation of the kernel", 1);
 * static final Param&lt;Double&gt; TRUNCATE = Param.real("truncate", "Truncate", "Kernel radius in sigmas", 4.0).range(0.5, 20);
 * </pre>
 *
 * @param <T> the value type: Double, Integer, Boolean, String, {@link Length}, an enum, or double[]
 * @since 0.1
 */
public final class Param<T> {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");

    /** The kinds of value a parameter holds; the UI picks its control from it. */
    public enum Type {
        REAL, INTEGER, FLAG, TEXT, LENGTH, CHOICE, REALS
    }

    private final String name;
    private final String label;
    private final String description;
    private final Type type;
    private final Class<T> valueClass;
    private final T defaultValue;
    private final double min;
    private final double max;
    private final List<String> choices;
    private final Function<String, T> parser;
    private final Function<T, String> formatter;

    private Param(String name, String label, String description, Type type, Class<T> valueClass, T defaultValue,
            double min, double max, List<String> choices, Function<String, T> parser, Function<T, String> formatter) {
        checkIdentifier(name, "parameter");
        this.name = name;
        this.label = label == null || label.isBlank() ? name : label;
        this.description = description == null ? "" : description;
        this.type = type;
        this.valueClass = valueClass;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.choices = List.copyOf(choices);
        this.parser = parser;
        this.formatter = formatter;
        if (defaultValue != null) {
            check(defaultValue);
        }
    }

    static void checkIdentifier(String name, String what) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("A " + what + " name is lower case letters, digits and underscores, "
                    + "starting with a letter; got '" + name + "'");
        }
    }

    /** A real number. */
    public static Param<Double> real(String name, String label, String description, double defaultValue) {
        return new Param<>(name, label, description, Type.REAL, Double.class, defaultValue,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of(), Param::parseReal, Param::formatReal);
    }

    /** A real number that must be given (no default), e.g. a threshold value. */
    public static Param<Double> requiredReal(String name, String label, String description) {
        return new Param<>(name, label, description, Type.REAL, Double.class, null, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, List.of(), Param::parseReal, Param::formatReal);
    }

    /** A whole number. */
    public static Param<Integer> integer(String name, String label, String description, int defaultValue) {
        return new Param<>(name, label, description, Type.INTEGER, Integer.class, defaultValue, Integer.MIN_VALUE,
                Integer.MAX_VALUE, List.of(), text -> {
                    try {
                        return Integer.parseInt(text.strip());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + text + "' is not a whole number");
                    }
                }, String::valueOf);
    }

    /** A yes/no switch ("true"/"false"). */
    public static Param<Boolean> flag(String name, String label, String description, boolean defaultValue) {
        return new Param<>(name, label, description, Type.FLAG, Boolean.class, defaultValue, 0, 1, List.of(), text -> {
            String s = text.strip().toLowerCase(Locale.ROOT);
            return switch (s) {
                case "true", "yes", "1", "on" -> true;
                case "false", "no", "0", "off" -> false;
                default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
            };
        }, String::valueOf);
    }

    /** Free text (e.g. a custom structuring element, a file name). */
    public static Param<String> text(String name, String label, String description, String defaultValue) {
        return new Param<>(name, label, description, Type.TEXT, String.class, defaultValue, 0, 0, List.of(),
                String::strip, s -> s);
    }

    /** A length in voxels or physical units ({@link Length}); the default is in voxels. */
    public static Param<Length> length(String name, String label, String description, double defaultVoxels) {
        return new Param<>(name, label, description, Type.LENGTH, Length.class, Length.voxels(defaultVoxels), 0,
                Double.POSITIVE_INFINITY, List.of(), Length::parse, Length::toString);
    }

    /** One of an enum's constants, written in lower case ("reflect", "nearest"). */
    public static <E extends Enum<E>> Param<E> choice(String name, String label, String description, Class<E> type,
            E defaultValue) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        return new Param<>(name, label, description, Type.CHOICE, type, defaultValue, 0, 0, names, text -> {
            String wanted = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(wanted)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not one of " + String.join(", ", names));
        }, e -> e.name().toLowerCase(Locale.ROOT));
    }

    /** A list of real numbers written "1,2,3" (thresholds, per-axis values, a kernel). */
    public static Param<double[]> reals(String name, String label, String description, double... defaultValue) {
        return new Param<>(name, label, description, Type.REALS, double[].class, defaultValue.clone(),
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of(), text -> {
                    String s = text.strip();
                    if (s.isEmpty()) {
                        return new double[0];
                    }
                    return Arrays.stream(s.split("[,\\s]+")).mapToDouble(Param::parseReal).toArray();
                }, values -> String.join(",", Arrays.stream(values).mapToObj(Param::formatReal).toList()));
    }

    /**
     * This parameter with an allowed range (inclusive) for numbers, list elements and lengths given in voxels
     * (a physical length is checked once converted, by the operator).
     */
    public Param<T> range(double minimum, double maximum) {
        if (!(minimum <= maximum)) {
            throw new IllegalArgumentException("Parameter '" + name + "': range " + minimum + ".." + maximum + " is empty");
        }
        return new Param<>(name, label, description, type, valueClass, defaultValue, minimum, maximum, choices, parser,
                formatter);
    }

    private static double parseReal(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        try {
            return switch (s) {
                case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
                case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(s);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
    }

    private static String formatReal(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /**
     * Reads a value from its text form and checks it.
     *
     * @throws IllegalArgumentException naming the parameter, the text and what is allowed
     */
    public T parse(String text) {
        T value;
        try {
            value = parser.apply(Objects.requireNonNull(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Parameter '" + name + "': " + e.getMessage(), e);
        }
        check(value);
        return value;
    }

    /** The canonical text of {@code value}; {@code parse(format(v))} equals {@code v}. */
    public String format(T value) {
        return formatter.apply(value);
    }

    /**
     * Checks a value against the range.
     *
     * @throws IllegalArgumentException naming the parameter, the value and the range
     */
    public void check(T value) {
        if (value == null) {
            throw new IllegalArgumentException("Parameter '" + name + "' needs a value");
        }
        if (!valueClass.isInstance(value)) {
            throw new IllegalArgumentException("Parameter '" + name + "' takes a " + valueClass.getSimpleName()
                    + ", got " + value.getClass().getSimpleName());
        }
        double[] numbers = switch (value) {
            case Double d -> new double[] { d };
            case Integer i -> new double[] { i };
            case Length l -> l.isVoxels() ? new double[] { l.value() } : new double[0];
            case double[] list -> list;
            default -> new double[0];
        };
        for (double number : numbers) {
            if (Double.isNaN(number) || number < min || number > max) {
                throw new IllegalArgumentException("Parameter '" + name + "' is " + formatValue(value) + "; it must be "
                        + rangeText());
            }
        }
    }

    private String formatValue(T value) {
        return formatter.apply(value);
    }

    /** The allowed range as the user reads it ("between 0 and 20", "at least 0"), empty when unbounded. */
    public String rangeText() {
        // The largest double or int stands for "no bound" too: ranges written as range(0, Double.MAX_VALUE).
        boolean low = min > -Double.MAX_VALUE && min != Integer.MIN_VALUE;
        boolean high = max < Double.MAX_VALUE && max != Integer.MAX_VALUE;
        if (type == Type.FLAG || type == Type.CHOICE || type == Type.TEXT) {
            return type == Type.CHOICE ? "one of " + String.join(", ", choices) : "";
        }
        if (low && high) {
            return "between " + formatReal(min) + " and " + formatReal(max);
        }
        return low ? "at least " + formatReal(min) : high ? "at most " + formatReal(max) : "";
    }

    public String name() {
        return name;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public Type type() {
        return type;
    }

    public Class<T> valueClass() {
        return valueClass;
    }

    /** The default value, or null when the parameter must be given. */
    public T defaultValue() {
        return defaultValue instanceof double[] list ? valueClass.cast(list.clone()) : defaultValue;
    }

    public boolean isRequired() {
        return defaultValue == null;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** The allowed values of a choice, in lower case. */
    public List<String> choices() {
        return choices;
    }

    @Override
    public String toString() {
        return name + " (" + type.name().toLowerCase(Locale.ROOT) + (defaultValue == null ? ", required"
                : ", default " + format(defaultValue)) + ")";
    }
}
