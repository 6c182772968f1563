package org.qbi.io.dicom.internal.jpeg12;

/**
 * A sequential-DCT Huffman JPEG decoder (ITU-T T.81 processes 1, 2 and 4: SOF0 baseline and SOF1 extended, 8 or 12
 * bits per sample), written by hand because no pure-Java decoder on Maven Central reads 12-bit JPEG (the JDK and
 * TwelveMonkeys stop with "Unsupported JPEG data precision 12"). It serves DICOM transfer syntax
 * 1.2.840.10008.1.2.4.51.
 * <p>
 * Supported: SOI, SOF0/SOF1 (precision 8 and 12, 1 to 4 components, sampling factors 1..4), DHT, DQT (8- and 16-bit
 * tables), SOS (interleaved and non-interleaved scans), DRI and RST0..7, APPn/COM (skipped), EOI. The inverse DCT is
 * IJG's integer ISLOW ({@link Idct}), bit for bit as dcmtk and GDCM decode; subsampled components are upsampled as
 * IJG 6b does by default (fancy triangle filter for 2:1 horizontal and 2:1 x 2:1, replication otherwise). No colour
 * conversion: the samples are the components as coded, component-interleaved, row-major.
 * <p>
 * Refused with a message: progressive, lossless, hierarchical and arithmetic-coded frames, 16-bit precision,
 * missing tables, truncated entropy data, sizes the stream cannot hold.
 */
public final class JpegExtendedDecoder {

    /** Decoded samples: component-interleaved, row-major, values 0 .. 2^precision - 1. */
    public record Decoded(int width, int height, int components, int precision, int[] samples) {
    }

    /** Zig-zag position k -> natural (row-major) index. */
    static final int[] NATURAL = { 0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48,
            41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58,
            59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63 };

    private final byte[] s;
    private int pos;
    private final int[][] quant = new int[4][];
    private final Huffman[] dcTables = new Huffman[4];
    private final Huffman[] acTables = new Huffman[4];
    private int restartInterval;

    private int precision = -1;
    private int width;
    private int height;
    private Component[] components;
    private int hMax;
    private int vMax;
    private int mcusX;
    private int mcusY;

    private static final class Component {
        int id;
        int h;
        int v;
        int tq;
        int td;
        int ta;
        int blocksX; // blocks per line in the padded plane (a multiple of h)
        int blocksY;
        int[] plane; // blocksX * 8 wide, blocksY * 8 high
        int dcPred;
        boolean decoded;
    }

    private JpegExtendedDecoder(byte[] stream) {
        this.s = stream;
    }

    /**
     * Decodes one JPEG code stream (SOI ... EOI).
     *
     * @throws JpegExtendedException (an IOException) naming what is wrong
     */
    public static Decoded decode(byte[] codestream) throws JpegExtendedException {
        if (codestream == null) {
            throw new JpegExtendedException("no JPEG code stream");
        }
        return new JpegExtendedDecoder(codestream).run();
    }

    private Decoded run() throws JpegExtendedException {
        if (s.length < 4 || u8(0) != 0xFF || u8(1) != 0xD8) {
            throw new JpegExtendedException("not a JPEG code stream: it does not start with SOI (FF D8)");
        }
        pos = 2;
        int scans = 0;
        while (true) {
            int marker = nextMarker();
            switch (marker) {
            case 0xD9 -> {
                return finish(scans);
            }
            case 0xC0, 0xC1 -> readFrame(marker);
            case 0xC2, 0xC6, 0xCA, 0xCE -> throw unsupported(marker, "progressive DCT");
            case 0xC3, 0xC7, 0xCB, 0xCF -> throw unsupported(marker, "lossless");
            case 0xC5 -> throw unsupported(marker, "differential (hierarchical) sequential DCT");
            case 0xC9 -> throw unsupported(marker, "extended sequential DCT with arithmetic coding");
            case 0xCC -> throw unsupported(marker, "arithmetic coding conditioning (DAC)");
            case 0xDE, 0xDF -> throw unsupported(marker, "hierarchical (DHP/EXP)");
            case 0xF7 -> throw unsupported(marker, "JPEG-LS");
            case 0xC4 -> readHuffmanTables();
            case 0xDB -> readQuantTables();
            case 0xDD -> readRestartInterval();
            case 0xDA -> {
                readScan();
                scans++;
            }
            case 0xD8 -> throw new JpegExtendedException("a second SOI at byte " + (pos - 2));
            default -> {
                if (marker >= 0xD0 && marker <= 0xD7) {
                    throw new JpegExtendedException("RST" + (marker - 0xD0) + " outside entropy-coded data at byte "
                            + (pos - 2));
                }
                if (marker == 0x01) {
                    continue; // TEM: no length
                }
                skipSegment(marker); // APPn, COM, DNL-less others
            }
            }
        }
    }

    private static JpegExtendedException unsupported(int marker, String what) {
        return new JpegExtendedException(String.format("SOF/marker FF%02X (%s) is not supported: only sequential "
                + "DCT with Huffman coding (SOF0, SOF1) is", marker, what));
    }

    private Decoded finish(int scans) throws JpegExtendedException {
        if (components == null) {
            throw new JpegExtendedException("EOI before a frame header (SOF)");
        }
        for (Component c : components) {
            if (!c.decoded) {
                throw new JpegExtendedException("EOI after " + scans + " scan(s) but component " + c.id
                        + " was in none of them");
            }
        }
        return assemble();
    }

    // ---- markers and segments

    private int u8(int i) {
        return s[i] & 0xFF;
    }

    private int u16(int i) {
        return u8(i) << 8 | u8(i + 1);
    }

    /** The next marker code at {@code pos} (fill bytes FF skipped); pos ends after it. */
    private int nextMarker() throws JpegExtendedException {
        if (pos >= s.length) {
            throw new JpegExtendedException("the code stream ends at byte " + s.length + " without EOI (truncated)");
        }
        if (u8(pos) != 0xFF) {
            throw new JpegExtendedException(String.format("expected a marker at byte %d, found %02X", pos, u8(pos)));
        }
        while (pos < s.length && u8(pos) == 0xFF) {
            pos++;
        }
        if (pos >= s.length) {
            throw new JpegExtendedException("the code stream ends inside a marker (truncated)");
        }
        return u8(pos++);
    }

    /** Length-checked segment: returns the end offset; pos is after the length field. */
    private int segment(int marker) throws JpegExtendedException {
        if (pos + 2 > s.length) {
            throw new JpegExtendedException(String.format("marker FF%02X at byte %d: the stream ends before its "
                    + "length (truncated)", marker, pos - 2));
        }
        int length = u16(pos);
        if (length < 2) {
            throw new JpegExtendedException(String.format("marker FF%02X at byte %d has length %d", marker, pos - 2,
                    length));
        }
        int end = pos + length;
        if (end > s.length) {
            throw new JpegExtendedException(String.format("marker FF%02X at byte %d declares %d bytes; the stream "
                    + "has %d left (truncated)", marker, pos - 2, length, s.length - pos));
        }
        pos += 2;
        return end;
    }

    private void skipSegment(int marker) throws JpegExtendedException {
        pos = segment(marker);
    }

    private void need(int bytes, int end, String what) throws JpegExtendedException {
        if (pos + bytes > end) {
            throw new JpegExtendedException(what + " at byte " + pos + " runs past the end of its segment");
        }
    }

    private void readFrame(int marker) throws JpegExtendedException {
        if (components != null) {
            throw new JpegExtendedException("a second frame header (SOF) at byte " + (pos - 2));
        }
        int end = segment(marker);
        need(6, end, "SOF");
        precision = u8(pos);
        height = u16(pos + 1);
        width = u16(pos + 3);
        int n = u8(pos + 5);
        pos += 6;
        if (precision != 8 && precision != 12) {
            throw new JpegExtendedException("precision " + precision + " bits: sequential DCT allows 8 or 12");
        }
        if (marker == 0xC0 && precision != 8) {
            throw new JpegExtendedException("baseline SOF0 with precision " + precision + " (baseline is 8-bit)");
        }
        if (height == 0) {
            throw new JpegExtendedException("the frame has 0 lines (a DNL marker is not supported)");
        }
        if (width == 0) {
            throw new JpegExtendedException("the frame has 0 samples per line");
        }
        if (n < 1 || n > 4) {
            throw new JpegExtendedException("the frame has " + n + " components (1 to 4 are supported)");
        }
        need(3 * n, end, "SOF component list");
        components = new Component[n];
        for (int i = 0; i < n; i++) {
            Component c = new Component();
            c.id = u8(pos);
            c.h = u8(pos + 1) >> 4;
            c.v = u8(pos + 1) & 15;
            c.tq = u8(pos + 2);
            pos += 3;
            if (c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4) {
                throw new JpegExtendedException("component " + c.id + " has sampling factors " + c.h + "x" + c.v);
            }
            if (c.tq > 3) {
                throw new JpegExtendedException("component " + c.id + " uses quantization table " + c.tq);
            }
            for (int j = 0; j < i; j++) {
                if (components[j].id == c.id) {
                    throw new JpegExtendedException("two components with id " + c.id);
                }
            }
            components[i] = c;
            hMax = Math.max(hMax, c.h);
            vMax = Math.max(vMax, c.v);
        }
        for (Component c : components) {
            if (hMax % c.h != 0 || vMax % c.v != 0) {
                throw new JpegExtendedException("component " + c.id + " has sampling factors " + c.h + "x" + c.v
                        + ", not an integer fraction of " + hMax + "x" + vMax);
            }
        }
        pos = end;
        mcusX = ceilDiv(width, 8 * hMax);
        mcusY = ceilDiv(height, 8 * vMax);
        // Every 8x8 block costs at least one bit per component scan... a stream of L bytes holds at most 8 L blocks
        // at 2 bits each (DC and EOB codes of at least one bit); refuse sizes the stream cannot hold before
        // allocating.
        long blocks = 0;
        for (Component c : components) {
            blocks += (long) mcusX * c.h * mcusY * c.v;
        }
        if (blocks > 4L * s.length + 64) {
            throw new JpegExtendedException("the frame declares " + width + " x " + height + " x " + n
                    + " samples (" + blocks + " blocks); a " + s.length + "-byte stream cannot hold them");
        }
        for (Component c : components) {
            c.blocksX = mcusX * c.h;
            c.blocksY = mcusY * c.v;
            c.plane = new int[c.blocksX * 8 * c.blocksY * 8];
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private void readQuantTables() throws JpegExtendedException {
        int end = segment(0xDB);
        while (pos < end) {
            int pq = u8(pos) >> 4;
            int tq = u8(pos) & 15;
            pos++;
            if (pq > 1 || tq > 3) {
                throw new JpegExtendedException("DQT at byte " + (pos - 1) + ": precision " + pq + " / table " + tq);
            }
            int size = pq == 0 ? 64 : 128;
            need(size, end, "DQT table " + tq);
            int[] table = new int[64];
            for (int k = 0; k < 64; k++) {
                table[NATURAL[k]] = pq == 0 ? u8(pos + k) : u16(pos + 2 * k);
            }
            pos += size;
            quant[tq] = table;
        }
    }

    private void readHuffmanTables() throws JpegExtendedException {
        int end = segment(0xC4);
        while (pos < end) {
            need(17, end, "DHT table header");
            int tc = u8(pos) >> 4;
            int th = u8(pos) & 15;
            if (tc > 1 || th > 3) {
                throw new JpegExtendedException("DHT at byte " + pos + ": class " + tc + " / table " + th);
            }
            int[] counts = new int[17];
            int total = 0;
            for (int l = 1; l <= 16; l++) {
                counts[l] = u8(pos + l);
                total += counts[l];
            }
            pos += 17;
            if (total > 256) {
                throw new JpegExtendedException("DHT table " + th + " has " + total + " codes (at most 256)");
            }
            need(total, end, "DHT values");
            int[] values = new int[total];
            for (int i = 0; i < total; i++) {
                values[i] = u8(pos + i);
            }
            pos += total;
            Huffman table = new Huffman(counts, values, tc == 0 ? "DC" : "AC", th);
            (tc == 0 ? dcTables : acTables)[th] = table;
        }
    }

    private void readRestartInterval() throws JpegExtendedException {
        int end = segment(0xDD);
        need(2, end, "DRI");
        restartInterval = u16(pos);
        pos = end;
    }

    // ---- scans

    private void readScan() throws JpegExtendedException {
        if (components == null) {
            throw new JpegExtendedException("SOS at byte " + (pos - 2) + " before the frame header (SOF)");
        }
        int end = segment(0xDA);
        need(1, end, "SOS");
        int n = u8(pos++);
        if (n < 1 || n > 4 || n > components.length) {
            throw new JpegExtendedException("SOS with " + n + " components");
        }
        need(2 * n + 3, end, "SOS");
        Component[] scan = new Component[n];
        int blocksPerMcu = 0;
        for (int i = 0; i < n; i++) {
            int id = u8(pos);
            Component c = null;
            for (Component k : components) {
                if (k.id == id) {
                    c = k;
                }
            }
            if (c == null) {
                throw new JpegExtendedException("SOS names component " + id + ", which the frame does not have");
            }
            for (int j = 0; j < i; j++) {
                if (scan[j] == c) {
                    throw new JpegExtendedException("SOS names component " + id + " twice");
                }
            }
            if (c.decoded) {
                throw new JpegExtendedException("component " + id + " is in a second scan (sequential JPEG codes "
                        + "each component once)");
            }
            c.td = u8(pos + 1) >> 4;
            c.ta = u8(pos + 1) & 15;
            if (c.td > 3 || c.ta > 3 || dcTables[c.td] == null || acTables[c.ta] == null) {
                throw new JpegExtendedException("component " + id + " uses Huffman tables DC" + c.td + "/AC" + c.ta
                        + ", which are not defined");
            }
            if (quant[c.tq] == null) {
                throw new JpegExtendedException("component " + id + " uses quantization table " + c.tq
                        + ", which is not defined");
            }
            blocksPerMcu += c.h * c.v;
            scan[i] = c;
            pos += 2;
        }
        int ss = u8(pos);
        int se = u8(pos + 1);
        int ah = u8(pos + 2) >> 4;
        int al = u8(pos + 2) & 15;
        if (ss != 0 || se != 63 || ah != 0 || al != 0) {
            throw new JpegExtendedException("SOS with Ss=" + ss + " Se=" + se + " Ah=" + ah + " Al=" + al
                    + ": a sequential scan has 0, 63, 0, 0");
        }
        if (n > 1 && blocksPerMcu > 10) {
            throw new JpegExtendedException("an interleaved MCU of " + blocksPerMcu + " blocks (at most 10)");
        }
        pos = end;
        for (Component c : scan) {
            c.dcPred = 0;
        }
        decodeScan(scan);
        for (Component c : scan) {
            c.decoded = true;
        }
    }

    // Entropy-coded data: bit reader.
    private int bitBuffer;
    private int bitCount;
    private boolean atMarker;

    private void resetBits() {
        bitBuffer = 0;
        bitCount = 0;
        atMarker = false;
    }

    private int readBit() throws JpegExtendedException {
        if (bitCount == 0) {
            if (atMarker || pos >= s.length) {
                throw new JpegExtendedException("the entropy-coded data ends at byte " + pos + " before the scan is "
                        + "complete (truncated or corrupt)");
            }
            int b = u8(pos);
            if (b == 0xFF) {
                if (pos + 1 >= s.length) {
                    throw new JpegExtendedException("the entropy-coded data ends at byte " + pos + " (truncated)");
                }
                int next = u8(pos + 1);
                if (next != 0) {
                    atMarker = true;
                    throw new JpegExtendedException(String.format("marker FF%02X at byte %d inside the entropy-coded"
                            + " data before the scan is complete (truncated or corrupt)", next, pos));
                }
                pos += 2;
            } else {
                pos++;
            }
            bitBuffer = b;
            bitCount = 8;
        }
        bitCount--;
        return bitBuffer >> bitCount & 1;
    }

    private int receive(int n) throws JpegExtendedException {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 1 | readBit();
        }
        return v;
    }

    private static int extend(int v, int t) {
        return t == 0 ? 0 : v < 1 << (t - 1) ? v - (1 << t) + 1 : v;
    }

    private int decodeSymbol(Huffman h) throws JpegExtendedException {
        int code = readBit();
        for (int l = 1; l <= 16; l++) {
            if (code <= h.maxCode[l]) {
                return h.values[h.valPtr[l] + code - h.minCode[l]];
            }
            code = code << 1 | readBit();
        }
        throw new JpegExtendedException("invalid Huffman code in " + h.name + " near byte " + pos);
    }

    private final short[] block = new short[64];

    private void decodeBlock(Component c, int bx, int by, Idct idct) throws JpegExtendedException {
        short[] b = block;
        java.util.Arrays.fill(b, (short) 0);
        int t = decodeSymbol(dcTables[c.td]);
        if (t > 16) {
            throw new JpegExtendedException("DC difference category " + t + " near byte " + pos);
        }
        int diff = extend(receive(t), t);
        c.dcPred += diff;
        b[0] = (short) c.dcPred;
        Huffman ac = acTables[c.ta];
        for (int k = 1; k < 64;) {
            int rs = decodeSymbol(ac);
            int r = rs >> 4;
            int size = rs & 15;
            if (size == 0) {
                if (r != 15) {
                    break; // EOB
                }
                k += 16;
                continue;
            }
            k += r;
            if (k > 63) {
                throw new JpegExtendedException("AC coefficients run past position 63 near byte " + pos);
            }
            b[NATURAL[k]] = (short) extend(receive(size), size);
            k++;
        }
        int stride = c.blocksX * 8;
        idct.transform(b, quant[c.tq], c.plane, by * 8 * stride + bx * 8, stride);
    }

    private void decodeScan(Component[] scan) throws JpegExtendedException {
        Idct idct = new Idct(precision);
        resetBits();
        int total;
        int unitsX;
        if (scan.length == 1) {
            Component c = scan[0];
            // Non-interleaved: the component's own blocks, ceil(component width / 8) per line.
            int compW = ceilDiv(width * c.h, hMax);
            int compH = ceilDiv(height * c.v, vMax);
            unitsX = ceilDiv(compW, 8);
            total = unitsX * ceilDiv(compH, 8);
        } else {
            unitsX = mcusX;
            total = mcusX * mcusY;
        }
        int expectedRst = 0;
        for (int m = 0; m < total; m++) {
            if (restartInterval > 0 && m > 0 && m % restartInterval == 0) {
                readRestart(expectedRst);
                expectedRst = (expectedRst + 1) & 7;
                for (Component c : scan) {
                    c.dcPred = 0;
                }
            }
            int mx = m % unitsX;
            int my = m / unitsX;
            if (scan.length == 1) {
                decodeBlock(scan[0], mx, my, idct);
            } else {
                for (Component c : scan) {
                    for (int v = 0; v < c.v; v++) {
                        for (int h = 0; h < c.h; h++) {
                            decodeBlock(c, mx * c.h + h, my * c.v + v, idct);
                        }
                    }
                }
            }
        }
        // Past the scan's data: skip the padding bits and any bytes up to the next marker.
        bitCount = 0;
        while (pos < s.length) {
            if (u8(pos) == 0xFF && pos + 1 < s.length && u8(pos + 1) != 0 && u8(pos + 1) != 0xFF) {
                return;
            }
            pos++;
        }
    }

    private void readRestart(int expected) throws JpegExtendedException {
        bitCount = 0;
        atMarker = false;
        if (pos + 2 > s.length) {
            throw new JpegExtendedException("the stream ends at byte " + pos + " where RST" + expected
                    + " is due (truncated)");
        }
        if (u8(pos) != 0xFF) {
            throw new JpegExtendedException(String.format("RST%d expected at byte %d, found %02X", expected, pos,
                    u8(pos)));
        }
        while (pos < s.length && u8(pos) == 0xFF) {
            pos++;
        }
        if (pos >= s.length) {
            throw new JpegExtendedException("the stream ends inside a marker (truncated)");
        }
        int marker = u8(pos++);
        if (marker != 0xD0 + expected) {
            throw new JpegExtendedException(String.format("RST%d expected at byte %d, found marker FF%02X", expected,
                    pos - 2, marker));
        }
    }

    // ---- output

    private Decoded assemble() throws JpegExtendedException {
        int n = components.length;
        long count = (long) width * height * n;
        if (count > Integer.MAX_VALUE - 16) {
            throw new JpegExtendedException("the frame has " + count + " samples, more than an int array holds");
        }
        int[] out = new int[(int) count];
        for (int ci = 0; ci < n; ci++) {
            Component c = components[ci];
            int[] full = Upsampler.upsample(c.plane, c.blocksX * 8, ceilDiv(width * c.h, hMax),
                    ceilDiv(height * c.v, vMax), hMax / c.h, vMax / c.v, width, height);
            for (int i = 0, o = ci; i < width * height; i++, o += n) {
                out[o] = full[i];
            }
        }
        return new Decoded(width, height, n, precision, out);
    }
}
