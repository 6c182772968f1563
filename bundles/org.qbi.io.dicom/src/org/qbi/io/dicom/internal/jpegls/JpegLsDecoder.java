package org.qbi.io.dicom.internal.jpegls;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A JPEG-LS decoder (ITU-T T.87 | ISO/IEC 14495-1), written by hand because no pure-Java JPEG-LS decoder exists on
 * Maven Central (only native ones: CharLS and wrappers of it). It decodes what DICOM's JPEG-LS transfer syntaxes
 * (1.2.840.10008.1.2.4.80 lossless, .81 near-lossless) carry:
 * <ul>
 * <li>lossless and near-lossless (NEAR &gt; 0) coding, 2 to 16 bits per sample, any number of components;</li>
 * <li>interleave modes none (one scan per component), line and sample (T.87 Annex B);</li>
 * <li>the LSE preset coding parameters (MAXVAL, T1, T2, T3, RESET; C.2.4.1.1) and their defaults, the oversize
 * dimensions LSE segment (id 4), a DNL marker when SOF55 gives 0 lines;</li>
 * <li>restart intervals (DRI, RSTm; T.87 Annex C with T.81 B.2.4.4);</li>
 * <li>the regular mode (context modelling with 365 contexts, MED prediction, bias correction, limited-length Golomb
 * codes; A.3 to A.6, in {@link RegularMode}) and the run mode (J table, run interruption contexts; A.7, in
 * {@link RunMode}).</li>
 * </ul>
 * Two encoders deviate from T.87 in ways a stream cannot announce (CharLS with a preset MAXVAL below 2^P - 1, JAI
 * ImageIO's default thresholds above 12 bits): where T.87 fails on such a stream the decoder retries their way
 * ({@link Interpretation}).
 * <p>
 * Not supported (each fails with a message naming it): mapping tables (palettes), point transforms, subsampled
 * components, the HP colour transforms of the non-standard APP8 "mrfx" segment.
 * <p>
 * Robustness: every marker segment is bounds-checked ({@link Segment}); the image size is checked against the
 * stream length before anything is allocated (a JPEG-LS line costs at least one bit per 32768 samples, so a stream
 * of L bytes holds at most 8 L such line pieces); every decoding loop consumes input bits, and running out of them
 * fails ({@link BitReader}), so garbage input ends with a {@link JpegLsException}, never a hang.
 */
public final class JpegLsDecoder {

    /** The largest array the decoder allocates for the samples. */
    static final long MAX_SAMPLES = Integer.MAX_VALUE - 8;

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int DNL = 0xDC;
    private static final int DRI = 0xDD;
    private static final int SOF55 = 0xF7;
    private static final int LSE = 0xF8;

    /**
     * One decoded image.
     *
     * @param width columns
     * @param height lines
     * @param components samples per pixel
     * @param bitsPerSample the frame's sample precision P
     * @param samples component-interleaved (pixel 0 c0, c1, c2, pixel 1 ...), row-major; values 0 to MAXVAL
     */
    public record Decoded(int width, int height, int components, int bitsPerSample, int[] samples) {
    }

    private final byte[] data;
    private final int length;
    private FrameHeader frame;
    /** MAXVAL, T1, T2, T3, RESET of the last LSE preset segment; 0 = default. */
    private final int[] preset = new int[5];
    private int restartInterval;
    private int[] samples;
    private boolean[] decoded;

    private final Interpretation interpretation;
    /** A scan had a preset MAXVAL below 2^P - 1 (CharLS codes those its own way). */
    private boolean reducedMaxVal;
    /** A scan of more than 12 bits had no preset thresholds (JAI ImageIO's encoder may have written it). */
    private boolean jaiPossible;
    /** A scan of one of those kinds failed because coded data was left over after its last sample. */
    private boolean leftoverData;

    private JpegLsDecoder(byte[] data, Interpretation interpretation) {
        this.data = data;
        this.length = data.length;
        this.interpretation = interpretation;
    }

    /**
     * Decodes one JPEG-LS code stream (SOI ... EOI). Bytes after EOI (DICOM's even-length padding) are ignored.
     *
     * @throws JpegLsException (extends java.io.IOException) naming what is wrong
     */
    public static Decoded decode(byte[] codestream) throws JpegLsException {
        Objects.requireNonNull(codestream, "codestream");
        JpegLsDecoder standard = new JpegLsDecoder(codestream, Interpretation.STANDARD);
        try {
            return standard.run();
        } catch (JpegLsException e) {
            // Only where T.87 failed on a stream that an encoder's known deviation could explain: see Interpretation.
            List<Interpretation> alternatives = new ArrayList<>();
            if (standard.reducedMaxVal) {
                alternatives.add(Interpretation.CHARLS_MAXVAL);
            }
            if (standard.jaiPossible) {
                alternatives.add(Interpretation.JAI_THRESHOLDS);
            }
            if (standard.leftoverData) {
                alternatives.add(Interpretation.STANDARD_LENIENT);
            }
            for (Interpretation alternative : alternatives) {
                try {
                    return new JpegLsDecoder(codestream, alternative).run();
                } catch (JpegLsException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
    }

    private Decoded run() throws JpegLsException {
        if (length < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != SOI) {
            throw new JpegLsException("not a JPEG-LS code stream: it does not start with SOI (FFD8)"
                    + (length >= 2 ? String.format(" but with %02X%02X", data[0] & 0xFF, data[1] & 0xFF) : ""));
        }
        int position = 2;
        while (true) { // every pass moves position forward by at least 2 bytes
            if (position >= length) {
                throw new JpegLsException("the stream ends at byte " + length + " without an EOI marker: truncated");
            }
            if ((data[position] & 0xFF) != 0xFF) {
                throw new JpegLsException(String.format("expected a marker at byte %d, found %02X", position,
                        data[position] & 0xFF));
            }
            while (position + 1 < length && (data[position + 1] & 0xFF) == 0xFF) {
                position++; // fill bytes
            }
            if (position + 1 >= length) {
                throw new JpegLsException("the stream ends at byte " + length + " inside a marker: truncated");
            }
            int code = data[position + 1] & 0xFF;
            switch (code) {
                case EOI -> {
                    return finish();
                }
                case SOF55 -> position = readFrame(position);
                case LSE -> position = readPreset(position);
                case DRI -> position = readRestartInterval(position);
                case SOS -> position = readScan(position);
                case SOI -> throw new JpegLsException("second SOI marker at byte " + position);
                case 0x01 -> position += 2; // TEM: no parameters
                default -> {
                    if (code >= 0xD0 && code <= 0xD7) {
                        throw new JpegLsException(String.format("restart marker RST%d at byte %d outside a scan",
                                code - 0xD0, position));
                    }
                    if (code >= 0xC0 && code <= 0xCF && code != 0xC4 && code != 0xC8 && code != 0xCC) {
                        throw new JpegLsException(String.format("this is a %s JPEG (ITU-T T.81) stream (marker "
                                + "SOF%d at byte %d), not JPEG-LS", t81Process(code), code - 0xC0, position));
                    }
                    if (code < 0xC0 && code != 0x01) {
                        throw new JpegLsException(String.format("invalid marker FF%02X at byte %d", code, position));
                    }
                    Segment segment = Segment.at(data, position, length, String.format("FF%02X", code));
                    if (code == 0xE8) {
                        checkColourTransform(position);
                    }
                    position = segment.end(); // APPn, COM, DNL and others: skipped
                }
            }
        }
    }

    private static String t81Process(int code) {
        return switch (code) {
            case 0xC0 -> "baseline";
            case 0xC1, 0xC5, 0xC9, 0xCD -> "extended sequential";
            case 0xC2, 0xC6, 0xCA, 0xCE -> "progressive";
            default -> "lossless";
        };
    }

    /** HP's APP8 "mrfx" segment announces a colour transform that DICOM forbids and that this decoder lacks. */
    private void checkColourTransform(int position) throws JpegLsException {
        Segment s = Segment.at(data, position, length, "APP8");
        if (s.length() == 5 && data[position + 4] == 'm' && data[position + 5] == 'r' && data[position + 6] == 'f'
                && data[position + 7] == 'x' && data[position + 8] != 0) {
            throw new JpegLsException("the stream uses the HP colour transform " + data[position + 8]
                    + " (APP8 mrfx), which is not part of T.87 and is not supported");
        }
    }

    private int readFrame(int position) throws JpegLsException {
        if (frame != null) {
            throw new JpegLsException("second frame header SOF55 at byte " + position);
        }
        Segment s = Segment.at(data, position, length, "SOF55");
        frame = FrameHeader.parse(s);
        return s.end();
    }

    private int readPreset(int position) throws JpegLsException {
        Segment s = Segment.at(data, position, length, "LSE");
        int id = s.u8();
        switch (id) {
            case 1 -> {
                for (int i = 0; i < 5; i++) {
                    preset[i] = s.u16();
                }
                s.expectFullyRead();
            }
            case 2, 3 -> {
                // mapping table specification: only used by scans with a table selector, which are refused
            }
            case 4 -> {
                if (frame == null) {
                    throw new JpegLsException("LSE oversize dimensions segment at byte " + position
                            + " comes before the frame header");
                }
                int bytes = s.u8();
                if (bytes < 2 || bytes > 4) {
                    throw new JpegLsException("LSE oversize dimensions with " + bytes + "-byte values");
                }
                long height = s.unsigned(bytes);
                long width = s.unsigned(bytes);
                s.expectFullyRead();
                if (height > Integer.MAX_VALUE || width > Integer.MAX_VALUE) {
                    throw new JpegLsException("LSE oversize dimensions " + width + " x " + height + " are too large");
                }
                frame = frame.withSize((int) width, (int) height);
            }
            default -> throw new JpegLsException("LSE marker segment at byte " + position + " has unknown id " + id);
        }
        return s.end();
    }

    private int readRestartInterval(int position) throws JpegLsException {
        Segment s = Segment.at(data, position, length, "DRI");
        int bytes = s.length();
        if (bytes < 1 || bytes > 4) {
            throw new JpegLsException("DRI marker segment at byte " + position + " has " + bytes
                    + " parameter bytes; 2 to 4 expected");
        }
        restartInterval = (int) Math.min(Integer.MAX_VALUE, s.unsigned(bytes));
        return s.end();
    }

    private int readScan(int position) throws JpegLsException {
        if (frame == null) {
            throw new JpegLsException("SOS at byte " + position + " comes before the frame header SOF55");
        }
        Segment s = Segment.at(data, position, length, "SOS");
        ScanHeader scan = ScanHeader.parse(s, frame);
        if (samples == null) {
            allocate(s.end());
        }
        for (int component : scan.components()) {
            if (decoded[component]) {
                throw new JpegLsException("component " + frame.componentIds()[component] + " appears in two scans");
            }
            decoded[component] = true;
        }
        boolean reduced = preset[0] != 0 && preset[0] < (1 << frame.bitsPerSample()) - 1;
        boolean jai = frame.bitsPerSample() > 12 && preset[1] == 0 && preset[2] == 0 && preset[3] == 0;
        reducedMaxVal |= reduced;
        jaiPossible |= jai;
        CodingParameters parameters = CodingParameters.resolve(frame.bitsPerSample(), scan.near(), preset,
                interpretation);
        ScanDecoder decoder = new ScanDecoder(data, length, frame.width(), frame.height(),
                frame.componentIds().length, scan.components(), scan.interleave(), restartInterval, parameters);
        // Where another coding is possible, coded data left over after the last sample also betrays a mismatch.
        boolean strictEnd = (reduced || jai) && interpretation.strictEnd();
        try {
            return decoder.decode(s.end(), samples, strictEnd);
        } catch (JpegLsException e) {
            leftoverData |= e.getMessage().startsWith(ScanDecoder.LEFTOVER);
            throw e;
        }
    }

    /** Checks the image size against the stream length and allocates the samples (at the first scan). */
    private void allocate(int scanStart) throws JpegLsException {
        if (frame.height() == 0) {
            frame = frame.withSize(frame.width(), linesFromDnl(scanStart));
        }
        int width = frame.width();
        int height = frame.height();
        int components = frame.componentIds().length;
        if (width <= 0 || height <= 0) {
            throw new JpegLsException("the frame has an empty size " + width + " x " + height);
        }
        // Each line of a scan costs at least one bit per 32768 samples (a run to the end of the line), and each
        // scan at least one line per component group: a stream this long cannot hold more lines.
        long minimumBits = (long) height * ((width + 32767L) / 32768L);
        if (minimumBits > 8L * length) {
            throw new JpegLsException("the frame claims " + width + " x " + height + " samples, more than a "
                    + length + "-byte JPEG-LS stream can hold: corrupt header or truncated stream");
        }
        long count = (long) width * height * components;
        if (count > MAX_SAMPLES) {
            throw new JpegLsException("the image " + width + " x " + height + " x " + components + " has " + count
                    + " samples, more than one array holds");
        }
        samples = new int[(int) count];
        decoded = new boolean[components];
    }

    /** The number of lines from the DNL marker segment that follows the first scan (T.81 B.2.5). */
    private int linesFromDnl(int from) throws JpegLsException {
        for (int i = from; i + 1 < length; i++) {
            // In coded data 0xFF is followed by a byte below 0x80, so FFDC can only be a marker.
            if ((data[i] & 0xFF) == 0xFF && (data[i + 1] & 0xFF) == DNL) {
                Segment s = Segment.at(data, i, length, "DNL");
                int bytes = s.length();
                if (bytes < 2 || bytes > 4) {
                    throw new JpegLsException("DNL marker segment at byte " + i + " has " + bytes + " bytes");
                }
                long lines = s.unsigned(bytes);
                if (lines < 1 || lines > Integer.MAX_VALUE) {
                    throw new JpegLsException("DNL marker segment at byte " + i + " gives " + lines + " lines");
                }
                return (int) lines;
            }
        }
        throw new JpegLsException("the frame header gives 0 lines and no DNL marker follows");
    }

    private Decoded finish() throws JpegLsException {
        if (frame == null) {
            throw new JpegLsException("the stream has no frame header (SOF55) before EOI");
        }
        if (samples == null) {
            throw new JpegLsException("the stream has no scan (SOS) before EOI");
        }
        for (int i = 0; i < decoded.length; i++) {
            if (!decoded[i]) {
                throw new JpegLsException("no scan holds component " + frame.componentIds()[i] + " before EOI");
            }
        }
        return new Decoded(frame.width(), frame.height(), frame.componentIds().length, frame.bitsPerSample(),
                samples);
    }
}
