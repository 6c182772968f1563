package org.qbi.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizeTest {

    @ParameterizedTest(name = "{0} bytes -> \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            0                   | 0 B
            1                   | 1 B
            1023                | 1023 B
            1024                | 1.0 KB
            1536                | 1.5 KB
            10240               | 10.0 KB
            1047552             | 1023.0 KB
            1048576             | 1.0 MB
            3221591             | 3.1 MB
            71697               | 70.0 KB
            1073741824          | 1.0 GB
            5368709120          | 5.0 GB
            1099511627776       | 1.0 TB
            1125899906842624    | 1.0 PB
            """)
    void formatsWithBinaryUnitsAndOneDecimal(long bytes, String expected) {
        assertEquals(expected, ByteSize.format(bytes));
    }

    @ParameterizedTest(name = "{0} bytes -> \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            1048575             | 1.0 MB
            1048524             | 1023.9 KB
            1073741823          | 1.0 GB
            9223372036854775807 | 8.0 EB
            """)
    void roundsUpIntoTheNextUnitInsteadOfPrinting1024(long bytes, String expected) {
        assertEquals(expected, ByteSize.format(bytes));
    }
}
