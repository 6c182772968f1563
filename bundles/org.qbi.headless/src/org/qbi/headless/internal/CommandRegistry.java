package org.qbi.headless.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.qbi.core.cli.QbiCommand;

import picocli.CommandLine.Command;

/**
 * Reads the {@code org.qbi.commands} contributions. A contribution that cannot be loaded (missing class,
 * missing dependency, no {@code @Command} name) is reported as a problem naming its bundle; the other
 * commands keep working.
 */
final class CommandRegistry {

    static final String EXTENSION_POINT = "org.qbi.commands";

    /** One loaded subcommand and the bundle that contributed it. */
    record Contribution(String name, String parent, String bundle, QbiCommand command) {
    }

    private final Map<String, Contribution> commands = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    CommandRegistry(IExtensionRegistry registry) {
        for (IConfigurationElement element : registry.getConfigurationElementsFor(EXTENSION_POINT)) {
            load(element);
        }
    }

    private void load(IConfigurationElement element) {
        String bundle = element.getContributor().getName();
        String className = element.getAttribute("class");
        Object instance;
        try {
            instance = element.createExecutableExtension("class");
        } catch (CoreException | RuntimeException | LinkageError e) {
            problems.add("plugin " + bundle + ": command " + className + " could not be loaded (" + rootMessage(e) + ")");
            return;
        }
        if (!(instance instanceof QbiCommand command)) {
            problems.add("plugin " + bundle + ": " + className + " does not implement " + QbiCommand.class.getName());
            return;
        }
        Command annotation = command.getClass().getAnnotation(Command.class);
        if (annotation == null || annotation.name().isBlank() || annotation.name().equals("<main class>")) {
            problems.add("plugin " + bundle + ": " + className + " has no @Command(name = ...) annotation");
            return;
        }
        String parent = element.getAttribute("parent");
        String key = parent == null || parent.isBlank() ? annotation.name() : parent + " " + annotation.name();
        Contribution previous = commands.get(key);
        if (previous != null) {
            problems.add("plugin " + bundle + ": command '" + key + "' is contributed by " + previous.bundle()
                    + " already; " + className + " is ignored");
            return;
        }
        commands.put(key, new Contribution(annotation.name(), parent == null || parent.isBlank() ? null : parent.strip(),
                bundle, command));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    List<Contribution> commands() {
        return List.copyOf(commands.values());
    }

    List<String> problems() {
        return List.copyOf(problems);
    }
}
