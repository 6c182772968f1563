package org.qbi.io.dicom.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard DICOM data dictionary (tag, VR, keyword, name), loaded at first use from the resource
 * dicom-dictionary.tsv that dictionary/generate.py writes from pydicom's dictionary.
 */
final class DicomDictionary {

    /** One dictionary element. */
    record Entry(String vr, String vm, String keyword, String name) {
    }

    private record Repeater(int mask, int value, Entry entry) {
    }

    private static volatile DicomDictionary instance;

    private final Map<Integer, Entry> entries;
    private final List<Repeater> repeaters;
    private final Map<String, Integer> byKeyword;

    private DicomDictionary(Map<Integer, Entry> entries, List<Repeater> repeaters, Map<String, Integer> byKeyword) {
        this.entries = entries;
        this.repeaters = repeaters;
        this.byKeyword = byKeyword;
    }

    static DicomDictionary get() {
        DicomDictionary dictionary = instance;
        if (dictionary == null) {
            synchronized (DicomDictionary.class) {
                dictionary = instance;
                if (dictionary == null) {
                    dictionary = load();
                    instance = dictionary;
                }
            }
        }
        return dictionary;
    }

    /** The entry of {@code tag}, or null for private and unknown tags. */
    Entry entry(int tag) {
        Entry entry = entries.get(tag);
        if (entry == null) {
            for (Repeater repeater : repeaters) {
                if ((tag & repeater.mask) == repeater.value) {
                    return repeater.entry;
                }
            }
        }
        return entry;
    }

    /** The VR of {@code tag} for implicit VR data: the first of ambiguous ones ("US or SS" gives US); UN when unknown. */
    String vr(int tag) {
        int element = tag & 0xFFFF;
        if (element == 0) {
            return "UL";
        }
        if ((tag >>> 16) % 2 == 1 && element >= 0x10 && element <= 0xFF) {
            return "LO";
        }
        Entry entry = entry(tag);
        if (entry == null) {
            return "UN";
        }
        String vr = entry.vr();
        if (vr.startsWith("OB or OW") || vr.equals("US or SS or OW") || vr.equals("US or OW")) {
            return "OW";
        }
        return vr.length() > 2 ? vr.substring(0, 2) : vr;
    }

    /** A readable name: the keyword, or "Private Creator", "Private (gggg,eeee)", "Unknown (gggg,eeee)". */
    String keyword(int tag) {
        int group = tag >>> 16;
        int element = tag & 0xFFFF;
        if (group % 2 == 1) {
            return element >= 0x10 && element <= 0xFF ? "PrivateCreator" : "Private " + Tags.format(tag);
        }
        Entry entry = entry(tag);
        if (entry != null && !entry.keyword().isEmpty()) {
            return entry.keyword();
        }
        if (element == 0) {
            return "GroupLength";
        }
        return entry != null ? entry.name() : "Unknown " + Tags.format(tag);
    }

    /** The tag of a keyword ("PixelSpacing"), or -1. */
    int tag(String keyword) {
        return byKeyword.getOrDefault(keyword, -1);
    }

    int size() {
        return entries.size() + repeaters.size();
    }

    private static DicomDictionary load() {
        Map<Integer, Entry> entries = new HashMap<>(8192);
        List<Repeater> repeaters = new ArrayList<>();
        Map<String, Integer> byKeyword = new HashMap<>(8192);
        try (InputStream in = DicomDictionary.class.getResourceAsStream("dicom-dictionary.tsv")) {
            if (in == null) {
                throw new IllegalStateException("The DICOM dictionary resource dicom-dictionary.tsv is missing from "
                        + "the bundle org.qbi.io.dicom");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                Entry entry = new Entry(f[1], f[2], f[3], f[4]);
                String tag = f[0];
                if (tag.indexOf('x') >= 0) {
                    int mask = 0;
                    int value = 0;
                    for (int i = 0; i < 8; i++) {
                        char c = tag.charAt(i);
                        mask <<= 4;
                        value <<= 4;
                        if (c != 'x') {
                            mask |= 0xF;
                            value |= Character.digit(c, 16);
                        }
                    }
                    repeaters.add(new Repeater(mask, value, entry));
                } else {
                    int t = (int) Long.parseLong(tag, 16);
                    entries.put(t, entry);
                    if (!entry.keyword().isEmpty()) {
                        byKeyword.putIfAbsent(entry.keyword(), t);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the DICOM dictionary resource", e);
        }
        return new DicomDictionary(Map.copyOf(entries), List.copyOf(repeaters), Map.copyOf(byKeyword));
    }
}
