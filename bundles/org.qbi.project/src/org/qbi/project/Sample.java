package org.qbi.project;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One sample of a study: an id, the group or condition it belongs to (healthy/diseased, treatment, age
 * class), free acquisition notes, the files that hold its images, and any further fields the lab keeps
 * (age, sex, scan date...), which pipelines can bind parameters to.
 *
 * @param id     unique within the catalog; letters, digits, '.', '_' and '-' only, so it can name files
 * @param group  the group or condition; may be empty
 * @param notes  acquisition notes; may be empty
 * @param files  the sample's files, relative to the project root with '/' separators, inside the project; or
 *               locations on a file system Hadoop reaches ({@code hdfs://namenode/scans/bone-01.zarr},
 *               {@code s3a://bucket/...}, {@code file:/shared/...}: see {@link #isLocation}), which the Spark engine
 *               reads
 * @param fields further columns of the catalog, in column order; never null
 * @since 0.1
 */
public record Sample(String id, String group, String notes, List<String> files, Map<String, String> fields) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** A URI with a scheme of two letters or more (so "C:" stays a Windows drive): hdfs://..., s3a://..., file:/... */
    private static final Pattern LOCATION = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:/.*");

    /** A Windows drive, "C:", which makes a path absolute. */
    private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:");

    public Sample {
        String idProblem = idProblem(id);
        if (idProblem != null) {
            throw new IllegalArgumentException(idProblem);
        }
        group = group == null ? "" : group.strip();
        notes = notes == null ? "" : notes.strip();
        files = files == null ? List.of() : List.copyOf(files);
        for (String file : files) {
            if (isLocation(file) && !file.contains(";")) {
                continue;
            }
            if (file.isBlank() || file.startsWith("/") || file.contains("\\") || file.contains(";")
                    || DRIVE.matcher(file).lookingAt() || List.of(file.split("/")).contains("..")) {
                throw new IllegalArgumentException("Sample " + id + ": file '" + file + "' must be a path relative "
                        + "to the project with '/' separators, inside it (no '..') and without ';' (e.g. raw/ct/scan01.dcm)");
            }
        }
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * Why {@code id} cannot name a sample, or null when it can.
     *
     * @return a sentence naming the id and the rule, or null
     */
    public static String idProblem(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return "Sample id '" + id + "' is not valid: use letters, digits, '.', '_' and '-', starting with a letter "
                    + "or digit (e.g. bone-01)";
        }
        return null;
    }

    /**
     * Whether a sample's file entry is a location on another file system (a URI: {@code hdfs://...},
     * {@code s3a://...}, {@code file:/...}) rather than a path inside the project. The Spark engine reads such
     * locations through Hadoop's file systems; the local engine and the workbench read files inside the project.
     */
    public static boolean isLocation(String file) {
        return file != null && LOCATION.matcher(file).matches();
    }

    /** A sample with no further fields. */
    public Sample(String id, String group, String notes, List<String> files) {
        this(id, group, notes, files, Map.of());
    }

    /** This sample with {@code file} added to its files (unchanged if it is there already). */
    public Sample withFile(String file) {
        if (files.contains(file)) {
            return this;
        }
        List<String> more = new java.util.ArrayList<>(files);
        more.add(file);
        return new Sample(id, group, notes, more, fields);
    }
}
