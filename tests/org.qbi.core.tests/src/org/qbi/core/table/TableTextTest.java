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
    void theHeadOfACsvTableIsItsFirstRowsAndCountsTheRest() throws java.io.IOException {
        StringBuilder csv = new StringBuilder("sample,area [px^2]\r\n\"a, \"\"quoted\"\"\nwith a line break\",1.5\r\n");
        for (int i = 0; i < 2500; i++) {
            csv.append("s").append(i).append(',').append(i).append("\r\n");
        }
        Table whole = Table.readCsv(new java.io.StringReader(csv.toString()), "t", "test.csv");

        Table.Head head = Table.readCsvHead(new java.io.StringReader(csv.toString()), "t", "test.csv", 3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TableText.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), head.firstRows(), 2, head.rowCount());

        assertEquals(2501, whole.rowCount());
        assertEquals(2501, head.rowCount());
        assertEquals(3, head.firstRows().rowCount());
        assertEquals("a, \"quoted\"\nwith a line break", head.firstRows().column("sample").text(0));
        assertEquals(List.of(1.5, 0.0, 1.0), List.of(head.firstRows().column("area").number(0),
                head.firstRows().column("area").number(1), head.firstRows().column("area").number(2)));
        assertEquals("px^2", head.firstRows().column("area").unit());
        assertEquals("... 2499 more rows (2501 in all)", bytes.toString(StandardCharsets.UTF_8).lines().toList().getLast());
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
