package org.qbi.plugins.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.OperationCanceledException;
import org.qbi.core.cli.CommandFailure;
import org.qbi.core.cli.ConsoleProgress;
import org.qbi.core.cli.JsonOutput;
import org.qbi.core.cli.QbiCommand;
import org.qbi.plugins.DropinsEntry;
import org.qbi.plugins.InstallResult;
import org.qbi.plugins.LabExtensions;
import org.qbi.plugins.LabFeature;
import org.qbi.plugins.LabInstallException;
import org.qbi.plugins.LabRepositories;
import org.qbi.plugins.PluginBundle;
import org.qbi.plugins.PluginProblem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qbi plugins list|available|install|uninstall}: lab extensions of this installation, installed with p2
 * from a lab's repository without rebuilding the product.
 */
@Command(name = "plugins", description = { "Lab extensions: list, install from a p2 repository, uninstall.",
        "  qbi plugins list [--json]                    installed lab features, plugins that failed to load, dropins/",
        "  qbi plugins available REPO                   the features a p2 repository offers",
        "  qbi plugins install REPO [--feature ID]...   install (default: every feature of REPO)",
        "  qbi plugins uninstall FEATURE...",
        "REPO is the folder of a p2 repository (with content.jar or content.xml), its zip file, or its URL.",
        "Plugins dropped into the dropins/ folder of the installation are installed at the next start." })
public final class PluginsCommand implements QbiCommand {

    @Parameters(index = "0", paramLabel = "list|available|install|uninstall", description = "what to do")
    String action;

    @Parameters(index = "1..*", paramLabel = "REPO|FEATURE", description = "the repository, or features to uninstall")
    List<String> arguments = new ArrayList<>();

    @Option(names = { "-f", "--feature" }, paramLabel = "ID", description = "a feature to install (repeatable)")
    List<String> features = new ArrayList<>();

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Override
    public Integer call() {
        try {
            return switch (action) {
                case "list" -> list();
                case "available" -> available();
                case "install" -> install();
                case "uninstall" -> uninstall();
                default -> throw new CommandFailure("Unknown action '" + action
                        + "': use list, available, install or uninstall (qbi plugins --help).");
            };
        } catch (LabInstallException e) {
            throw new CommandFailure(e.getMessage(), e);
        } catch (OperationCanceledException e) {
            throw new CommandFailure(e.getMessage() == null ? "Cancelled." : e.getMessage(), e);
        }
    }

    private int list() throws LabInstallException {
        LabExtensions extensions = LabExtensions.running();
        List<LabFeature> installed = extensions.installed();
        List<PluginProblem> problems = extensions.problems();
        List<DropinsEntry> dropins = extensions.dropins();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("features", installed.stream().map(PluginsCommand::asMap).toList());
            out.put("problems", problems.stream().map(p -> Map.of("plugin", p.symbolicName(), "version", p.version(),
                    "location", p.location(), "reason", p.reason())).toList());
            out.put("dropinsFolder", extensions.dropinsFolder().toString());
            out.put("dropins", dropins.stream().map(d -> Map.of("path", d.path().toString(), "kind", d.kind(),
                    "id", d.id(), "version", d.version(), "state", d.state(), "problem", d.problem())).toList());
            JsonOutput.print(System.out, out);
            return 0;
        }
        System.out.println("Lab features installed: " + (installed.isEmpty() ? "none" : installed.size()));
        for (LabFeature feature : installed) {
            System.out.printf("  %s %s  %s%s%s%n", feature.id(), feature.version(), feature.name(),
                    feature.vendor().isEmpty() ? "" : " (" + feature.vendor() + ")",
                    feature.fromDropins() ? "  [dropins]" : "");
            for (PluginBundle bundle : feature.bundles()) {
                System.out.printf("      %-44s %-28s %s%n", bundle.symbolicName(), bundle.version(), bundle.state());
            }
        }
        System.out.println("Dropins folder: " + extensions.dropinsFolder()
                + (dropins.isEmpty() ? " (empty or absent)" : ""));
        for (DropinsEntry entry : dropins) {
            System.out.printf("  %-7s %s %s  %s%s%n", entry.kind(), entry.id(), entry.version(), entry.state(),
                    entry.problem().isEmpty() ? "" : ": " + entry.problem());
        }
        List<String> failed = new ArrayList<>();
        problems.forEach(problem -> failed.add(problem.toString()));
        dropins.stream().filter(DropinsEntry::isFailed).forEach(entry -> failed.add("dropins: " + entry));
        if (failed.isEmpty()) {
            System.out.println("Every plugin loaded.");
        } else {
            System.out.println("Plugins that failed to load (everything else works): " + failed.size());
            failed.forEach(line -> System.out.println("  " + line));
        }
        return 0;
    }

    private URI repository() throws LabInstallException {
        if (arguments.size() != 1) {
            throw new CommandFailure("usage: qbi plugins " + action + " REPO"
                    + (action.equals("install") ? " [--feature ID]..." : "")
                    + " (REPO: the folder of a p2 repository, its zip file, or its URL)");
        }
        return LabRepositories.location(arguments.getFirst());
    }

    private int available() throws LabInstallException {
        URI repository = repository();
        List<LabFeature> offered = LabExtensions.running().available(repository, ConsoleProgress.onStderr(false));
        if (json) {
            JsonOutput.print(System.out, offered.stream().map(PluginsCommand::asMap).toList());
            return 0;
        }
        for (LabFeature feature : offered) {
            System.out.printf("  %s %s  %s%s%n", feature.id(), feature.version(), feature.name(),
                    feature.vendor().isEmpty() ? "" : " (" + feature.vendor() + ")");
        }
        return 0;
    }

    private int install() throws LabInstallException {
        URI repository = repository();
        ConsoleProgress progress = ConsoleProgress.onStderr(json);
        InstallResult result;
        try (ConsoleProgress.InterruptHandling interrupt = progress.cancelOnInterrupt()) {
            result = LabExtensions.running().install(repository, features, progress);
        }
        for (LabFeature feature : result.features()) {
            System.out.println("Installed " + feature.id() + " " + feature.version() + " (" + feature.name() + ")");
        }
        System.out.println(result.restartRequired() ? "It is available the next time QBI starts (a running workbench "
                + "must be restarted)." : "It is available now.");
        return 0;
    }

    private int uninstall() throws LabInstallException {
        if (arguments.isEmpty()) {
            throw new CommandFailure("usage: qbi plugins uninstall FEATURE... ('qbi plugins list' shows them)");
        }
        ConsoleProgress progress = ConsoleProgress.onStderr(json);
        InstallResult result;
        try (ConsoleProgress.InterruptHandling interrupt = progress.cancelOnInterrupt()) {
            result = LabExtensions.running().uninstall(arguments, progress);
        }
        for (LabFeature feature : result.features()) {
            System.out.println("Uninstalled " + feature.id() + " " + feature.version());
        }
        System.out.println(result.restartRequired() ? "It is gone the next time QBI starts (a running workbench must "
                + "be restarted)." : "It is gone now.");
        return 0;
    }

    private static Map<String, Object> asMap(LabFeature feature) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", feature.id());
        map.put("name", feature.name());
        map.put("version", feature.version());
        map.put("vendor", feature.vendor());
        map.put("fromDropins", feature.fromDropins());
        map.put("bundles", feature.bundles().stream().map(b -> Map.of("id", b.symbolicName(), "version", b.version(),
                "state", b.state())).toList());
        return map;
    }
}
