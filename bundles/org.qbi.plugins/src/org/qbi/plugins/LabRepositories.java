package org.qbi.plugins;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns what a user gives as a lab's p2 repository (a folder, a zip file, or a URL) into the URI p2 loads.
 *
 * @since 0.1
 */
public final class LabRepositories {

    private LabRepositories() {
    }

    /**
     * The p2 location of {@code text}: a folder becomes its {@code file:} URI, a {@code .zip} file the archive
     * URI {@code jar:file:...!/} (p2 reads repositories inside archives), and {@code http:}, {@code https:} or
     * {@code file:} URLs stay as they are.
     *
     * @throws LabInstallException when it is neither an existing folder or zip nor a URL
     */
    public static URI location(String text) throws LabInstallException {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new LabInstallException("No repository given: give the folder of a p2 repository (the one holding "
                    + "content.jar or content.xml), its zip file, or its URL.");
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("file:")
                || lower.startsWith("jar:")) {
            try {
                URI uri = new URI(trimmed);
                if (lower.startsWith("file:") && lower.endsWith(".zip")) {
                    return archive(Path.of(uri));
                }
                return uri;
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new LabInstallException("'" + trimmed + "' is not a valid URL: " + e.getMessage(), e);
            }
        }
        Path path = Path.of(trimmed).toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            return path.toUri();
        }
        if (Files.isRegularFile(path)) {
            if (!lower.endsWith(".zip") && !lower.endsWith(".jar")) {
                throw new LabInstallException(path + " is a file but not a zip: give the folder of a p2 repository "
                        + "(with content.jar or content.xml), its zip file, or its URL.");
            }
            return archive(path);
        }
        throw new LabInstallException(path + " does not exist: give the folder of a p2 repository (with content.jar "
                + "or content.xml), its zip file, or its URL (http://, https://).");
    }

    private static URI archive(Path zip) {
        return URI.create("jar:" + zip.toAbsolutePath().normalize().toUri() + "!/");
    }
}
