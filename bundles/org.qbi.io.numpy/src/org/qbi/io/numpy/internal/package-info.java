/**
 * NumPy .npy and .npz arrays, and headerless raw volumes described by a small header. Contributed through the extension points org.qbi.readers / org.qbi.writers; nothing here is API.
 */
package org.qbi.io.numpy.internal;
