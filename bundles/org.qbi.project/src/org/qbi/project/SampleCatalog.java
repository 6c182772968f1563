package org.qbi.project;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.qbi.core.io.AtomicFiles;

/**
 * The samples of a project, stored as {@code samples.csv}: a plain CSV file (RFC 4180, UTF-8, LF line
 * ends) that diffs well and opens in any spreadsheet, pandas or R.
 * <p>
 * Columns: {@code sample_id, group, notes, files}, then any columns the lab adds (kept in order and
 * round-tripped). {@code files} lists a sample's files relative to the project, separated by ';'. Rows keep
 * their order. Not thread-safe: one editor at a time, and {@link #save} replaces the file atomically.
 *
 * @since 0.1
 */
public final class SampleCatalog {

    /** The required leading columns, in order. */
    public static final List<String> REQUIRED_COLUMNS = List.of("sample_id", "group", "notes", "files");

    private static final String FILE_SEPARATOR = ";";

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setRecordSeparator('\n')
            .setQuoteMode(QuoteMode.MINIMAL)
            .get();

    private final List<String> extraColumns = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();

    /** An empty catalog with the required columns only. */
    public SampleCatalog() {
    }

    /**
     * Reads a catalog.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException naming the file, line and problem when the content is not a valid catalog
     */
    public static SampleCatalog load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        }
    }

    /**
     * Reads a catalog from {@code reader}; {@code source} names it in error messages. A leading byte order mark
     * (spreadsheets add one when they save "CSV UTF-8") is skipped.
     */
    public static SampleCatalog parse(Reader reader, String source) throws IOException {
        SampleCatalog catalog = new SampleCatalog();
        try (CSVParser parser = FORMAT.builder().setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true)
                .get().parse(withoutByteOrderMark(reader))) {
            List<String> header = parser.getHeaderNames();
            checkHeader(header, source);
            catalog.extraColumns.addAll(header.subList(REQUIRED_COLUMNS.size(), header.size()));
            for (CSVRecord record : parser) {
                catalog.addParsed(record, header, source);
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(source + ": not a readable CSV file (" + e.getMessage() + ")", e);
        }
        return catalog;
    }

    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader in = new PushbackReader(reader, 1);
        int first = in.read();
        if (first != -1 && first != '\uFEFF') {
            in.unread(first);
        }
        return in;
    }

    /** Rejects a header that does not start with the required columns, or has an empty or repeated name. */
    private static void checkHeader(List<String> header, String source) {
        if (header.size() < REQUIRED_COLUMNS.size() || !header.subList(0, REQUIRED_COLUMNS.size()).equals(REQUIRED_COLUMNS)) {
            throw new IllegalArgumentException(source + " line 1: the header is " + header + ", expected it to start with "
                    + REQUIRED_COLUMNS + " (further columns may follow)");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(source + " line 1: column " + (i + 1) + " of the header " + header
                        + " has an empty name; name it or delete the column");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException(source + " line 1: the header names column '" + name + "' twice");
            }
        }
    }

    private void addParsed(CSVRecord record, List<String> header, String source) {
        long line = record.getParser().getCurrentLineNumber();
        if (record.size() == 1 && record.get(0).isBlank()) {
            return;
        }
        if (record.size() != header.size()) {
            throw new IllegalArgumentException(source + " line " + line + ": " + record.size() + " columns, the header has "
                    + header.size());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String column : extraColumns) {
            fields.put(column, record.get(column));
        }
        List<String> files = Arrays.stream(record.get("files").split(FILE_SEPARATOR))
                .map(String::strip).filter(f -> !f.isEmpty()).toList();
        Sample sample;
        try {
            sample = new Sample(record.get("sample_id").strip(), record.get("group"), record.get("notes"), files, fields);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " line " + line + ": " + e.getMessage(), e);
        }
        if (find(sample.id()).isPresent()) {
            throw new IllegalArgumentException(source + " line " + line + ": sample id '" + sample.id()
                    + "' appears twice; every sample needs its own id");
        }
        samples.add(sample);
    }

    /** Replaces {@code file} atomically with this catalog. */
    public void save(Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            write(writer);
            writer.flush();
        });
    }

    /** Writes the catalog as CSV to {@code writer} (does not close it). */
    public void write(Writer writer) throws IOException {
        CSVPrinter printer = new CSVPrinter(writer, FORMAT);
        List<String> header = new ArrayList<>(REQUIRED_COLUMNS);
        header.addAll(extraColumns);
        printer.printRecord(header);
        for (Sample sample : samples) {
            List<String> row = new ArrayList<>(List.of(sample.id(), sample.group(), sample.notes(),
                    String.join(FILE_SEPARATOR, sample.files())));
            for (String column : extraColumns) {
                row.add(sample.fields().getOrDefault(column, ""));
            }
            printer.printRecord(row);
        }
        printer.flush();
    }

    /** The samples in catalog order (a read-only view). */
    public List<Sample> samples() {
        return java.util.Collections.unmodifiableList(samples);
    }

    /** The lab's own columns after the required ones, in order. */
    public List<String> extraColumns() {
        return java.util.Collections.unmodifiableList(extraColumns);
    }

    /** Adds a column of the lab's own (e.g. "age"); existing samples get an empty value. */
    public void addColumn(String name) {
        if (name == null || name.isBlank() || REQUIRED_COLUMNS.contains(name) || extraColumns.contains(name)
                || name.contains(",") || name.contains("\"")) {
            throw new IllegalArgumentException("Column name '" + name + "' is empty, already used, or contains ',' or '\"'");
        }
        extraColumns.add(name);
    }

    public Optional<Sample> find(String id) {
        return samples.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The distinct groups in order of first appearance, without the empty group. */
    public List<String> groups() {
        return samples.stream().map(Sample::group).filter(g -> !g.isEmpty()).distinct().toList();
    }

    /**
     * Adds a sample, or replaces the one with the same id in place.
     *
     * @throws IllegalArgumentException when the sample has a field that is not a column of the catalog
     */
    public void put(Sample sample) {
        if (indexOf(sample.id()) >= 0) {
            replace(sample.id(), sample);
            return;
        }
        checkFields(sample);
        samples.add(sample);
    }

    /**
     * Replaces the sample {@code oldId} with {@code sample} at the same position (an edit, possibly of the id).
     *
     * @throws IllegalArgumentException when there is no sample {@code oldId}, or {@code sample}'s new id is taken
     */
    public void replace(String oldId, Sample sample) {
        int index = indexOf(oldId);
        if (index < 0) {
            throw new IllegalArgumentException("No sample '" + oldId + "' in the catalog");
        }
        if (!oldId.equals(sample.id()) && indexOf(sample.id()) >= 0) {
            throw new IllegalArgumentException("Sample id '" + sample.id() + "' is taken; every sample needs its own id");
        }
        checkFields(sample);
        samples.set(index, sample);
    }

    private void checkFields(Sample sample) {
        for (String key : sample.fields().keySet()) {
            if (!extraColumns.contains(key)) {
                throw new IllegalArgumentException("Sample " + sample.id() + " has field '" + key
                        + "', which is not a column of the catalog " + extraColumns + "; add the column first");
            }
        }
    }

    private int indexOf(String id) {
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Removes the sample with {@code id}; returns whether there was one. Its files stay on disk. */
    public boolean remove(String id) {
        return samples.removeIf(s -> s.id().equals(id));
    }

    /**
     * The catalog's files that do not exist in {@code layout}, as "sample: path" sentences; empty when every
     * listed file is there. Locations on other file systems ({@link Sample#isLocation}) are not checked here: the
     * Spark engine reaches them, and names one that is missing when it stages it.
     */
    public List<String> missingFiles(ProjectLayout layout) {
        List<String> missing = new ArrayList<>();
        for (Sample sample : samples) {
            for (String file : sample.files()) {
                if (!Sample.isLocation(file) && !Files.exists(layout.resolve(file))) {
                    missing.add(sample.id() + ": " + file);
                }
            }
        }
        return missing;
    }
}
