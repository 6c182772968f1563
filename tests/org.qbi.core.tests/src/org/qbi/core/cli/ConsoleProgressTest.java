package org.qbi.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.qbi.core.progress.CancelledException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ConsoleProgressTest {

    private static final String CLEAR_TO_EOL = "\u001b[K";

    /** Longer than the 100 ms between redraws, so the next call draws. */
    private static final long PAST_REDRAW_INTERVAL_MS = 150;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String output() {
        err.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void textModeDrawsABarWithPercentInPlace() throws InterruptedException {
        ConsoleProgress progress = new ConsoleProgress(err, false);

        progress.begin("Copying", 200);
        Thread.sleep(PAST_REDRAW_INTERVAL_MS);
        progress.worked(50);
        progress.done();

        String expected = "\rCopying [" + ".".repeat(30) + "]   0%" + CLEAR_TO_EOL
                + "\rCopying [" + "#".repeat(7) + ".".repeat(23) + "]  25%" + CLEAR_TO_EOL
                + "\rCopying [" + "#".repeat(30) + "] 100%" + CLEAR_TO_EOL
                + System.lineSeparator();
        assertEquals(expected, output());
    }

    @Test
    void textModeRedrawsAtMostTenTimesASecond() {
        ConsoleProgress progress = new ConsoleProgress(err, false);

        progress.begin("Copying", 1000);
        for (int i = 0; i < 999; i++) {
            progress.worked(1);
        }
        progress.done();

        String[] draws = output().strip().split("\r");
        // begin and done always draw; 999 quick calls within the same 100 ms draw little or nothing
        assertTrue(draws.length < 20, "expected few redraws, got " + draws.length);
        assertTrue(draws[draws.length - 1].contains("] 100%"), draws[draws.length - 1]);
    }

    @Test
    void textModeShowsTheSubTaskAndShortensLongNamesFromTheLeft() throws InterruptedException {
        ConsoleProgress progress = new ConsoleProgress(err, false);
        String longName = "a-very-long-folder-name/with/many/levels/scan-0001.dcm";

        progress.begin("Importing", 10);
        Thread.sleep(PAST_REDRAW_INTERVAL_MS);
        progress.subTask("short.tif");
        Thread.sleep(PAST_REDRAW_INTERVAL_MS);
        progress.subTask(longName);

        String out = output();
        assertTrue(out.contains("]   0% short.tif" + CLEAR_TO_EOL), out);
        String shortened = "..." + longName.substring(longName.length() - 37);
        assertEquals(40, shortened.length());
        assertTrue(out.endsWith("]   0% " + shortened + CLEAR_TO_EOL), out);
    }

    @Test
    void textModeWithUnknownTotalShowsNoBar() {
        ConsoleProgress progress = new ConsoleProgress(err, false);

        progress.begin("Scanning", -1);
        progress.done();

        assertEquals("\rScanning" + CLEAR_TO_EOL + "\rScanning" + CLEAR_TO_EOL + System.lineSeparator(), output());
    }

    @Test
    void jsonModePrintsOneJsonObjectPerLineWithTaskDoneAndTotal() throws Exception {
        ConsoleProgress progress = new ConsoleProgress(err, true);
        String task = "Copying 2 item(s) into \"raw/\"\tnow";

        progress.begin(task, 10);
        Thread.sleep(PAST_REDRAW_INTERVAL_MS);
        progress.worked(4);
        progress.done();

        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : output().split("\\R")) {
            lines.add(mapper.readTree(line));
        }
        assertEquals(3, lines.size(), output());
        long[][] doneTotal = { { 0, 10 }, { 4, 10 }, { 10, 10 } };
        for (int i = 0; i < lines.size(); i++) {
            JsonNode node = lines.get(i);
            assertEquals(task, node.get("task").asText());
            assertEquals(doneTotal[i][0], node.get("done").asLong());
            assertEquals(doneTotal[i][1], node.get("total").asLong());
            assertEquals(3, node.size(), node.toString());
        }
    }

    @Test
    void jsonModeCarriesTheSubTaskWithTheNextCountAsCurrent() throws Exception {
        ConsoleProgress progress = new ConsoleProgress(err, true);

        progress.begin("Running", 2);
        Thread.sleep(PAST_REDRAW_INTERVAL_MS);
        progress.subTask("blobs: done");
        assertEquals(1, output().lines().count(), "no line of its own: " + output());
        progress.worked(1);

        List<String> lines = output().lines().toList();
        assertEquals(2, lines.size(), output());
        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        assertEquals(1, second.get("done").asLong());
        assertEquals("blobs: done", second.get("current").asText());
        assertTrue(new ObjectMapper().readTree(lines.get(0)).path("current").isMissingNode(), lines.get(0));
    }

    @Test
    void jsonModeWithUnknownTotalReportsMinusOne() throws Exception {
        ConsoleProgress progress = new ConsoleProgress(err, true);

        progress.begin("Scanning", -1);
        progress.worked(7);
        progress.done();

        String[] lines = output().split("\\R");
        JsonNode last = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals(-1, last.get("total").asLong());
        assertEquals(7, last.get("done").asLong());
    }

    @Test
    void cancelMakesTheMonitorCanceledAndCheckCanceledThrow() {
        ConsoleProgress progress = new ConsoleProgress(err, false);
        progress.begin("Copying", 10);

        assertFalse(progress.isCanceled());
        progress.checkCanceled("import into raw/");

        progress.cancel();

        assertTrue(progress.isCanceled());
        CancelledException e = assertThrows(CancelledException.class, () -> progress.checkCanceled("import into raw/"));
        assertEquals("Cancelled: import into raw/", e.getMessage());
    }

    @Test
    void aCancelledTaskEndsWhereItStoppedNotAtHundredPercent() {
        ConsoleProgress progress = new ConsoleProgress(err, false);
        progress.begin("Copying", 200);
        progress.worked(50);
        progress.cancel();
        progress.done();

        String[] draws = output().split("\r");
        String last = draws[draws.length - 1];
        assertTrue(last.startsWith("Copying [" + "#".repeat(7) + ".".repeat(23) + "]  25%"), last);
    }

    @Test
    void withoutATerminalEachTaskPrintsOneLineWhenItEnds() {
        ConsoleProgress progress = new ConsoleProgress(err, false, false);
        progress.begin("Statistics", 10);
        progress.worked(10);
        progress.done();
        progress.begin("Copying", 200);
        progress.worked(50);
        progress.cancel();
        progress.done();
        assertEquals("Statistics 100%" + System.lineSeparator() + "Copying 25% (cancelled)" + System.lineSeparator(),
                output());
    }
}
