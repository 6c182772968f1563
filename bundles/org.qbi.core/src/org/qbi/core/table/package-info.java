/**
 * Result tables: named, typed columns with units, written by measurements and statistics and kept by the
 * results store.
 *
 * @since 0.1
 */
package org.qbi.core.table;
