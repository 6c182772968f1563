package org.qbi.io.metaimage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.qbi.io.testing.TestFiles;

/** The bad-input tests' zip bombs are valid streams that decode to what they claim (checksums included). */
class BombTest {

    @ParameterizedTest
    @EnumSource(TestFiles.Compression.class)
    void aBombDecodesToItsSizeOfZeros(TestFiles.Compression compression) throws IOException {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        TestFiles.bomb(bomb, 192L << 20, compression);
        ByteArrayInputStream bytes = new ByteArrayInputStream(bomb.toByteArray());
        try (InputStream in = switch (compression) {
            case GZIP -> new GZIPInputStream(bytes);
            case ZLIB -> new InflaterInputStream(bytes);
            case DEFLATE -> new InflaterInputStream(bytes, new Inflater(true));
        }) {
            byte[] buffer = new byte[1 << 20];
            long total = 0;
            long nonZero = 0;
            for (int n; (n = in.read(buffer)) > 0;) {
                total += n;
                for (int i = 0; i < n; i++) {
                    nonZero += buffer[i] != 0 ? 1 : 0;
                }
            }
            assertEquals(192L << 20, total);
            assertEquals(0, nonZero);
        }
        assertEquals(0, bytes.available(), "the whole stream is consumed");
    }
}
