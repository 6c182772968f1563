/**
 * Zarr v2 arrays, read and written, interoperable with Python's zarr. Contributed through the extension points org.qbi.readers / org.qbi.writers; nothing here is API.
 */
package org.qbi.io.zarr.internal;
