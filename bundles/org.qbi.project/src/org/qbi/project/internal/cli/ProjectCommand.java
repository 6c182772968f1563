package org.qbi.project.internal.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.qbi.core.cli.CommandFailure;
import org.qbi.core.cli.JsonOutput;
import org.qbi.core.cli.QbiCommand;
import org.qbi.project.ProjectLayout;
import org.qbi.project.ProjectSummary;
import org.qbi.project.workspace.ProjectDescriptionFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qbi project new|info}: create a project on disk, or summarise one. */
@Command(name = "project", description = "Create a QBI project or summarise one.",
        subcommands = { ProjectCommand.New.class, ProjectCommand.Info.class })
public final class ProjectCommand implements QbiCommand {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    /** {@code qbi project new DIR}. */
    @Command(name = "new", description = "Create a QBI project: raw/, pipelines/, results/, reports/ and an empty "
            + "samples.csv. An existing folder is completed, nothing in it is overwritten.")
    public static final class New implements QbiCommand {

        @Parameters(paramLabel = "DIR", description = "the project folder")
        Path dir;

        @Option(names = "--name", description = "project name in the workbench (default: the folder's name)")
        String name;

        @Override
        public Integer call() throws IOException {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new CommandFailure(dir + " is a file; give a folder for the new project");
            }
            ProjectLayout layout = new ProjectLayout(dir).create();
            ProjectDescriptionFile.writeIfMissing(layout.root(), name == null ? layout.root().getFileName().toString() : name);
            System.out.println("Created QBI project " + layout.root());
            return 0;
        }
    }

    /** {@code qbi project info DIR}. */
    @Command(name = "info", description = "Summarise a project: layout, raw data, samples and their files.")
    public static final class Info implements QbiCommand {

        @Parameters(paramLabel = "DIR", description = "the project folder", defaultValue = ".")
        Path dir;

        @Option(names = "--json", description = "print JSON instead of text")
        boolean json;

        @Override
        public Integer call() throws IOException {
            ProjectSummary summary;
            try {
                summary = ProjectSummary.of(new ProjectLayout(dir));
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage(), e);
            }
            if (json) {
                JsonOutput.print(System.out, summary);
            } else {
                summary.printText(System.out);
            }
            if (!summary.problems().isEmpty()) {
                throw new CommandFailure(summary.root() + " is not a complete QBI project: "
                        + String.join("; ", summary.problems()));
            }
            return 0;
        }
    }
}
