package org.qbi.ops.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.qbi.core.cli.CommandFailure;
import org.qbi.core.cli.ConsoleProgress;
import org.qbi.core.cli.JsonOutput;
import org.qbi.core.cli.QbiCommand;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.io.AtomicFiles;
import org.qbi.core.progress.CancelledException;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.core.table.Table;
import org.qbi.io.ImageFormats;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Operators;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.StepRecord;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qbi op list [--json]}, {@code qbi op describe ID} and {@code qbi op ID --param name=value ... IN... OUT}:
 * everything shown and accepted comes from the operators' declarations.
 */
@Command(name = "op", description = { "Image operators: list them, describe one, or run one on files.",
        "  qbi op list [--json]", "  qbi op describe ID", "  qbi op ID [--param NAME=VALUE]... IN... OUT",
        "OUT's format follows its extension (.tif, .nii, .nii.gz, .npy, .zarr); table outputs go to OUT when it "
                + "ends in .csv, else beside it as OUT-name.csv. A provenance record is written as "
                + "OUT.provenance.json." })
public final class OpCommand implements QbiCommand {

    @Parameters(paramLabel = "ID|list|describe", arity = "1..*", description = "list, describe ID, or ID IN... OUT")
    List<String> words = new ArrayList<>();

    @Option(names = { "-p", "--param" }, paramLabel = "NAME=VALUE", description = "a parameter (repeatable)")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--threads", paramLabel = "N", description = "threads to use (default: all cores)")
    Integer threads;

    @Option(names = "--force", description = "replace OUT if it exists")
    boolean force;

    @Option(names = "--json", description = "machine-readable output (list, describe) and progress (run)")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Operators operators = Operators.installed();
        for (String problem : operators.problems()) {
            System.err.println("warning: " + problem);
        }
        String first = words.getFirst();
        if (first.equals("list")) {
            list(operators);
            return 0;
        }
        if (first.equals("describe")) {
            if (words.size() != 2) {
                throw new CommandFailure("usage: qbi op describe ID");
            }
            describe(get(operators, words.get(1)).spec());
            return 0;
        }
        return run(operators, get(operators, first));
    }

    private static Operators.Installed get(Operators operators, String id) {
        try {
            return operators.get(id);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
    }

    private void list(Operators operators) {
        if (json) {
            List<Object> all = new ArrayList<>();
            for (Operators.Installed installed : operators.all()) {
                all.add(describeAsMap(installed.spec(), installed));
            }
            JsonOutput.print(System.out, all);
            return;
        }
        String category = null;
        for (Operators.Installed installed : operators.all()) {
            OperatorSpec spec = installed.spec();
            if (!spec.category().equals(category)) {
                category = spec.category();
                System.out.println(category.isEmpty() ? "(no category)" : category);
            }
            String params = String.join(" ", spec.parameters().stream().map(p -> p.name() + "="
                    + (p.isRequired() ? "?" : format(p))).toList());
            System.out.printf("  %-28s %-34s %s%n", spec.id(), spec.name(), params);
        }
    }

    private static <T> String format(Param<T> param) {
        return param.format(param.defaultValue());
    }

    private void describe(OperatorSpec spec) {
        if (json) {
            JsonOutput.print(System.out, describeAsMap(spec, null));
            return;
        }
        System.out.println(spec.id() + ": " + spec.name() + " (" + spec.category() + ")");
        System.out.println();
        System.out.println(spec.description());
        if (!spec.reference().isEmpty()) {
            System.out.println("Reference: " + spec.reference());
        }
        System.out.println("Output type: " + spec.outputType());
        System.out.println();
        System.out.println("Inputs:");
        for (Port port : spec.inputs()) {
            System.out.printf("  %-12s %-7s %s%s%n", port.name(), port.kind().name().toLowerCase(), port.description(),
                    port.optional() ? " (optional)" : "");
        }
        System.out.println("Outputs:");
        for (Port port : spec.outputs()) {
            System.out.printf("  %-12s %-7s %s%n", port.name(), port.kind().name().toLowerCase(), port.description());
        }
        System.out.println("Parameters:");
        for (Param<?> p : spec.parameters()) {
            String range = p.rangeText();
            System.out.printf("  %-14s %s%s. %s%s%n", p.name(), p.type().name().toLowerCase(),
                    p.isRequired() ? ", required" : ", default " + format(p), p.description(),
                    range.isEmpty() ? "" : " (" + range + ")");
        }
        System.out.println();
        System.out.println("Usage: qbi op " + spec.id() + " "
                + String.join(" ", spec.parameters().stream().map(p -> "--param " + p.name() + "=...").toList()) + " "
                + String.join(" ", spec.inputs().stream().map(p -> p.name().toUpperCase()).toList()) + " OUT");
    }

    private static Map<String, Object> describeAsMap(OperatorSpec spec, Operators.Installed installed) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", spec.id());
        map.put("name", spec.name());
        map.put("category", spec.category());
        map.put("description", spec.description());
        map.put("reference", spec.reference());
        map.put("output_type", spec.outputType());
        if (installed != null) {
            map.put("plugin", installed.plugin());
            map.put("version", installed.version());
        }
        List<Object> params = new ArrayList<>();
        for (Param<?> p : spec.parameters()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("label", p.label());
            pm.put("type", p.type().name().toLowerCase());
            pm.put("default", p.isRequired() ? null : format(p));
            pm.put("required", p.isRequired());
            pm.put("range", p.rangeText());
            if (!p.choices().isEmpty()) {
                pm.put("choices", p.choices());
            }
            pm.put("description", p.description());
            params.add(pm);
        }
        map.put("parameters", params);
        map.put("inputs", spec.inputs().stream().map(p -> Map.of("name", p.name(), "kind",
                p.kind().name().toLowerCase(), "optional", p.optional())).toList());
        map.put("outputs", spec.outputs().stream().map(p -> Map.of("name", p.name(), "kind",
                p.kind().name().toLowerCase())).toList());
        return map;
    }

    private int run(Operators operators, Operators.Installed installed) throws IOException {
        OperatorSpec spec = installed.spec();
        List<Port> imageInputs = spec.inputs().stream().filter(p -> p.kind().isImage()).toList();
        List<String> files = words.subList(1, words.size());
        int required = (int) imageInputs.stream().filter(p -> !p.optional()).count();
        if (files.size() < required + 1 || files.size() > imageInputs.size() + 1) {
            throw new CommandFailure("qbi op " + spec.id() + " takes " + (required == imageInputs.size() ? required
                    : required + " to " + imageInputs.size()) + " input image(s) ("
                    + String.join(", ", imageInputs.stream().map(Port::name).toList()) + ") and OUT; got "
                    + files.size() + " file(s)");
        }
        Path out = Path.of(files.getLast());
        if (Files.exists(out) && !force) {
            throw new CommandFailure(out + " exists; choose another name or add --force to replace it");
        }
        Arguments arguments;
        try {
            arguments = Arguments.parse(spec, parameters);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
        ImageFormats formats = ImageFormats.installed();
        ConsoleProgress progress = ConsoleProgress.onStderr(json);
        List<Image> opened = new ArrayList<>();
        Instant started = Instant.now();
        try (ConsoleProgress.InterruptHandling ctrlC = progress.cancelOnInterrupt()) {
            Map<String, Object> inputs = new LinkedHashMap<>();
            Map<String, StepRecord.Source> inputRecords = new LinkedHashMap<>();
            for (int i = 0; i < files.size() - 1; i++) {
                Path file = Path.of(files.get(i));
                Image image = formats.open(file, null);
                opened.add(image);
                inputs.put(imageInputs.get(i).name(), image);
                inputRecords.put(imageInputs.get(i).name(), new StepRecord.Source(file.toAbsolutePath().toString(),
                        Fingerprint.of(image, ProgressMonitor.NULL)));
            }
            OperatorContext context = OperatorContext.of(progress);
            if (threads != null) {
                context = context.withParallelism(threads);
            }
            Outputs outputs = installed.operator().apply(Inputs.of(spec, inputs), arguments, context);
            StepRecord before = StepRecord.of(installed, arguments, inputRecords, Map.of());
            Map<String, StepRecord.Source> outputRecords = write(outputs, out, formats, before, progress);
            StepRecord record = StepRecord.of(installed, arguments, inputRecords, outputRecords);
            record.writeSidecar(out, started);
        } catch (CancelledException e) {
            throw new CommandFailure("cancelled; " + out + " was not written", e);
        } catch (IllegalArgumentException | IOException | java.io.UncheckedIOException e) {
            throw new CommandFailure(e.getMessage(), e);
        } finally {
            for (Image image : opened) {
                image.close();
            }
        }
        return 0;
    }

    /** Writes the outputs; the image carries {@code record} (with its own output) in its metadata. */
    private Map<String, StepRecord.Source> write(Outputs outputs, Path out, ImageFormats formats, StepRecord record,
            ProgressMonitor progress) throws IOException {
        Map<String, StepRecord.Source> records = new LinkedHashMap<>();
        boolean imageWritten = false;
        String stem = out.getFileName().toString().replaceFirst("(\\.nii)?\\.[^.]+$", "");
        for (Map.Entry<String, Object> entry : outputs.asMap().entrySet()) {
            if (entry.getValue() instanceof Image image && !imageWritten) {
                StepRecord.Source written = new StepRecord.Source(out.toAbsolutePath().toString(),
                        Fingerprint.of(image, ProgressMonitor.NULL));
                formats.writerFor(out).write(image, out, record.withOutput(entry.getKey(), written).embeddedJson(),
                        progress);
                imageWritten = true;
                records.put(entry.getKey(), written);
                System.out.println("wrote " + out + " (" + image.header().describe() + ")");
            } else if (entry.getValue() instanceof Table table) {
                Path target = out.toString().endsWith(".csv") && !imageWritten ? out
                        : out.resolveSibling(stem + "-" + entry.getKey() + ".csv");
                AtomicFiles.write(target, stream -> {
                    Writer w = new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8);
                    table.writeCsv(w);
                    w.flush();
                });
                records.put(entry.getKey(), new StepRecord.Source(target.toAbsolutePath().toString(), ""));
                System.out.println("wrote " + target + " (" + table.rowCount() + " rows)");
                printTable(table);
            }
        }
        return records;
    }

    private static void printTable(Table table) {
        if (table.rowCount() > 20) {
            return;
        }
        try {
            Writer w = new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8);
            table.writeCsv(w);
            w.flush();
        } catch (IOException e) {
            // printing to the terminal is a courtesy; the table is in its file
        }
    }

}
