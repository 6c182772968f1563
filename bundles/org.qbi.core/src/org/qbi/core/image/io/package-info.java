/**
 * The contract of image readers and writers, contributed through the extension points {@code org.qbi.readers}
 * and {@code org.qbi.writers} (schemas in this bundle's {@code schema/}). Built-in formats live in bundles
 * {@code org.qbi.io.<format>} and use the same extension points a lab's plugin uses.
 *
 * @since 0.1
 */
package org.qbi.core.image.io;
