/**
 * The headless {@code qbi} command: an Equinox application that collects the subcommands contributed
 * through the extension point {@code org.qbi.commands} and runs one with picocli. Nothing here is API;
 * bundles extend {@code qbi} through the extension point.
 */
package org.qbi.headless.internal;
