/**
 * HDF5 datasets (beamline NeXus files, h5py output), read with jHDF. Contributed through the extension points org.qbi.readers / org.qbi.writers; nothing here is API.
 */
package org.qbi.io.hdf5.internal;
