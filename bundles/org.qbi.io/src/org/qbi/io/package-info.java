/**
 * Opening and writing images by file: detection among the readers contributed to {@code org.qbi.readers}
 * (magic bytes first, file name second), the writer for a target's extension from {@code org.qbi.writers},
 * and the {@code qbi info}, {@code qbi convert} and {@code qbi formats} commands.
 *
 * @since 0.1
 */
package org.qbi.io;
