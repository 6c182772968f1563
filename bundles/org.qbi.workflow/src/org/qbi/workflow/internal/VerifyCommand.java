package org.qbi.workflow.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.qbi.core.cli.CommandFailure;
import org.qbi.core.cli.QbiCommand;
import org.qbi.core.io.FileTrees;
import org.qbi.io.ImageFormats;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.PipelineFile;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qbi verify RESULTS}: re-runs recorded results (one sample's folder, or a pipeline's results folder) from
 * their provenance records and reports whether the inputs are unchanged and every output is bit-identical.
 */
@Command(name = "verify", description = { "Re-run recorded results from their provenance and check that the inputs "
        + "are unchanged and every output is bit-identical. RESULTS is one sample's result folder or a pipeline's "
        + "results folder (results/NAME). Exit code 0 when everything is identical, 1 otherwise." })
public final class VerifyCommand implements QbiCommand {

    @Parameters(index = "0", paramLabel = "RESULTS", description = "a result folder")
    Path results;

    @Option(names = "--project", paramLabel = "DIR", description = "the project (default: found above RESULTS)")
    Path projectDir;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(results)) {
            throw new CommandFailure(results + " is not a folder of results");
        }
        List<Path> records;
        try (Stream<Path> files = Files.walk(results, 4)) {
            records = files.filter(p -> p.getFileName().toString().equals(SampleRun.PROVENANCE))
                    .filter(p -> p.toString().indexOf("/.staging-") < 0).sorted().toList();
        }
        if (records.isEmpty()) {
            throw new CommandFailure("No provenance record (" + SampleRun.PROVENANCE + ") under " + results);
        }
        ProjectLayout project = project();
        Operators operators = Operators.installed();
        ImageFormats formats = ImageFormats.installed();
        int failures = 0;
        for (Path record : records) {
            List<String> problems = verify(record, project, operators, formats);
            JsonNode provenance = SampleRun.JSON.readTree(record.toFile());
            String name = provenance.path("sample").asText() + (provenance.path("variant").isEmpty() ? ""
                    : " " + provenance.path("variant"));
            if (problems.isEmpty()) {
                System.out.println("identical  " + name + "  (" + record.getParent() + ")");
            } else {
                failures++;
                System.out.println("DIFFERENT  " + name + "  (" + record.getParent() + ")");
                problems.forEach(p -> System.out.println("    " + p));
            }
        }
        System.out.println(records.size() - failures + " of " + records.size() + " result(s) reproduced bit for bit");
        return failures == 0 ? 0 : CommandFailure.FAILED;
    }

    private ProjectLayout project() {
        if (projectDir != null) {
            if (!ProjectLayout.isProject(projectDir)) {
                throw new CommandFailure(projectDir + " is not a QBI project");
            }
            return ProjectLayout.open(projectDir);
        }
        for (Path dir = results.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (ProjectLayout.isProject(dir)) {
                return ProjectLayout.open(dir);
            }
        }
        throw new CommandFailure("No QBI project above " + results + "; name it with --project DIR");
    }

    private static List<String> verify(Path record, ProjectLayout project, Operators operators, ImageFormats formats)
            throws IOException {
        List<String> problems = new ArrayList<>();
        JsonNode provenance = SampleRun.JSON.readTree(record.toFile());
        String hash = provenance.path("pipeline_sha256").asText();
        Path saved = null;
        for (Path dir = record.getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("pipelines").resolve(hash + ".yaml");
            if (Files.isRegularFile(candidate)) {
                saved = candidate;
                break;
            }
        }
        if (saved == null) {
            return List.of("the pipeline it was made with (" + hash + ") is not in the results' pipelines/ folder");
        }
        Pipeline pipeline = PipelineFile.read(saved);
        if (!PipelineFile.hash(pipeline).equals(hash)) {
            return List.of("the saved pipeline " + saved + " was edited: its hash no longer matches the record");
        }
        // the sample as recorded: its files at the positions the pipeline's inputs take them from
        List<String> files = new ArrayList<>();
        for (Pipeline.Input input : pipeline.inputs().values()) {
            if (input.match() == null) {
                String file = provenance.path("inputs").path(input.name()).path("file").asText();
                while (files.size() <= input.file()) {
                    files.add(file);
                }
                files.set(input.file(), file);
            }
        }
        for (Pipeline.Input input : pipeline.inputs().values()) {
            if (input.match() != null) {
                files.add(provenance.path("inputs").path(input.name()).path("file").asText());
            }
        }
        Sample sample = new Sample(provenance.path("sample").asText(), provenance.path("group").asText(), "", files);
        Map<String, String> variant = new LinkedHashMap<>();
        provenance.path("variant").fields().forEachRemaining(e -> variant.put(e.getKey(), e.getValue().asText()));
        Map<String, String> recordedParameters = new LinkedHashMap<>();
        for (JsonNode step : provenance.path("steps")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = step.path("parameters").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> p = it.next();
                recordedParameters.put(step.path("id").asText() + "." + p.getKey(), p.getValue().asText());
            }
            String version = step.path("version").asText();
            String installed = operators.find(step.path("operator").asText()).map(Operators.Installed::version)
                    .orElse("(not installed)");
            if (!version.equals(installed)) {
                problems.add("note: step " + step.path("id").asText() + " ran with " + step.path("operator").asText()
                        + " " + version + "; installed now: " + installed);
            }
        }
        Path scratch = Files.createTempDirectory("qbi-verify-");
        try {
            SampleRun run = new SampleRun(pipeline, hash, "verify", project, operators, formats, new HashMap<>())
                    .releasing();
            SampleRun.Result again;
            try {
                again = run.run(sample, variant, recordedParameters, scratch.resolve("sample"), true,
                        OperatorContext.defaults());
            } catch (IllegalArgumentException | IOException e) {
                problems.add("could not re-run: " + e.getMessage());
                return problems;
            }
            JsonNode inputs = provenance.path("inputs");
            inputs.fields().forEachRemaining(e -> {
                String before = e.getValue().path("fingerprint").asText();
                @SuppressWarnings("unchecked")
                Map<String, Object> now = (Map<String, Object>) ((Map<String, Object>) again.provenance().get("inputs"))
                        .get(e.getKey());
                if (now == null || !before.equals(now.get("fingerprint"))) {
                    problems.add("input " + e.getKey() + " (" + e.getValue().path("file").asText()
                            + ") has changed: its pixel fingerprint differs from the recorded one");
                }
            });
            @SuppressWarnings("unchecked")
            Map<String, Object> outputs = (Map<String, Object>) again.provenance().get("outputs");
            provenance.path("outputs").fields().forEachRemaining(e -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> now = (Map<String, Object>) outputs.get(e.getKey());
                String field = e.getValue().has("fingerprint") ? "fingerprint" : "sha256";
                if (now == null || !e.getValue().path(field).asText().equals(String.valueOf(now.get(field)))) {
                    problems.add("output " + e.getKey() + " differs from the recorded one");
                }
            });
        } finally {
            FileTrees.deleteTree(scratch);
        }
        problems.removeIf(p -> p.startsWith("note: ") && problems.stream().noneMatch(q -> !q.startsWith("note: ")));
        return problems;
    }
}
