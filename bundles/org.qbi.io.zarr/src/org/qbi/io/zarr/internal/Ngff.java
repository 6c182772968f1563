package org.qbi.io.zarr.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a Zarr group's attributes say about one of its arrays: OME-NGFF "multiscales" (versions 0.1 to 0.4:
 * axes with names, types and units; per-dataset and global scale and translation transformations) and QBI's
 * own "qbi" block (see {@link ZarrWriter}), which carries QBI's calibration exactly.
 */
final class Ngff {

    /**
     * @param version NGFF version ("0.4"), or "" for the QBI block alone
     * @param labels  one axis name per array dimension (x, y, z, c, t), or null
     * @param spacing per dimension, NaN where unknown
     * @param origin  per dimension
     * @param units   per dimension, null where unknown
     */
    record Description(String version, List<String> labels, double[] spacing, double[] origin, String[] units) {
    }

    private Ngff() {
    }

    /** The path of the full-resolution array of the first multiscale image ("0"), or null. */
    static String defaultArray(JsonNode attributes) {
        JsonNode multiscales = attributes == null ? null : attributes.get("multiscales");
        if (multiscales == null || !multiscales.isArray() || multiscales.isEmpty()) {
            return null;
        }
        JsonNode datasets = multiscales.get(0).get("datasets");
        if (datasets == null || !datasets.isArray() || datasets.isEmpty()) {
            return null;
        }
        String path = datasets.get(0).path("path").asText("");
        return path.isEmpty() ? null : path;
    }

    /** The multiscales entry of the group attributes that lists {@code arrayPath}, described, or null. */
    static Description describe(JsonNode attributes, String arrayPath, int rank) {
        JsonNode multiscales = attributes == null ? null : attributes.get("multiscales");
        if (multiscales == null || !multiscales.isArray()) {
            return null;
        }
        for (JsonNode multiscale : multiscales) {
            for (JsonNode dataset : multiscale.path("datasets")) {
                if (arrayPath.equals(dataset.path("path").asText(null))) {
                    return describe(multiscale, dataset, rank);
                }
            }
        }
        return null;
    }

    private static Description describe(JsonNode multiscale, JsonNode dataset, int rank) {
        String version = multiscale.path("version").asText("");
        List<String> labels = new ArrayList<>();
        String[] units = new String[rank];
        JsonNode axes = multiscale.get("axes");
        if (axes != null && axes.isArray() && axes.size() == rank) {
            int i = 0;
            for (JsonNode axis : axes) {
                if (axis.isTextual()) {
                    labels.add(axis.asText());
                } else {
                    String type = axis.path("type").asText("").toLowerCase(Locale.ROOT);
                    String name = axis.path("name").asText("");
                    labels.add(type.equals("channel") ? "c" : type.equals("time") ? "t" : name);
                    if (axis.hasNonNull("unit")) {
                        units[i] = axis.get("unit").asText();
                    }
                }
                i++;
            }
        } else if ((axes == null || axes.isNull()) && rank == 5) {
            labels.addAll(List.of("t", "c", "z", "y", "x"));
        } else {
            labels = null;
        }
        double[] spacing = new double[rank];
        double[] origin = new double[rank];
        Arrays.fill(spacing, Double.NaN);
        double[] scale = transform(dataset.get("coordinateTransformations"), "scale", rank);
        double[] translation = transform(dataset.get("coordinateTransformations"), "translation", rank);
        double[] globalScale = transform(multiscale.get("coordinateTransformations"), "scale", rank);
        double[] globalTranslation = transform(multiscale.get("coordinateTransformations"), "translation", rank);
        for (int i = 0; i < rank; i++) {
            double s = scale == null ? 1 : scale[i];
            double t = translation == null ? 0 : translation[i];
            double gs = globalScale == null ? 1 : globalScale[i];
            double gt = globalTranslation == null ? 0 : globalTranslation[i];
            if (scale != null || globalScale != null) {
                spacing[i] = s * gs;
            }
            origin[i] = t * gs + gt;
        }
        return new Description(version, labels, spacing, origin, units);
    }

    private static double[] transform(JsonNode transformations, String type, int rank) {
        if (transformations == null || !transformations.isArray()) {
            return null;
        }
        for (JsonNode transformation : transformations) {
            if (type.equals(transformation.path("type").asText())) {
                JsonNode values = transformation.get(type);
                if (values == null || !values.isArray() || values.size() != rank) {
                    return null;
                }
                double[] result = new double[rank];
                for (int i = 0; i < rank; i++) {
                    if (!values.get(i).isNumber()) {
                        return null;
                    }
                    result[i] = values.get(i).asDouble();
                }
                return result;
            }
        }
        return null;
    }

    /** QBI's block in the group attributes when it describes {@code arrayPath}, or null. */
    static JsonNode qbi(JsonNode attributes, String arrayPath) {
        JsonNode qbi = attributes == null ? null : attributes.get("qbi");
        if (qbi == null || !qbi.isObject() || !arrayPath.equals(qbi.path("array").asText(null))) {
            return null;
        }
        return qbi;
    }
}
