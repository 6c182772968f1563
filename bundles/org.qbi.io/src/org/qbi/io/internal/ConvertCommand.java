package org.qbi.io.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.qbi.core.cli.CommandFailure;
import org.qbi.core.cli.ConsoleProgress;
import org.qbi.core.cli.QbiCommand;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.io.ImageWriter;
import org.qbi.core.progress.CancelledException;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qbi convert IN OUT}: read with any reader, write with the writer OUT's extension names. */
@Command(name = "convert", description = "Convert an image; the output format follows OUT's extension (.tif, .nii, "
        + ".nii.gz, .zarr, .npy, .png). Checks that the stored values survived (pixel fingerprint).")
public final class ConvertCommand implements QbiCommand {

    @Parameters(index = "0", paramLabel = "IN", description = "image file or folder")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "output file")
    Path out;

    @Option(names = "--entry", paramLabel = "NAME", description = "which image of a multi-image input")
    String entry;

    @Option(names = "--option", paramLabel = "NAME=VALUE", description = "a writer option, e.g. compression=none "
            + "for TIFF (repeatable; each writer documents its options)")
    java.util.Map<String, String> options = new java.util.LinkedHashMap<>();

    @Option(names = "--force", description = "replace OUT if it exists")
    boolean force;

    @Option(names = "--json", description = "machine-readable progress on stderr")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(out) && !force) {
            throw new CommandFailure(out + " exists; choose another name or add --force to replace it");
        }
        ImageFormats formats = ImageFormats.installed();
        ImageWriter writer;
        try {
            writer = formats.writerFor(out);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
        ConsoleProgress progress = ConsoleProgress.onStderr(json);
        try (Image image = formats.open(in, entry);
                ConsoleProgress.InterruptHandling ctrlC = progress.cancelOnInterrupt()) {
            writer.write(image, out, options, progress);
            String before = Fingerprint.of(image, ProgressMonitor.NULL);
            try (Image written = formats.open(out, null)) {
                String after = Fingerprint.of(written, ProgressMonitor.NULL);
                System.out.println("wrote " + out + " (" + written.header().describe() + ")");
                System.out.println(before.equals(after) ? "stored values preserved: sha256:" + after
                        : "stored values changed by the format (lossy or converted type): sha256:" + before + " -> " + after);
            }
        } catch (CancelledException e) {
            throw new CommandFailure("cancelled; " + out + " was not written", e);
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
        return 0;
    }
}
