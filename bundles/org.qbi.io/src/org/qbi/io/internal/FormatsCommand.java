package org.qbi.io.internal;

import org.qbi.core.cli.JsonOutput;
import org.qbi.core.cli.QbiCommand;
import org.qbi.io.ImageFormats;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qbi formats}: the image formats the installed plugins read and write. */
@Command(name = "formats", description = "List the image formats the installed plugins read and write.")
public final class FormatsCommand implements QbiCommand {

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    record Report(java.util.List<ImageFormats.Format> readers, java.util.List<ImageFormats.Format> writers) {
    }

    @Override
    public Integer call() {
        ImageFormats formats = ImageFormats.installed();
        if (json) {
            JsonOutput.print(System.out, new Report(formats.readers(), formats.writers()));
            return 0;
        }
        System.out.println("Reads:");
        formats.readers().forEach(f -> System.out.printf("  %-14s %-40s %s%n", f.name(), String.join(" ", f.extensions()), f.plugin()));
        System.out.println("Writes:");
        formats.writers().forEach(f -> System.out.printf("  %-14s %-40s %s%n", f.name(), String.join(" ", f.extensions()), f.plugin()));
        return 0;
    }
}
