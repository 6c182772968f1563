package org.qbi.core.cli;

import java.util.concurrent.Callable;

/**
 * One subcommand of {@code qbi}, e.g. {@code qbi project info}.
 * <p>
 * Implementations are picocli commands: the class carries {@code @picocli.CommandLine.Command(name = ...)}
 * and its options and parameters as annotated fields, and {@link #call()} returns the process exit code
 * (0 on success). Output goes to {@link System#out}, progress and messages to {@link System#err}; a
 * failure the user can fix is thrown as {@link CommandFailure}, whose message becomes the one-line
 * reason on stderr.
 *
 * @since 0.1
 */
public interface QbiCommand extends Callable<Integer> {
}
