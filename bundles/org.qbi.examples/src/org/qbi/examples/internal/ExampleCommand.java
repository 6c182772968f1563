package org.qbi.examples.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.qbi.core.cli.ConsoleProgress;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.workflow.LocalExecutor;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.PipelineFile;
import org.qbi.workflow.RunReport;
import org.qbi.workflow.RunSummary;
import org.qbi.workflow.SampleFilter;
import org.qbi.workflow.SampleOutcome;
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
 * {@code qbi example}: puts the example project on disk (once) and runs its pipelines on it (cell counting on the
 * microscopy images, porosity of the two bone micro-CT samples), printing each run's summary and tables. A second
 * call finds the results up to date.
 */
@Command(name = "example", description = "Create the example project (once) and run its pipelines (pipelines/*.yaml: "
        + "nuclei counting, bone porosity) without a display, printing the results and where they are.")
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
        if (!summary.missingFiles().isEmpty()) {
            summary.printText(System.err);
            throw new CommandFailure("the example project misses files: " + summary.missingFiles());
        }
        List<Path> pipelines;
        try (Stream<Path> files = Files.list(layout.pipelines())) {
            pipelines = files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        List<Sample> samples = SampleCatalog.load(layout.catalogFile()).samples();
        LocalExecutor executor = LocalExecutor.installed();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("project", summary);
        List<Object> runs = new ArrayList<>();
        boolean failed = false;
        if (!json) {
            summary.printText(System.out);
        }
        ConsoleProgress progress = ConsoleProgress.onStderr(json);
        for (Path file : pipelines) {
            Pipeline pipeline = PipelineFile.read(file);
            RunSummary run;
            try (ConsoleProgress.InterruptHandling ctrlC = progress.cancelOnInterrupt()) {
                run = executor.run(pipeline, layout, SampleFilter.select(samples, pipeline.samples()),
                        LocalExecutor.Options.defaults(), progress);
            }
            failed |= run.count(SampleOutcome.Status.FAILED) + run.count(SampleOutcome.Status.CANCELLED) > 0;
            Path folder = LocalExecutor.resultsFolder(layout, pipeline);
            if (json) {
                runs.add(Map.of("pipeline", pipeline.name(), "run", run.runId(), "summary", run.describe(),
                        "results", folder.toString()));
            } else {
                System.out.println();
                System.out.println("== Pipeline " + file.getFileName() + ": " + pipeline.description());
                RunReport.print(run, pipeline, folder, System.out);
            }
        }
        if (json) {
            document.put("runs", runs);
            JsonOutput.print(System.out, document);
        } else {
            System.out.println();
            System.out.println("All results are also in the project's results store (results/results.duckdb): try");
            System.out.println("  qbi stats describe --project \"" + layout.root() + "\" --table nuclei --value area"
                    + " --group sample_id");
        }
        return failed ? CommandFailure.FAILED : 0;
    }
}
