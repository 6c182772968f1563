/**
 * Facts about the running platform (QBI bundle versions, Java, memory) for About, {@code qbi version} and
 * provenance records.
 *
 * @since 0.1
 */
package org.qbi.core.platform;
