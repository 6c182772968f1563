package org.qbi.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.qbi.core.table.Column;
import org.qbi.core.table.Table;

/**
 * A table computed in this run is stored as its CSV file would be read back (what a resumed run stores for
 * samples finished before the interruption): the reference is Table.readCsv of the CSV Table.writeCsv wrote.
 */
class StoreWriterTest {

    private static Table readBack(Table table) throws IOException {
        StringWriter csv = new StringWriter();
        table.writeCsv(csv);
        return Table.readCsv(new StringReader(csv.toString()), table.name(), "test");
    }

    @Test
    void aTableIsStoredAsItsCsvReadsBack() throws IOException {
        Table table = Table.builder("cells")
                .texts("sample_id", List.of("s1", "s1", "s1"))
                .numbers("label", "", 1, 2, 3)
                .numbers("area", "px^2", 12.5, Double.NaN, 1e300)
                .numbers("tiny", "", 4.9e-324, -0.25, 1.0 / 3)
                .texts("number_like", List.of("1", "2.5", ""))
                .texts("exponent", List.of("1e3", "-7", "0.1"))
                .add(new Column("note", "", null, new String[] { "a, b", null, "c" }))
                .build();
        Table expected = readBack(table);
        Table stored = StoreWriter.asReadBack(table);
        assertEquals(expected.columns().size(), stored.columns().size());
        for (int c = 0; c < expected.columns().size(); c++) {
            Column want = expected.columns().get(c);
            Column got = stored.columns().get(c);
            assertEquals(want.name(), got.name());
            assertEquals(want.unit(), got.unit(), want.name());
            assertEquals(want.isNumeric(), got.isNumeric(), want.name());
            if (want.isNumeric()) {
                assertEquals(Arrays.toString(want.numbers()), Arrays.toString(got.numbers()), want.name());
            } else {
                assertEquals(Arrays.asList(want.texts()), Arrays.asList(got.texts()), want.name());
            }
        }
        assertEquals(true, stored.column("number_like").isNumeric(), "numbers in a text column read back as numbers");
        assertEquals(Arrays.asList("a, b", "", "c"), Arrays.asList(stored.column("note").texts()));
    }

    @Test
    void aTableThatReadsBackUnchangedIsKept() {
        Table table = Table.builder("cells").numbers("label", "", 1, 2).texts("shape", List.of("round", "long"))
                .build();
        assertSame(table, StoreWriter.asReadBack(table));
    }
}
