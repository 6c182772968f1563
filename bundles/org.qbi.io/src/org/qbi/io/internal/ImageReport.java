package org.qbi.io.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.ImageStatistics;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.ValueStatistics;
import org.qbi.core.progress.ProgressMonitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What {@code qbi info} reports about an image; prints as text or serialises as JSON with the keys format,
 * axes, pixelType, fingerprint, stored, rescaled (where the format defines a rescale) and metadata.
 */
record ImageReport(String file, String format, List<AxisReport> axes, String pixelType, List<Double> orientation,
        String fingerprint, Values stored, Values rescaled, String rescaledUnit, Map<String, MetadataReport> metadata) {

    record AxisReport(String name, long size, double spacing, String unit, double origin, double fieldOfView,
            List<Double> values) {
    }

    record Values(double min, double max, double mean, double std) {
        static Values of(ValueStatistics s) {
            return new Values(s.min(), s.max(), s.mean(), s.std());
        }
    }

    record MetadataReport(String name, String group, Object value) {
    }

    static ImageReport of(String file, Image image, boolean statistics, ProgressMonitor monitor) throws IOException {
        ImageHeader header = image.header();
        List<AxisReport> axes = header.axes().stream()
                .map(a -> new AxisReport(a.axis().label(), a.size(), a.spacing(), a.unit(), a.origin(), a.fieldOfView(),
                        a.values()))
                .toList();
        Values stored = null;
        Values rescaled = null;
        String fingerprint = null;
        if (statistics) {
            ValueStatistics values = ImageStatistics.of(image, monitor);
            stored = Values.of(values);
            rescaled = header.rescale().isIdentity() ? null : Values.of(values.rescaled(header.rescale()));
            fingerprint = Fingerprint.of(image, monitor);
        }
        Map<String, MetadataReport> metadata = new LinkedHashMap<>();
        for (Metadata.Entry entry : header.metadata().entries()) {
            metadata.put(entry.key(), new MetadataReport(entry.name(), entry.group(), entry.value()));
        }
        List<Double> orientation = header.orientation().map(o -> java.util.Arrays.stream(o.cosines()).boxed().toList())
                .orElse(null);
        return new ImageReport(file, header.format(), axes, header.pixelType().label(), orientation, fingerprint, stored,
                rescaled, header.rescale().isIdentity() ? null : header.rescale().unit(), metadata);
    }

    void printText(PrintStream out, ImageHeader header, int metadataLines) {
        out.println("File         " + file);
        out.println("Format       " + format);
        out.println("Image        " + header.describe());
        out.println("Pixel type   " + pixelType);
        out.printf(Locale.ROOT, "%-5s %10s %14s %-8s %14s %16s%n", "axis", "size", "spacing", "unit", "origin",
                "field of view");
        for (AxisCalibration axis : header.axes()) {
            out.printf(Locale.ROOT, "%-5s %10d %14.6g %-8s %14.6g %16.6g%n", axis.axis().label(), axis.size(),
                    axis.spacing(), axis.unit(), axis.origin(), axis.fieldOfView());
        }
        if (orientation != null) {
            out.println("Orientation  " + orientation);
        }
        if (stored != null) {
            out.println("Stored       " + values(stored));
        }
        if (rescaled != null) {
            out.println("Rescaled     " + values(rescaled) + (rescaledUnit.isEmpty() ? "" : " " + rescaledUnit)
                    + "  (slope " + header.rescale().slope() + ", intercept " + header.rescale().intercept() + ")");
        }
        if (fingerprint != null) {
            out.println("Fingerprint  sha256:" + fingerprint);
        }
        header.metadata().text(Metadata.PROVENANCE).ifPresent(record -> {
            out.println("Provenance   (kept in the file: what made this image, from which inputs, with which parameters)");
            record(record).lines().forEach(line -> out.println("  " + line));
        });
        List<Metadata.Entry> entries = header.metadata().entries();
        if (!entries.isEmpty()) {
            out.println("Metadata     " + entries.size() + " entries"
                    + (entries.size() > metadataLines ? " (first " + metadataLines + "; --metadata shows all)" : ""));
            for (Metadata.Entry entry : entries.subList(0, Math.min(metadataLines, entries.size()))) {
                String text = entry.text().replaceAll("[\\p{Cntrl}]+", " ").strip();
                out.printf("  %-22s %-32s %s%n", entry.key(), entry.name(),
                        text.length() > 80 ? text.substring(0, 77) + "..." : text);
            }
        }
    }

    /** The provenance record indented for reading; as it is when it is not JSON. */
    private static String record(String json) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json));
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    private static String values(Values v) {
        return String.format(Locale.ROOT, "min %.6g  max %.6g  mean %.6g  std %.6g", v.min(), v.max(), v.mean(), v.std());
    }
}
