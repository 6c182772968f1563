package org.qbi.examples.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.qbi.core.cli.CommandFailure;
import org.qbi.core.cli.JsonOutput;
import org.qbi.core.cli.QbiCommand;
import org.qbi.examples.ExampleProject;
import org.qbi.project.ProjectLayout;
import org.qbi.project.ProjectSummary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qbi example}: puts the example project on disk (once) and runs the example analysis on it. Today the
 * analysis is the project summary; the pipelines issue replaces it with the example pipeline.
 */
@Command(name = "example", description = "Create the example project (once) and run the example analysis on it "
        + "without a display.")
public final class ExampleCommand implements QbiCommand {

    @Option(names = "--dir", paramLabel = "DIR",
            description = "where the example project lives (default: $QBI_WORKSPACE/QBI Example, else ~/qbi-workspace/QBI Example)")
    Path dir;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Path target = dir != null ? dir : ExampleProject.defaultLocation();
        ProjectLayout layout;
        try {
            layout = ExampleProject.materialize(target);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
        ProjectSummary summary = ProjectSummary.of(layout);
        if (json) {
            JsonOutput.print(System.out, summary);
        } else {
            summary.printText(System.out);
        }
        return summary.missingFiles().isEmpty() ? 0 : CommandFailure.FAILED;
    }
}
