/**
 * NumPy arrays (.npy, .npz) and raw volumes described by a .raw.json sidecar. Contributed through the
 * extension points org.qbi.readers / org.qbi.writers; nothing here is API.
 */
package org.qbi.io.numpy.internal;
