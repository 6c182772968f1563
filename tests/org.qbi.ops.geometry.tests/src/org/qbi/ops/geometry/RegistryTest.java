package org.qbi.ops.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.qbi.ops.Operators;

/** The bundle contributes its operators through org.qbi.operators, each loading and declaring itself fully. */
class RegistryTest {

    @Test
    void everyGeometryOperatorIsInstalled() {
        Operators operators = Operators.installed();
        List<String> ids = List.of("geometry.crop", "geometry.pad", "geometry.flip", "geometry.rotate90",
                "geometry.rotate", "geometry.resample", "geometry.reslice", "geometry.extract", "geometry.split_rgb");
        for (String id : ids) {
            Operators.Installed installed = operators.find(id).orElseThrow(() -> new AssertionError(id + " missing: "
                    + operators.problems()));
            assertEquals("org.qbi.ops.geometry", installed.plugin(), id);
            assertFalse(installed.spec().description().isBlank(), id + " description");
            assertFalse(installed.spec().reference().isBlank(), id + " reference");
            assertFalse(installed.spec().outputType().isBlank(), id + " output type");
            assertEquals("Geometry", installed.spec().category(), id);
        }
        assertTrue(operators.problems().stream().noneMatch(p -> p.contains("geometry")), operators.problems().toString());
    }
}
