package org.qbi.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.internal.ConvertCommand;
import org.qbi.io.internal.InfoCommand;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/** Detection (magic first, name second, priority), writers by extension, broken plugins, qbi info and convert. */
class ImageFormatsTest {

    @TempDir
    Path dir;

    private final ImageFormats formats = ImageFormats.installed();

    private Path file(String name, String magic, int width, int height) throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(magic.length() + 8 + width * height).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(magic.getBytes(StandardCharsets.ISO_8859_1)).putInt(width).putInt(height);
        for (int i = 0; i < width * height; i++) {
            bytes.put((byte) (i * 7));
        }
        return Files.write(dir.resolve(name), bytes.array());
    }

    @Test
    void contentDecidesBeforeTheNameAndPriorityBreaksTies() throws Exception {
        try (Image byMagic = formats.open(file("looks-like.qbt2", "QBT1", 4, 3), null)) {
            assertEquals("TestMagic", byMagic.header().format(), "magic bytes win over the extension");
        }
        try (Image prioritised = formats.open(file("p.qbt1", "QBT1PRIO", 2, 2), null)) {
            assertEquals("TestPriority", prioritised.header().format());
        }
        // two readers of one priority recognise the content: the one whose extension matches the name wins
        try (Image tie = formats.open(file("tie.qbt2", "QBT1TIE!", 2, 2), null)) {
            assertEquals("TestNamed", tie.header().format());
        }
        try (Image tie = formats.open(file("tie.qbt1", "QBT1TIE!", 2, 2), null)) {
            assertEquals("TestMagic", tie.header().format());
        }
        try (Image byName = formats.open(file("named.qbt2", "XXXX", 2, 2), null)) {
            assertEquals("TestNamed", byName.header().format(), "no magic matched: the extension decides");
        }
    }

    @Test
    void anUnknownFileNamesTheInstalledReaders() throws Exception {
        Path unknown = Files.writeString(dir.resolve("notes.txt"), "hello");
        FormatException e = assertThrows(FormatException.class, () -> formats.open(unknown, null));
        assertTrue(e.getMessage().startsWith(unknown.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("TestMagic"), e.getMessage());
    }

    @Test
    void aBrokenPluginIsReportedAndTheOthersKeepWorking() throws Exception {
        Path broken = file("x.broken", "XXXX", 1, 1);
        assertThrows(FormatException.class, () -> formats.open(broken, null));
        assertTrue(formats.problems().stream().anyMatch(p -> p.contains("plugin org.qbi.io") && p.contains("TestBroken")),
                formats.problems().toString());
        try (Image ok = formats.open(file("ok.qbt1", "QBT1", 1, 1), null)) {
            assertEquals(1, ok.header().size(org.qbi.core.image.Axis.X));
        }
    }

    @Test
    void theLongestExtensionChoosesTheWriter() {
        assertEquals(TestFormats.MagicWriter.class, formats.writerFor(dir.resolve("a.qbt1")).getClass());
        assertEquals(TestFormats.LongerWriter.class, formats.writerFor(dir.resolve("a.x.b.qbt1")).getClass());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> formats.writerFor(dir.resolve("a.xyz")));
        assertTrue(e.getMessage().contains("a.xyz") && e.getMessage().contains(".qbt1"), e.getMessage());
    }

    @Test
    void infoPrintsTheDocumentedJsonKeys() throws Exception {
        Path image = file("info.qbt1", "QBT1", 4, 3);
        JsonNode json = new ObjectMapper().readTree(run(new InfoCommand(), image.toString(), "--json"));
        assertEquals("TestMagic", json.get("format").asText());
        assertEquals("uint8", json.get("pixelType").asText());
        assertEquals(5, json.get("axes").size());
        assertEquals("x", json.get("axes").get(0).get("name").asText());
        assertEquals(4, json.get("axes").get(0).get("size").asLong());
        assertEquals("pixel", json.get("axes").get(0).get("unit").asText());
        // values i * 7 for i = 0..11: min 0, max 77, mean 38.5
        assertEquals(0, json.get("stored").get("min").asDouble(), 0);
        assertEquals(77, json.get("stored").get("max").asDouble(), 0);
        assertEquals(38.5, json.get("stored").get("mean").asDouble(), 1e-12);
        assertEquals(2 * 38.5 - 10, json.get("rescaled").get("mean").asDouble(), 1e-12);
        assertEquals(64, json.get("fingerprint").asText().length());
        assertEquals("Width", json.get("metadata").get("test:width").get("name").asText());
    }

    @Test
    void convertWritesAtomicallyAndChecksTheFingerprint() throws Exception {
        Path in = file("in.qbt1", "QBT1", 5, 2);
        Path out = dir.resolve("out.qbt1");
        String text = run(new ConvertCommand(), in.toString(), out.toString());
        assertTrue(text.contains("stored values preserved"), text);
        try (Image a = formats.open(in, null); Image b = formats.open(out, null)) {
            assertEquals(Fingerprint.of(a, ProgressMonitor.NULL), Fingerprint.of(b, ProgressMonitor.NULL));
        }
        CommandLine again = new CommandLine(new ConvertCommand());
        assertEquals(1, again.execute(in.toString(), out.toString()), "an existing output is not replaced");
    }

    private static String run(Object command, String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            CommandLine line = new CommandLine(command);
            line.setExecutionExceptionHandler((e, cl, pr) -> {
                throw e;
            });
            assertEquals(0, line.execute(args));
        } finally {
            System.setOut(saved);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
