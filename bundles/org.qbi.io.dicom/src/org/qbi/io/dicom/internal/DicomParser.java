package org.qbi.io.dicom.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.qbi.core.image.io.FormatException;

/**
 * A DICOM Part 10 parser of our own (no DICOM toolkit on Maven Central is usable in an OSGi product): preamble
 * and "DICM", file meta group, implicit VR little endian, explicit VR little and big endian, deflated explicit VR
 * little endian, sequences of defined and undefined length, and encapsulated pixel data (basic offset table and
 * fragments). The header is read lazily: the parse stops at the top-level Pixel Data element and remembers where
 * it is. Every length is checked against what remains of the file before anything is read or allocated, so a
 * hostile length is a {@link FormatException}, never an allocation.
 */
final class DicomParser {

    /** Values up to this size are kept in memory for metadata; larger ones are skipped and summarised. */
    static final int MAX_KEPT_VALUE = 1 << 20;
    /** Deepest sequence nesting accepted. */
    static final int MAX_DEPTH = 32;
    /** Largest inflated dataset of a deflated file. */
    static final long MAX_INFLATED = 1L << 30;

    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final Set<String> LONG_LENGTH_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN",
            "UR", "UT", "SV", "UV");

    private final Path path;
    private final DicomDictionary dictionary = DicomDictionary.get();

    private DicomParser(Path path) {
        this.path = path;
    }

    /** Parses {@code path} up to its pixel data. */
    static DicomFile parse(Path path) throws IOException {
        try (ByteSource source = ByteSource.open(path)) {
            return new DicomParser(path).parse(source);
        }
    }

    private DicomFile parse(ByteSource source) throws IOException {
        try {
            return parseChecked(source);
        } catch (EOFException e) {
            throw new FormatException(path, "the file is truncated: " + e.getMessage(), e);
        }
    }

    private DicomFile parseChecked(ByteSource source) throws IOException {
        long length = source.length();
        boolean preamble = false;
        long start = 0;
        if (length >= 132) {
            byte[] magic = source.read(128, 4);
            if (magic[0] == 'D' && magic[1] == 'I' && magic[2] == 'C' && magic[3] == 'M') {
                preamble = true;
                start = 132;
            }
        }
        if (length - start < 8) {
            throw new FormatException(path, "not a DICOM file: " + length + " bytes are too few for a data element");
        }
        Cursor cursor = new Cursor(source, start);
        DicomDataset meta = new DicomDataset();
        byte[] head = cursor.peek(8);
        int firstGroup = (head[0] & 0xFF) | (head[1] & 0xFF) << 8;
        if (firstGroup == 0x0002) {
            readMeta(cursor, meta);
        } else if (!preamble && !plausibleDataset(head)) {
            throw new FormatException(path, "not a DICOM file: no 'DICM' at byte 128 and no data element at the start");
        }
        String uid = meta.string(Tags.TRANSFER_SYNTAX_UID);
        TransferSyntax syntax;
        if (uid == null) {
            syntax = guessSyntax(cursor);
        } else {
            syntax = TransferSyntax.of(uid.strip());
        }
        byte[] inflated = null;
        if (syntax.deflated()) {
            inflated = inflate(source, cursor.position());
            cursor = new Cursor(ByteSource.of(inflated), 0);
        }
        DicomDataset dataset = new DicomDataset();
        PixelHolder holder = new PixelHolder();
        readDataset(cursor, cursor.length(), syntax.explicitVr(), syntax.bigEndian(), 0, dataset, holder, false);
        List<DicomFile.Fragment> fragments = List.of();
        long[] offsetTable = new long[0];
        DicomFile.PixelInfo pixel = holder.pixel;
        if (pixel != null && pixel.encapsulated()) {
            List<DicomFile.Fragment> items = scanFragments(cursor, pixel.offset());
            if (items.isEmpty()) {
                throw new FormatException(path, "the encapsulated Pixel Data has no basic offset table item");
            }
            DicomFile.Fragment table = items.getFirst();
            fragments = List.copyOf(items.subList(1, items.size()));
            offsetTable = readOffsetTable(cursor.source(), table);
        }
        return new DicomFile(path, syntax, meta, dataset, pixel, fragments, offsetTable, inflated, preamble);
    }

    private static final class PixelHolder {
        DicomFile.PixelInfo pixel;
    }

    /** True when {@code head} starts like a little-endian data element of group 0008 (a raw dataset). */
    static boolean plausibleDataset(byte[] head) {
        if (head.length < 8) {
            return false;
        }
        int groupLe = (head[0] & 0xFF) | (head[1] & 0xFF) << 8;
        int groupBe = (head[1] & 0xFF) | (head[0] & 0xFF) << 8;
        if (groupLe != 0x0008 && groupBe != 0x0008 && groupLe != 0x0002) {
            return false;
        }
        if (isVr(head[4], head[5])) {
            return true;
        }
        long implicitLength = (head[4] & 0xFFL) | (head[5] & 0xFFL) << 8 | (head[6] & 0xFFL) << 16
                | (head[7] & 0xFFL) << 24;
        return implicitLength < 4096 || implicitLength == UNDEFINED;
    }

    private static boolean isVr(byte a, byte b) {
        return a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z';
    }

    private void readMeta(Cursor cursor, DicomDataset meta) throws IOException {
        while (cursor.remaining() >= 8) {
            byte[] head = cursor.peek(2);
            int group = (head[0] & 0xFF) | (head[1] & 0xFF) << 8;
            if (group != 0x0002) {
                break;
            }
            readElement(cursor, cursor.length(), true, false, 0, meta, null, false);
        }
    }

    /** A dataset without a meta group: explicit or implicit VR, little or big endian, from its first element. */
    private TransferSyntax guessSyntax(Cursor cursor) throws IOException {
        byte[] head = cursor.peek(6);
        boolean explicit = isVr(head[4], head[5]);
        boolean bigEndian = head[0] == 0 && head[1] != 0;
        if (bigEndian) {
            return TransferSyntax.of(TransferSyntax.EXPLICIT_BE);
        }
        return TransferSyntax.of(explicit ? TransferSyntax.EXPLICIT_LE : TransferSyntax.IMPLICIT_LE);
    }

    /**
     * Inflates a deflated dataset in two passes: the first only counts the bytes (refusing more than
     * {@link #MAX_INFLATED}), the second fills an array of exactly that size, so a decompression bomb costs time
     * bounded by the cap and never memory.
     */
    private byte[] inflate(ByteSource source, long start) throws IOException {
        long compressed = source.length() - start;
        if (compressed > Integer.MAX_VALUE - 16) {
            throw new FormatException(path, "the deflated dataset is larger than 2 GiB");
        }
        byte[] input = source.read(start, (int) compressed);
        long size = inflatePass(input, null);
        byte[] out = new byte[(int) size];
        inflatePass(input, out);
        return out;
    }

    private long inflatePass(byte[] input, byte[] out) throws FormatException {
        Inflater inflater = new Inflater(true);
        inflater.setInput(input);
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try {
            while (!inflater.finished()) {
                int n = out == null ? inflater.inflate(buffer)
                        : inflater.inflate(out, (int) total, out.length - (int) total);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary() || out != null && total == out.length)) {
                    break;
                }
                total += n;
                if (total > MAX_INFLATED) {
                    throw new FormatException(path, "the deflated dataset inflates to more than "
                            + (MAX_INFLATED >> 20) + " MiB; refusing it (a decompression bomb?)");
                }
            }
            if (!inflater.finished() && total == 0) {
                throw new FormatException(path, "the deflated dataset is empty or not deflate data");
            }
        } catch (DataFormatException e) {
            throw new FormatException(path, "the deflated dataset is corrupt: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
        return total;
    }

    /**
     * Reads elements until {@code end}, an item delimiter (for undefined-length items) or, at the top level, the
     * Pixel Data element.
     */
    private void readDataset(Cursor cursor, long end, boolean explicit, boolean bigEndian, int depth,
            DicomDataset dataset, PixelHolder holder, boolean untilDelimiter) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new FormatException(path, "sequences are nested deeper than " + MAX_DEPTH + " levels");
        }
        while (cursor.position() < end) {
            if (end - cursor.position() < 8) {
                if (depth == 0 && allZero(cursor, end)) {
                    return;
                }
                throw new FormatException(path, "the dataset is truncated: it ends in the middle of an element "
                        + "header at byte " + cursor.position());
            }
            long at = cursor.position();
            int group = cursor.u16(bigEndian);
            int element = cursor.u16(bigEndian);
            int tag = group << 16 | element;
            if (tag == Tags.ITEM_DELIMITATION) {
                cursor.u32(bigEndian);
                if (!untilDelimiter) {
                    throw new FormatException(path, "an item delimiter at byte " + at + " outside an item");
                }
                return;
            }
            cursor.seek(at);
            if (depth == 0 && holder != null && Tags.isPixelData(tag)) {
                readElementHeader(cursor, end, explicit, bigEndian, tag);
                holder.pixel = pixelInfo(cursor, tag, explicit);
                return;
            }
            readElement(cursor, end, explicit, bigEndian, depth, dataset, holder, untilDelimiter);
        }
        if (untilDelimiter && depth > 0 && cursor.position() >= cursor.length()) {
            throw new FormatException(path, "the file ends inside a sequence item (no item delimiter)");
        }
    }

    private boolean allZero(Cursor cursor, long end) throws IOException {
        byte[] rest = cursor.peek((int) (end - cursor.position()));
        for (byte b : rest) {
            if (b != 0) {
                return false;
            }
        }
        cursor.seek(end);
        return true;
    }

    private String headerVr;
    private long headerLength;

    /** Reads tag, VR and length; leaves the cursor at the value. */
    private void readElementHeader(Cursor cursor, long end, boolean explicit, boolean bigEndian, int tag)
            throws IOException {
        cursor.skip(4);
        int group = tag >>> 16;
        if (explicit && group != 0xFFFE) {
            byte[] vrBytes = cursor.peek(2);
            if (isVr(vrBytes[0], vrBytes[1])) {
                cursor.skip(2);
                String vr = new String(vrBytes, StandardCharsets.US_ASCII);
                headerVr = vr;
                if (LONG_LENGTH_VRS.contains(vr)) {
                    cursor.skip(2);
                    headerLength = cursor.u32(bigEndian);
                } else {
                    headerLength = cursor.u16(bigEndian);
                }
                return;
            }
            // An element written with implicit VR inside an explicit VR dataset: read it as implicit.
        }
        headerVr = group == 0xFFFE ? "NONE" : dictionary.vr(tag);
        headerLength = cursor.u32(bigEndian);
    }

    private DicomFile.PixelInfo pixelInfo(Cursor cursor, int tag, boolean explicit) throws IOException {
        String vr = headerVr;
        if (headerLength == UNDEFINED) {
            return new DicomFile.PixelInfo(tag, vr, cursor.position(), -1);
        }
        long remaining = cursor.length() - cursor.position();
        if (headerLength > remaining) {
            throw new FormatException(path, "the Pixel Data (" + Tags.format(tag) + ") claims " + headerLength
                    + " bytes but only " + remaining + " remain in the file (truncated?)");
        }
        return new DicomFile.PixelInfo(tag, vr, cursor.position(), headerLength);
    }

    private void readElement(Cursor cursor, long end, boolean explicit, boolean bigEndian, int depth,
            DicomDataset dataset, PixelHolder holder, boolean inUndefinedItem) throws IOException {
        long at = cursor.position();
        int group = cursor.u16(bigEndian);
        int element = cursor.u16(bigEndian);
        int tag = group << 16 | element;
        cursor.seek(at);
        readElementHeader(cursor, end, explicit, bigEndian, tag);
        String vr = headerVr;
        long length = headerLength;
        long valueStart = cursor.position();
        if (group == 0xFFFE) {
            throw new FormatException(path, "an unexpected item tag " + Tags.format(tag) + " at byte " + at);
        }
        if ("UN".equals(vr) && length != UNDEFINED) {
            // A known element written as UN (by converters): its value is implicit VR little endian.
            String known = dictionary.vr(tag);
            if (!"UN".equals(known)) {
                vr = known;
                if ("SQ".equals(vr)) {
                    List<DicomDataset> items = readSequence(cursor, length, end, false, false, depth + 1,
                            dataset.charset(), tag);
                    dataset.put(new DicomElement(tag, "SQ", valueStart, length, null, items, false));
                    return;
                }
                bigEndian = false;
            }
        }
        if ("SQ".equals(vr) || length == UNDEFINED && "UN".equals(vr)) {
            boolean unAsImplicit = "UN".equals(vr);
            List<DicomDataset> items = readSequence(cursor, length, end, unAsImplicit ? false : explicit,
                    unAsImplicit ? false : bigEndian, depth + 1, dataset.charset(), tag);
            dataset.put(new DicomElement(tag, "SQ", valueStart, length == UNDEFINED ? -1 : length, null, items,
                    bigEndian));
            return;
        }
        if (length == UNDEFINED) {
            if (Tags.isPixelData(tag)) {
                // Encapsulated pixel data inside an item (an icon image): skip its fragments.
                List<DicomFile.Fragment> skipped = scanFragments(cursor, valueStart);
                dataset.put(new DicomElement(tag, vr, valueStart, -1, null, null, bigEndian));
                if (skipped.isEmpty()) {
                    cursor.seek(valueStart);
                }
                return;
            }
            // Undefined length on a non-sequence VR: DICOM allows this only for SQ, UN and Pixel Data.
            List<DicomDataset> items = readSequence(cursor, length, end, explicit, bigEndian, depth + 1,
                    dataset.charset(), tag);
            dataset.put(new DicomElement(tag, "SQ", valueStart, -1, null, items, bigEndian));
            return;
        }
        long limit = Math.min(end, cursor.length()) - valueStart;
        if (length > limit) {
            throw new FormatException(path, "element " + Tags.format(tag) + " (" + dictionary.keyword(tag) + ", "
                    + vr + ") at byte " + at + " claims " + length + " bytes but only " + Math.max(0, limit)
                    + " remain" + (limit == cursor.length() - valueStart ? " in the file" : " in its item or sequence"));
        }
        byte[] value = null;
        if (length <= MAX_KEPT_VALUE) {
            value = cursor.bytes((int) length);
        } else {
            cursor.skip(length);
        }
        DicomElement parsed = new DicomElement(tag, vr, valueStart, length, value, null, bigEndian);
        dataset.put(parsed);
        if (tag == Tags.SPECIFIC_CHARACTER_SET && value != null) {
            dataset.charset(charset(parsed.strings(StandardCharsets.US_ASCII)));
        }
    }

    private List<DicomDataset> readSequence(Cursor cursor, long length, long end, boolean explicit, boolean bigEndian,
            int depth, Charset charset, int sequenceTag) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new FormatException(path, "sequences are nested deeper than " + MAX_DEPTH + " levels");
        }
        List<DicomDataset> items = new ArrayList<>();
        long sequenceEnd;
        if (length == UNDEFINED) {
            sequenceEnd = Math.min(end, cursor.length());
        } else {
            long limit = Math.min(end, cursor.length()) - cursor.position();
            if (length > limit) {
                throw new FormatException(path, "sequence " + Tags.format(sequenceTag) + " ("
                        + dictionary.keyword(sequenceTag) + ") claims " + length + " bytes but only " + limit
                        + " remain");
            }
            sequenceEnd = cursor.position() + length;
        }
        while (cursor.position() < sequenceEnd) {
            if (sequenceEnd - cursor.position() < 8) {
                throw new FormatException(path, "sequence " + Tags.format(sequenceTag) + " ends inside an item header");
            }
            long at = cursor.position();
            int tag = cursor.u16(bigEndian) << 16 | cursor.u16(bigEndian);
            long itemLength = cursor.u32(bigEndian);
            if (tag == Tags.SEQUENCE_DELIMITATION) {
                if (length != UNDEFINED) {
                    throw new FormatException(path, "a sequence delimiter at byte " + at
                            + " inside a sequence of defined length");
                }
                return items;
            }
            if (tag != Tags.ITEM) {
                throw new FormatException(path, "sequence " + Tags.format(sequenceTag) + " ("
                        + dictionary.keyword(sequenceTag) + ") has " + Tags.format(tag) + " at byte " + at
                        + " where an item should be");
            }
            DicomDataset item = new DicomDataset();
            item.charset(charset);
            if (itemLength == UNDEFINED) {
                readDataset(cursor, sequenceEnd, explicit, bigEndian, depth, item, null, true);
            } else {
                long limit = sequenceEnd - cursor.position();
                if (itemLength > limit) {
                    throw new FormatException(path, "an item of sequence " + Tags.format(sequenceTag) + " ("
                            + dictionary.keyword(sequenceTag) + ") claims " + itemLength + " bytes but only " + limit
                            + " remain");
                }
                readDataset(cursor, cursor.position() + itemLength, explicit, bigEndian, depth, item, null, false);
            }
            items.add(item);
        }
        if (length == UNDEFINED) {
            throw new FormatException(path, "sequence " + Tags.format(sequenceTag) + " ("
                    + dictionary.keyword(sequenceTag) + ") has no sequence delimiter before the end of the file");
        }
        return items;
    }

    /** The items of encapsulated pixel data from {@code start} to the sequence delimiter (headers only). */
    private List<DicomFile.Fragment> scanFragments(Cursor cursor, long start) throws IOException {
        List<DicomFile.Fragment> items = new ArrayList<>();
        cursor.seek(start);
        while (true) {
            if (cursor.remaining() < 8) {
                if (items.size() >= 2 && cursor.remaining() == 0) {
                    return items; // no sequence delimiter at the very end: tolerated (pydicom and GDCM read these)
                }
                throw new FormatException(path, "the encapsulated Pixel Data is truncated at byte "
                        + cursor.position() + " (no sequence delimiter)");
            }
            long at = cursor.position();
            int tag = cursor.u16(false) << 16 | cursor.u16(false);
            long length = cursor.u32(false);
            if (tag == Tags.SEQUENCE_DELIMITATION) {
                return items;
            }
            if (tag != Tags.ITEM) {
                throw new FormatException(path, "the encapsulated Pixel Data has " + Tags.format(tag) + " at byte " + at
                        + " where a fragment item should be");
            }
            if (length == UNDEFINED || length > cursor.remaining()) {
                throw new FormatException(path, "a Pixel Data fragment at byte " + at + " claims "
                        + (length == UNDEFINED ? "an undefined length" : length + " bytes") + " but only "
                        + cursor.remaining() + " remain in the file (truncated?)");
            }
            items.add(new DicomFile.Fragment(cursor.position(), length));
            cursor.skip(length);
        }
    }

    private long[] readOffsetTable(ByteSource source, DicomFile.Fragment table) throws IOException {
        if (table.length() % 4 != 0) {
            throw new FormatException(path, "the basic offset table has " + table.length()
                    + " bytes, not a multiple of 4");
        }
        byte[] bytes = source.read(table.offset(), (int) table.length());
        long[] offsets = new long[bytes.length / 4];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = (bytes[4 * i] & 0xFFL) | (bytes[4 * i + 1] & 0xFFL) << 8 | (bytes[4 * i + 2] & 0xFFL) << 16
                    | (bytes[4 * i + 3] & 0xFFL) << 24;
        }
        return offsets;
    }

    /** The Java charset of a SpecificCharacterSet value (its first term); Latin-1 when unknown. */
    static Charset charset(List<String> terms) {
        String term = terms.isEmpty() ? "" : terms.getLast().isEmpty() ? terms.getFirst() : terms.getFirst();
        if (terms.size() > 1 && term.isEmpty()) {
            term = terms.get(1);
        }
        return switch (term.replace("ISO 2022 ", "").replace('_', ' ').strip()) {
            case "ISO IR 192" -> StandardCharsets.UTF_8;
            case "ISO IR 6", "" -> StandardCharsets.ISO_8859_1;
            case "ISO IR 101" -> lookup("ISO-8859-2");
            case "ISO IR 109" -> lookup("ISO-8859-3");
            case "ISO IR 110" -> lookup("ISO-8859-4");
            case "ISO IR 144" -> lookup("ISO-8859-5");
            case "ISO IR 127" -> lookup("ISO-8859-6");
            case "ISO IR 126" -> lookup("ISO-8859-7");
            case "ISO IR 138" -> lookup("ISO-8859-8");
            case "ISO IR 148" -> lookup("ISO-8859-9");
            case "ISO IR 166" -> lookup("TIS-620");
            case "ISO IR 13" -> lookup("Shift_JIS");
            case "GB18030" -> lookup("GB18030");
            case "GBK" -> lookup("GBK");
            default -> StandardCharsets.ISO_8859_1;
        };
    }

    private static Charset lookup(String name) {
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
