package org.qbi.measure.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.qbi.core.cli.CommandFailure;
import org.qbi.core.cli.QbiCommand;
import org.qbi.measure.Measurement;
import org.qbi.ops.Operators;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qbi measure [IMAGE] LABELS --out TABLE.csv}: a measurement (region properties by default) written as CSV
 * with its provenance record; the same run as {@code qbi op measure.regions LABELS [IMAGE] TABLE.csv}.
 */
@Command(name = "measure", description = { "Measure the objects of a label image (with intensities from IMAGE when "
        + "given): one row per label, in physical units, written as CSV with a provenance record.",
        "  qbi measure [IMAGE] LABELS --out TABLE.csv [--measurement ID] [--param NAME=VALUE]...",
        "  qbi measure --list" })
public final class MeasureCommand implements QbiCommand {

    @Parameters(paramLabel = "[IMAGE] LABELS", arity = "0..2", description = "intensity image (optional) and labels")
    List<Path> files = new ArrayList<>();

    @Option(names = "--out", paramLabel = "TABLE.csv", description = "where the table goes")
    Path out;

    @Option(names = "--measurement", paramLabel = "ID", defaultValue = "measure.regions",
            description = "which measurement (default measure.regions; --list shows them)")
    String measurement;

    @Option(names = { "-p", "--param" }, paramLabel = "NAME=VALUE", description = "a parameter (repeatable)")
    java.util.Map<String, String> parameters = new java.util.LinkedHashMap<>();

    @Option(names = "--list", description = "list the installed measurements and their columns")
    boolean list;

    @Option(names = "--force", description = "replace the table if it exists")
    boolean force;

    @Override
    public Integer call() {
        Operators operators = Operators.installed();
        if (list) {
            for (Operators.Installed installed : operators.all()) {
                if (installed.operator() instanceof Measurement m) {
                    System.out.println(installed.spec().id() + "  " + installed.spec().name());
                    for (Measurement.ColumnSpec column : m.columns()) {
                        System.out.printf("    %-22s %-6s %s%n", column.name(), column.unit(), column.description());
                    }
                }
            }
            return 0;
        }
        if (files.isEmpty() || out == null) {
            throw new CommandFailure("usage: qbi measure [IMAGE] LABELS --out TABLE.csv (or --list)");
        }
        List<String> words = new ArrayList<>();
        words.add(measurement);
        words.add(files.getLast().toString());
        if (files.size() == 2) {
            words.add(files.getFirst().toString());
        }
        words.add(out.toString());
        parameters.forEach((name, value) -> {
            words.add("--param");
            words.add(name + "=" + value);
        });
        if (force) {
            words.add("--force");
        }
        CommandLine op = new CommandLine(new org.qbi.ops.internal.OpCommand());
        op.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            throw exception;
        });
        return op.execute(words.toArray(String[]::new));
    }
}
