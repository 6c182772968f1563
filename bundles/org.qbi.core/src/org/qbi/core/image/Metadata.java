package org.qbi.core.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a file says about its image beyond pixels and calibration, as a typed, searchable dictionary: DICOM
 * tags with their names, TIFF tags, ImageJ and OME metadata, NIfTI header fields, HDF5 attributes.
 * <p>
 * Keys are unique and say where an entry comes from: {@code "dicom:0008,0060"}, {@code "tiff:270"},
 * {@code "imagej:spacing"}, {@code "nifti:descrip"}. Each entry carries a readable name ("Modality") and a
 * group ("DICOM", "TIFF", "ImageJ"). Values are String, Long, Double, Boolean or a List of those. Immutable.
 *
 * @since 0.1
 */
public final class Metadata {

    /** One entry. */
    public record Entry(String key, String name, String group, Object value) {
        public Entry {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("A metadata entry needs a key");
            }
            name = name == null || name.isBlank() ? key : name;
            group = group == null ? "" : group;
        }

        /** The value as text (lists joined with "\\", as DICOM writes multiple values). */
        public String text() {
            if (value instanceof List<?> list) {
                StringBuilder text = new StringBuilder();
                for (Object item : list) {
                    text.append(text.isEmpty() ? "" : "\\").append(item);
                }
                return text.toString();
            }
            return String.valueOf(value);
        }
    }

    /**
     * Key of the provenance record (JSON: what made the image, from which inputs, with which parameters) that QBI
     * keeps inside the images it writes; group "Provenance".
     */
    public static final String PROVENANCE = "qbi:provenance";

    /** Group of the {@link #PROVENANCE} entry. */
    public static final String PROVENANCE_GROUP = "Provenance";

    /** No metadata. */
    public static final Metadata EMPTY = new Metadata(Map.of());

    private final Map<String, Entry> entries;

    private Metadata(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The entries in the order the reader added them. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    public int size() {
        return entries.size();
    }

    public Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The value of {@code key} as text, if present. */
    public Optional<String> text(String key) {
        return get(key).map(Entry::text);
    }

    /** The first entry whose readable name equals {@code name} (e.g. "Modality"). */
    public Optional<Entry> byName(String name) {
        return entries.values().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * Entries whose key, name, group or value contains {@code query}, ignoring case; all entries for a blank
     * query.
     */
    public List<Entry> search(String query) {
        if (query == null || query.isBlank()) {
            return entries();
        }
        String q = query.strip().toLowerCase(Locale.ROOT);
        List<Entry> found = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.key().toLowerCase(Locale.ROOT).contains(q) || entry.name().toLowerCase(Locale.ROOT).contains(q)
                    || entry.group().toLowerCase(Locale.ROOT).contains(q)
                    || entry.text().toLowerCase(Locale.ROOT).contains(q)) {
                found.add(entry);
            }
        }
        return found;
    }

    /** A builder seeded with these entries, to add to them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.entries.putAll(entries);
        return builder;
    }

    /** Collects entries; a later entry with the same key replaces the earlier one in place. */
    public static final class Builder {
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        public Builder put(String key, String name, String group, Object value) {
            if (value != null) {
                entries.put(key, new Entry(key, name, group, value));
            }
            return this;
        }

        public Builder putAll(Metadata other) {
            entries.putAll(other.entries);
            return this;
        }

        public Metadata build() {
            return entries.isEmpty() ? EMPTY : new Metadata(Collections.unmodifiableMap(new LinkedHashMap<>(entries)));
        }
    }

    @Override
    public String toString() {
        return "Metadata(" + entries.size() + " entries)";
    }
}
