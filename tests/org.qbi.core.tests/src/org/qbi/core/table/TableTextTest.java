package org.qbi.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Tables printed for people and as JSON rows. */
class TableTextTest {

    private static final Table TABLE = Table.builder("t").texts("group", Arrays.asList("healthy", null, "b"))
            .numbers("volume", "mm^3", 1.5, Double.NaN, 1234567.891).numbers("n", "", 3, 10, 200).build();

    @Test
    void printAlignsTextLeftAndNumbersRightWithUnitsInTheHeader() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TableText.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), TABLE, 2);
        assertEquals(List.of(
                "group    volume [mm^3]   n",
                "healthy            1.5   3",
                "                   NaN  10",
                "... 1 more rows (3 in all)"), bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void numbersKeepSixSignificantDigits() {
        assertEquals("1.23457e+06", TableText.number(1234567.891));
        assertEquals("0.000123457", TableText.number(0.000123456789));
        assertEquals("42", TableText.number(42));
        assertEquals("-0.5", TableText.number(-0.5));
        assertEquals("NaN", TableText.number(Double.NaN));
    }

    @Test
    void rowsMapColumnsToValuesWithNaNAsNull() {
        List<Map<String, Object>> rows = TableText.rows(TABLE);
        assertEquals(List.of("group", "volume", "n"), List.copyOf(rows.get(0).keySet()));
        assertEquals(1.5, rows.get(0).get("volume"));
        assertNull(rows.get(1).get("volume"));
        assertNull(rows.get(1).get("group"));
        assertEquals("mm^3", TableText.columns(TABLE).get(1).get("unit"));
    }
}
