package org.qbi.headless.internal;

import java.io.PrintWriter;
import java.util.List;

import org.qbi.core.cli.CommandFailure;
import org.qbi.core.platform.PlatformInfo;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root {@code qbi} command: its subcommands come from the registry. Exit codes: 0 success, 1 the work
 * failed (one-line reason on stderr), 2 the command line was wrong (usage on stderr).
 */
@Command(name = "qbi", mixinStandardHelpOptions = true, versionProvider = QbiCli.Version.class,
        description = "QBI Workbench without a display: projects, images, pipelines and statistics from the "
                + "terminal. 'qbi COMMAND --help' explains a command.",
        footer = { "", "Exit codes: 0 success, 1 the work failed (reason on stderr), 2 wrong command line.", "",
                "Commands run in a background qbi process kept warm for this directory (ends after 10 minutes "
                        + "idle): 'qbi daemon status', 'qbi daemon stop'; QBI_DAEMON=0 runs each command in a "
                        + "process of its own." })
public final class QbiCli implements Runnable {

    @Spec
    CommandSpec spec;

    /** Prints usage when no subcommand is given. */
    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Version line for {@code qbi --version}. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] { "qbi " + PlatformInfo.platformVersion(), "Java " + PlatformInfo.javaVersion() };
        }
    }

    /** Runs {@code args} against the registry's commands and returns the exit code. */
    static int execute(CommandRegistry registry, String[] args) {
        CommandLine root = new CommandLine(new QbiCli());
        List<String> problems = new java.util.ArrayList<>(registry.problems());
        for (CommandRegistry.Contribution contribution : registry.commands()) {
            if (contribution.parent() == null) {
                root.addSubcommand(contribution.name(), contribution.command());
            }
        }
        for (CommandRegistry.Contribution contribution : registry.commands()) {
            if (contribution.parent() != null) {
                CommandLine parent = root.getSubcommands().get(contribution.parent());
                if (parent == null) {
                    problems.add("plugin " + contribution.bundle() + ": command '" + contribution.name()
                            + "' belongs under '" + contribution.parent() + "', which no plugin contributes");
                } else {
                    parent.addSubcommand(contribution.name(), contribution.command());
                }
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("qbi: warning: " + p));
        }
        root.setErr(new PrintWriter(System.err, true));
        root.setOut(new PrintWriter(System.out, true));
        root.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            // the full name, "qbi project info", not only the subcommand's own name "info"
            String command = commandLine.getCommandSpec().qualifiedName();
            if (exception instanceof CommandFailure failure) {
                System.err.println(command + ": " + failure.getMessage());
                return failure.exitCode();
            }
            System.err.println(command + ": unexpected " + exception.getClass().getName()
                    + ": " + exception.getMessage() + " (please report it with the stack trace below)");
            exception.printStackTrace(System.err);
            return CommandFailure.FAILED;
        });
        return root.execute(args);
    }
}
