/**
 * The example project shipped with the product: a few small real images (MRI, CT, microscopy, micro-CT)
 * with their sources and licences, a sample catalog, and the code that puts a copy of it where the user
 * works. The bundled originals are never handed out for editing.
 *
 * @since 0.1
 */
package org.qbi.examples;
