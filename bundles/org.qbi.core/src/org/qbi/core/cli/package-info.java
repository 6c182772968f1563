/**
 * The contract between the {@code qbi} command and the bundles that add subcommands to it.
 * <p>
 * A bundle contributes a subcommand through the extension point {@code org.qbi.commands} (schema
 * {@code schema/commands.exsd} in this bundle): a class implementing {@link org.qbi.core.cli.QbiCommand}
 * and annotated with picocli's {@code @Command}. The {@code qbi} application (bundle org.qbi.headless)
 * collects them, so the command line grows with the installed plugins.
 *
 * @since 0.1
 */
package org.qbi.core.cli;
