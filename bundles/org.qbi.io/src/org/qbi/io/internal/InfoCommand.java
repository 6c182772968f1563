package org.qbi.io.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.qbi.core.cli.CommandFailure;
import org.qbi.core.cli.ConsoleProgress;
import org.qbi.core.cli.JsonOutput;
import org.qbi.core.cli.QbiCommand;
import org.qbi.core.image.Image;
import org.qbi.core.progress.CancelledException;
import org.qbi.io.ImageFormats;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qbi info FILE}: format, shape, calibration, value statistics, fingerprint and metadata of an image. */
@Command(name = "info", description = "Describe an image: format, shape per axis, pixel type, spacing and unit, origin, "
        + "orientation, value range (stored and rescaled), mean, std, pixel fingerprint and metadata.")
public final class InfoCommand implements QbiCommand {

    @Parameters(paramLabel = "FILE-OR-FOLDER", description = "an image file, or a folder (a DICOM series)")
    Path path;

    @Option(names = "--entry", paramLabel = "NAME", description = "which image of a multi-image file (HDF5 dataset, "
            + ".npz array, DICOM series); 'qbi info FILE --entries' lists them")
    String entry;

    @Option(names = "--entries", description = "list the images a multi-image file holds")
    boolean listEntries;

    @Option(names = "--header-only", description = "skip statistics and fingerprint (reads no pixels)")
    boolean headerOnly;

    @Option(names = "--metadata", description = "print every metadata entry (text output shows the first 20)")
    boolean allMetadata;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Override
    public Integer call() throws IOException {
        ImageFormats formats = ImageFormats.installed();
        if (listEntries) {
            formats.entries(path).forEach(System.out::println);
            return 0;
        }
        ConsoleProgress progress = ConsoleProgress.onStderr(json);
        try (Image image = formats.open(path, entry);
                ConsoleProgress.InterruptHandling ctrlC = progress.cancelOnInterrupt()) {
            ImageReport report = ImageReport.of(path.toString(), image, !headerOnly, progress);
            if (json) {
                JsonOutput.print(System.out, report);
            } else {
                report.printText(System.out, image.header(), allMetadata ? Integer.MAX_VALUE : 20);
            }
        } catch (CancelledException e) {
            throw new CommandFailure("cancelled", e);
        } catch (IOException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
        return 0;
    }
}
