/**
 * File-system primitives that keep the user's files whole: atomic replacement of a file, so a crash or a
 * cancel never leaves a half-written catalog, pipeline or result.
 *
 * @since 0.1
 */
package org.qbi.core.io;
