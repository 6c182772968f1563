package org.qbi.project.internal.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.qbi.core.cli.CommandFailure;
import org.qbi.core.cli.ConsoleProgress;
import org.qbi.core.cli.QbiCommand;
import org.qbi.core.progress.CancelledException;
import org.qbi.project.ImportMode;
import org.qbi.project.ProjectLayout;
import org.qbi.project.RawImporter;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qbi import PROJECT SOURCE...}: copy or link acquired data into raw/, optionally as a sample. */
@Command(name = "import", description = "Copy (or link) files and folders into a project's raw/ folder, with a "
        + "progress bar. Nothing in raw/ is ever overwritten.")
public final class ImportCommand implements QbiCommand {

    @Parameters(index = "0", paramLabel = "PROJECT", description = "the project folder")
    Path project;

    @Parameters(index = "1..*", paramLabel = "SOURCE", arity = "1..*", description = "files or folders to import")
    List<Path> sources;

    @Option(names = "--link", description = "make symbolic links instead of copies (data on shared storage)")
    boolean link;

    @Option(names = "--into", paramLabel = "FOLDER", defaultValue = "",
            description = "folder inside raw/ to import into, e.g. ct/2026-11-20")
    String into;

    @Option(names = "--sample", paramLabel = "ID",
            description = "add the imported files to this sample in samples.csv (created if new)")
    String sampleId;

    @Option(names = "--group", paramLabel = "GROUP", description = "group of a new sample (with --sample)")
    String group;

    @Option(names = "--json", description = "machine-readable progress on stderr (one JSON object per line)")
    boolean json;

    @Override
    public Integer call() throws IOException {
        ProjectLayout layout = CliProjects.open(project);
        Sample sample = null;
        SampleCatalog catalog = null;
        if (sampleId != null) {
            catalog = CliProjects.catalog(layout);
            try {
                sample = catalog.find(sampleId).orElse(new Sample(sampleId, group, "", List.of()));
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage(), e);
            }
        }
        ConsoleProgress progress = ConsoleProgress.onStderr(json);
        List<String> imported;
        try (ConsoleProgress.InterruptHandling ctrlC = progress.cancelOnInterrupt()) {
            imported = new RawImporter(layout).importInto(sources, into, link ? ImportMode.LINK : ImportMode.COPY,
                    progress);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage(), e);
        } catch (CancelledException e) {
            throw new CommandFailure("Import cancelled; nothing was added to raw/", e);
        }
        for (String path : imported) {
            System.out.println((link ? "linked " : "copied ") + path);
        }
        if (sample != null) {
            for (String path : imported) {
                sample = sample.withFile(path);
            }
            catalog.put(sample);
            catalog.save(layout.catalogFile());
            System.out.println("sample " + sample.id() + " now lists " + sample.files().size() + " file(s)");
        }
        return 0;
    }
}
