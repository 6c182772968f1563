package org.qbi.core.cli;

import java.io.PrintStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one way {@code qbi} subcommands print {@code --json} output: records, lists and maps through Jackson,
 * pretty-printed, keys in declaration order.
 *
 * @since 0.1
 */
public final class JsonOutput {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {
    }

    /** Prints {@code value} as JSON followed by a newline. */
    public static void print(PrintStream out, Object value) {
        out.println(toJson(value));
    }

    /** {@code value} as JSON text. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getName() + " as JSON: " + e.getMessage(), e);
        }
    }

    /** {@code text} as a JSON string literal with quotes. */
    public static String quote(String text) {
        return toJson(text);
    }
}
