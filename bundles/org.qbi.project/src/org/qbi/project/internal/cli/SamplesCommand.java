package org.qbi.project.internal.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.qbi.core.cli.CommandFailure;
import org.qbi.core.cli.JsonOutput;
import org.qbi.core.cli.QbiCommand;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qbi samples list|add|remove}: the sample catalog from the command line. */
@Command(name = "samples", description = "List, add or remove samples of a project's catalog (samples.csv).",
        subcommands = { SamplesCommand.ListSamples.class, SamplesCommand.Add.class, SamplesCommand.Remove.class })
public final class SamplesCommand implements QbiCommand {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    /** {@code qbi samples list PROJECT}. */
    @Command(name = "list", description = "Print the catalog.")
    public static final class ListSamples implements QbiCommand {

        @Parameters(paramLabel = "PROJECT", defaultValue = ".", description = "the project folder")
        Path project;

        @Option(names = "--json", description = "print JSON instead of text")
        boolean json;

        @Override
        public Integer call() throws IOException {
            SampleCatalog catalog = CliProjects.catalog(CliProjects.open(project));
            if (json) {
                JsonOutput.print(System.out, catalog.samples());
            } else {
                System.out.printf("%-16s %-12s %s%n", "sample", "group", "files");
                for (Sample sample : catalog.samples()) {
                    System.out.printf("%-16s %-12s %s%n", sample.id(), sample.group(), String.join(";", sample.files()));
                }
            }
            return 0;
        }
    }

    /** {@code qbi samples add PROJECT ID ...}. */
    @Command(name = "add", description = "Add a sample, or update the one with the same id.")
    public static final class Add implements QbiCommand {

        @Parameters(index = "0", paramLabel = "PROJECT", description = "the project folder")
        Path project;

        @Parameters(index = "1", paramLabel = "ID", description = "sample id, e.g. bone-01")
        String id;

        @Option(names = "--group", description = "group or condition, e.g. healthy")
        String group;

        @Option(names = "--notes", description = "acquisition notes")
        String notes;

        @Option(names = "--file", paramLabel = "PATH", description = "a file of the sample, relative to the project "
                + "(repeatable)")
        List<String> files = new ArrayList<>();

        @Option(names = "--field", paramLabel = "NAME=VALUE", description = "a further catalog column (created "
                + "if new; repeatable), e.g. --field age=12")
        Map<String, String> fields = new LinkedHashMap<>();

        @Override
        public Integer call() throws IOException {
            ProjectLayout layout = CliProjects.open(project);
            SampleCatalog catalog = CliProjects.catalog(layout);
            Sample old = catalog.find(id).orElse(null);
            try {
                for (String column : fields.keySet()) {
                    if (!catalog.extraColumns().contains(column)) {
                        catalog.addColumn(column);
                    }
                }
                Map<String, String> merged = new LinkedHashMap<>(old == null ? Map.of() : old.fields());
                merged.putAll(fields);
                List<String> allFiles = new ArrayList<>(old == null ? List.of() : old.files());
                files.stream().filter(f -> !allFiles.contains(f)).forEach(allFiles::add);
                Sample sample = new Sample(id, group != null ? group : old == null ? "" : old.group(),
                        notes != null ? notes : old == null ? "" : old.notes(), allFiles, merged);
                catalog.put(sample);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage(), e);
            }
            catalog.save(layout.catalogFile());
            List<String> missing = catalog.missingFiles(layout);
            if (!missing.isEmpty()) {
                System.err.println("warning: files not found in the project: " + String.join(", ", missing));
            }
            System.out.println((old == null ? "added " : "updated ") + id);
            return 0;
        }
    }

    /** {@code qbi samples remove PROJECT ID}. */
    @Command(name = "remove", description = "Remove a sample from the catalog (its files stay in raw/).")
    public static final class Remove implements QbiCommand {

        @Parameters(index = "0", paramLabel = "PROJECT", description = "the project folder")
        Path project;

        @Parameters(index = "1", paramLabel = "ID", description = "sample id")
        String id;

        @Override
        public Integer call() throws IOException {
            ProjectLayout layout = CliProjects.open(project);
            SampleCatalog catalog = CliProjects.catalog(layout);
            if (!catalog.remove(id)) {
                throw new CommandFailure("No sample '" + id + "' in " + layout.catalogFile() + "; 'qbi samples list "
                        + project + "' shows the ids");
            }
            catalog.save(layout.catalogFile());
            System.out.println("removed " + id);
            return 0;
        }
    }
}
