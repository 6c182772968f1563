package org.qbi.core.image.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What format detection looks at: the path, whether it is a folder, and the first bytes of a file. Readers
 * decide by magic bytes first; the file name is a hint for formats without magic (raw, MetaImage .mhd).
 *
 * @param path      the file or folder
 * @param directory whether it is a folder
 * @param head      the file's first bytes (up to {@link #HEAD_BYTES}); empty for a folder
 * @since 0.1
 */
public record Probe(Path path, boolean directory, byte[] head) {

    /** How many leading bytes a probe holds. */
    public static final int HEAD_BYTES = 1024;

    /** Reads the probe of {@code path} (its head bytes, not more). */
    public static Probe of(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return new Probe(path, true, new byte[0]);
        }
        try (InputStream in = Files.newInputStream(path)) {
            return new Probe(path, false, in.readNBytes(HEAD_BYTES));
        }
    }

    /** The file name in lower case, e.g. "scan.nii.gz". */
    public String fileName() {
        return path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    /** True when the name ends with one of {@code extensions} (with the dot, e.g. ".nii.gz"). */
    public boolean hasExtension(String... extensions) {
        String name = fileName();
        return Arrays.stream(extensions).anyMatch(e -> name.endsWith(e.toLowerCase(Locale.ROOT)));
    }

    /** True when the head starts with {@code magic} at {@code offset}. */
    public boolean startsWith(int offset, byte... magic) {
        if (head.length < offset + magic.length) {
            return false;
        }
        return Arrays.equals(head, offset, offset + magic.length, magic, 0, magic.length);
    }

    /** True when the head starts with the ASCII text {@code magic}. */
    public boolean startsWith(String magic) {
        return startsWith(0, magic.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
