package org.qbi.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.qbi.stats.GroupedValues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** data/reference.json (made by data/make_reference.py with scipy) and comparisons against it. */
final class Reference {

    private static JsonNode json;

    private Reference() {
    }

    static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("data/make_reference.py"))) {
                return p.resolve("data");
            }
            Path nested = p.resolve("tests/org.qbi.stats.tests/data");
            if (Files.exists(nested.resolve("make_reference.py"))) {
                return nested;
            }
        }
        throw new AssertionError("cannot find tests/org.qbi.stats.tests/data from " + Path.of("").toAbsolutePath());
    }

    static synchronized JsonNode get(String section) throws IOException {
        if (json == null) {
            json = new ObjectMapper().readTree(dir().resolve("reference.json").toFile());
        }
        JsonNode node = json.get(section);
        if (node == null) {
            throw new AssertionError("reference.json has no section " + section);
        }
        return node;
    }

    /** Data set {@code name} as grouped values of measurement "x" in "mm". */
    static GroupedValues dataset(String name) throws IOException {
        Map<String, double[]> groups = new LinkedHashMap<>();
        get("datasets").get(name).properties().forEach(e -> {
            double[] values = new double[e.getValue().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = e.getValue().get(i).asDouble();
            }
            groups.put(e.getKey(), values);
        });
        return GroupedValues.of("x", "mm", groups);
    }

    /** Asserts {@code actual} is within {@code relative} of the reference (absolute near zero). */
    static void near(double expected, double actual, double relative, String what) {
        double tolerance = relative * Math.max(1e-12, Math.abs(expected));
        assertEquals(expected, actual, Math.max(tolerance, 1e-15), what);
    }
}
