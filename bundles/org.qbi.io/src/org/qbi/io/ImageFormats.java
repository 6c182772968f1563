package org.qbi.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.Image;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.image.io.ImageReader;
import org.qbi.core.image.io.ImageWriter;
import org.qbi.core.image.io.Probe;
import org.qbi.io.registry.ClasspathRegistry;

/**
 * The image formats the installed plugins contribute, and the one way to open or write an image by file.
 * Readers and writers are instantiated on first use; one that fails to load is reported by
 * {@link #problems()} naming its plugin, and the others keep working.
 *
 * @since 0.1
 */
public final class ImageFormats {

    /** One contributed format (reader or writer). */
    public record Format(String id, String name, List<String> extensions, int priority, String plugin) {
    }

    private record Contribution<T>(Format format, IConfigurationElement element, Class<T> type) {
    }

    private final List<Contribution<ImageReader>> readers = new ArrayList<>();
    private final List<Contribution<ImageWriter>> writers = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final java.util.Map<IConfigurationElement, Object> instances = new java.util.HashMap<>();

    private ImageFormats(IExtensionRegistry registry) {
        for (IConfigurationElement element : registry.getConfigurationElementsFor("org.qbi.readers")) {
            readers.add(new Contribution<>(format(element), element, ImageReader.class));
        }
        for (IConfigurationElement element : registry.getConfigurationElementsFor("org.qbi.writers")) {
            writers.add(new Contribution<>(format(element), element, ImageWriter.class));
        }
        readers.sort(Comparator.comparingInt((Contribution<ImageReader> c) -> -c.format().priority()));
    }

    /** The formats of the running platform's plugins (inside OSGi or on a plain class path). */
    public static ImageFormats installed() {
        return new ImageFormats(ClasspathRegistry.current());
    }

    public List<Format> readers() {
        return readers.stream().map(Contribution::format).toList();
    }

    public List<Format> writers() {
        return writers.stream().map(Contribution::format).toList();
    }

    /** Contributions that could not be loaded, each naming its plugin and why. */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * Opens the image at {@code path}: among the readers of the highest priority that recognise its content, the
     * one whose extensions match its name (else the first); when none recognises it, one whose extensions match. Reads the header only.
     *
     * @param entry which image of a multi-image file, or null for the default
     * @throws FormatException naming the file when no reader reads it or the chosen reader finds it corrupt
     */
    public Image open(Path path, String entry) throws IOException {
        if (!Files.exists(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString(), null, "no such file or folder");
        }
        return Image.of(reader(path).open(path, entry));
    }

    /** The reader that will open {@code path}. */
    public ImageReader reader(Path path) throws IOException {
        Probe probe = Probe.of(path);
        // readers are sorted by priority; among the ones of the highest priority that recognise the content, one
        // whose extensions match the name wins (a DICOM file whose preamble holds a TIFF header is DICOM)
        ImageReader recognising = null;
        int recognisingPriority = 0;
        for (Contribution<ImageReader> contribution : readers) {
            if (recognising != null && contribution.format().priority() < recognisingPriority) {
                break;
            }
            ImageReader reader = instance(contribution);
            if (reader != null && reader.canRead(probe)) {
                if (matches(contribution.format(), probe.fileName())) {
                    return reader;
                }
                if (recognising == null) {
                    recognising = reader;
                    recognisingPriority = contribution.format().priority();
                }
            }
        }
        if (recognising != null) {
            return recognising;
        }
        for (Contribution<ImageReader> contribution : readers) {
            if (matches(contribution.format(), probe.fileName())) {
                ImageReader reader = instance(contribution);
                if (reader != null) {
                    return reader;
                }
            }
        }
        throw new FormatException(path, "not an image format QBI reads (installed readers: "
                + String.join(", ", readers.stream().map(c -> c.format().name()).distinct().toList()) + ")");
    }

    /** The names of the images in a multi-image file (empty for single-image formats). */
    public List<String> entries(Path path) throws IOException {
        return reader(path).entries(path);
    }

    /** Opens {@code path}'s chunk source without the cache (for readers' own tests and benchmarks). */
    public ChunkSource openSource(Path path, String entry) throws IOException {
        return reader(path).open(path, entry);
    }

    /**
     * The writer for {@code target}'s extension (the longest match wins: ".nii.gz" over ".gz").
     *
     * @throws IllegalArgumentException naming the extensions QBI writes when none matches
     */
    public ImageWriter writerFor(Path target) {
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        Contribution<ImageWriter> best = null;
        int bestLength = 0;
        for (Contribution<ImageWriter> contribution : writers) {
            for (String extension : contribution.format().extensions()) {
                if (name.endsWith(extension) && extension.length() > bestLength) {
                    best = contribution;
                    bestLength = extension.length();
                }
            }
        }
        ImageWriter writer = best == null ? null : instance(best);
        if (writer == null) {
            throw new IllegalArgumentException("No writer for '" + target.getFileName() + "'; QBI writes "
                    + String.join(", ", writers.stream().flatMap(c -> c.format().extensions().stream()).toList()));
        }
        return writer;
    }

    private static boolean matches(Format format, String fileName) {
        return format.extensions().stream().anyMatch(fileName::endsWith);
    }

    private synchronized <T> T instance(Contribution<T> contribution) {
        Object cached = instances.get(contribution.element());
        if (cached != null) {
            return contribution.type().cast(cached);
        }
        try {
            Object created = contribution.element().createExecutableExtension("class");
            instances.put(contribution.element(), created);
            return contribution.type().cast(created);
        } catch (CoreException | RuntimeException | LinkageError e) {
            String problem = "plugin " + contribution.format().plugin() + ": " + contribution.format().name() + " "
                    + contribution.type().getSimpleName() + " could not be loaded (" + e + ")";
            if (!problems.contains(problem)) {
                problems.add(problem);
            }
            return null;
        }
    }

    private static Format format(IConfigurationElement element) {
        String extensions = element.getAttribute("extensions");
        List<String> list = extensions == null ? List.of()
                : java.util.Arrays.stream(extensions.split(",")).map(e -> e.strip().toLowerCase(Locale.ROOT))
                        .filter(e -> !e.isEmpty()).toList();
        int priority = 0;
        try {
            priority = element.getAttribute("priority") == null ? 0 : Integer.parseInt(element.getAttribute("priority"));
        } catch (NumberFormatException e) {
            priority = 0;
        }
        return new Format(element.getAttribute("id"), element.getAttribute("name"), list, priority,
                element.getContributor().getName());
    }
}
