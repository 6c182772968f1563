package org.qbi.io.dicom.internal.jpegls;

import java.util.Arrays;

/**
 * Decodes the coded data of one scan (T.87 Annex A for one component, Annex B for interleaved components) into the
 * frame's sample array, line by line, including restart intervals (at each RSTm the contexts, the RUNindex and the
 * line above are reset: the first line of an interval is coded like the first line of a scan).
 * <p>
 * Each component keeps two line buffers with one extra sample on each side: index {@code x + 1} is column x, index 0
 * is the Ra of the first column (the sample above it, T.87 A.2.1) and whose value on the previous line is the Rc of
 * the first column, index {@code width + 1} repeats the last column of the line above as the Rd of the last column.
 */
final class ScanDecoder {

    /** The message of the failure for coded data left over after the last sample. */
    static final String LEFTOVER = "coded data continues after the last sample of the scan";

    private final byte[] data;
    private final int end;
    private final int width;
    private final int height;
    private final int frameComponents;
    /** Frame component index of each scan component. */
    private final int[] components;
    private final int interleave;
    private final int restartInterval;
    private final RegularMode regular;
    private final RunMode run;
    private final int[][] previous;
    private final int[][] current;

    /**
     * @param components the frame component index of each component in the scan, in scan order
     * @param interleave ILV: 0 none (one component), 1 line, 2 sample
     * @param restartInterval lines per restart interval, 0 for none
     */
    ScanDecoder(byte[] data, int end, int width, int height, int frameComponents, int[] components, int interleave,
            int restartInterval, CodingParameters parameters) {
        this.data = data;
        this.end = end;
        this.width = width;
        this.height = height;
        this.frameComponents = frameComponents;
        this.components = components;
        this.interleave = interleave;
        this.restartInterval = restartInterval;
        this.regular = new RegularMode(parameters);
        this.run = new RunMode(parameters, components.length);
        this.previous = new int[components.length][width + 2];
        this.current = new int[components.length][width + 2];
    }

    /**
     * Decodes the scan whose coded data starts at {@code start} into {@code samples} (component-interleaved, row
     * major) and returns the offset of the marker that follows the coded data.
     *
     * @param strictEnd fail when more than padding is left over after the last sample (otherwise skipped, as
     *        some encoders leave a few extra bits or bytes)
     */
    int decode(int start, int[] samples, boolean strictEnd) throws JpegLsException {
        BitReader in = new BitReader(data, start, end);
        int restartNumber = 0;
        for (int y = 0; y < height; y++) {
            if (restartInterval > 0 && y > 0 && y % restartInterval == 0) {
                int marker = in.endOfCodedData();
                int next = expectRestart(marker, restartNumber, y);
                restartNumber = (restartNumber + 1) & 7;
                in = new BitReader(data, next, end);
                regular.reset();
                run.reset();
                for (int i = 0; i < components.length; i++) {
                    Arrays.fill(previous[i], 0);
                    Arrays.fill(current[i], 0);
                }
            }
            for (int i = 0; i < components.length; i++) {
                int[] swap = previous[i];
                previous[i] = current[i];
                current[i] = swap;
                previous[i][width + 1] = previous[i][width];
                current[i][0] = previous[i][1];
            }
            if (interleave == 2) {
                decodeSampleInterleavedLine(in);
            } else {
                for (int i = 0; i < components.length; i++) {
                    decodeLine(in, i, previous[i], current[i]);
                }
            }
            for (int i = 0; i < components.length; i++) {
                int[] line = current[i];
                int index = (y * width) * frameComponents + components[i];
                for (int x = 1; x <= width; x++, index += frameComponents) {
                    samples[index] = line[x];
                }
            }
        }
        if (strictEnd && in.hasUnreadData()) {
            throw new JpegLsException(LEFTOVER);
        }
        return in.endOfCodedData();
    }

    /** Checks for RSTm at {@code offset} (after optional fill bytes) and returns the offset after it. */
    private int expectRestart(int offset, int number, int line) throws JpegLsException {
        int i = offset;
        while (i + 1 < end && (data[i + 1] & 0xFF) == 0xFF) {
            i++; // fill bytes 0xFF before the marker
        }
        if (i + 1 >= end) {
            throw new JpegLsException("stream ends before the restart marker RST" + number + " due before line "
                    + line);
        }
        int code = data[i + 1] & 0xFF;
        if (code != 0xD0 + number) {
            throw new JpegLsException(String.format("expected restart marker RST%d (FFD%d) before line %d at byte %d, "
                    + "found FF%02X", number, number, line, i, code));
        }
        return i + 2;
    }

    /** One line of one component (ILV 0, and each component's line in ILV 1). */
    private void decodeLine(BitReader in, int component, int[] above, int[] line) throws JpegLsException {
        int x = 1;
        while (x <= width) {
            int ra = line[x - 1];
            int rb = above[x];
            int rc = above[x - 1];
            int rd = above[x + 1];
            int context = regular.context(ra, rb, rc, rd);
            if (context != 0) {
                line[x] = regular.decode(in, context, ra, rb, rc);
                x++;
                continue;
            }
            int remaining = width - x + 1;
            int length = run.decodeRunLength(in, component, remaining);
            Arrays.fill(line, x, x + length, ra);
            x += length;
            if (length < remaining) {
                line[x] = run.decodeInterruption(in, component, ra, above[x]);
                run.endInterruption(component);
                x++;
            }
        }
    }

    /** One line of pixels of a sample-interleaved scan (ILV 2, T.87 Annex B): the components of a pixel in turn. */
    private void decodeSampleInterleavedLine(BitReader in) throws JpegLsException {
        int count = components.length;
        int[] contexts = new int[count];
        int x = 1;
        while (x <= width) {
            boolean allZero = true;
            for (int i = 0; i < count; i++) {
                int[] above = previous[i];
                contexts[i] = regular.context(current[i][x - 1], above[x], above[x - 1], above[x + 1]);
                allZero &= contexts[i] == 0;
            }
            if (!allZero) {
                for (int i = 0; i < count; i++) {
                    int[] above = previous[i];
                    current[i][x] = regular.decode(in, contexts[i], current[i][x - 1], above[x], above[x - 1]);
                }
                x++;
                continue;
            }
            int remaining = width - x + 1;
            int length = run.decodeRunLength(in, 0, remaining);
            for (int i = 0; i < count; i++) {
                Arrays.fill(current[i], x, x + length, current[i][x - 1]);
            }
            x += length;
            if (length < remaining) {
                for (int i = 0; i < count; i++) {
                    current[i][x] = run.decodeInterleavedInterruption(in, current[i][x - 1], previous[i][x]);
                }
                run.endInterruption(0);
                x++;
            }
        }
    }
}
