/**
 * FITS images for QBI (the neutron imaging lab's reader and writer): {@link FitsReader} and {@link FitsWriter},
 * contributed through {@code org.qbi.readers} and {@code org.qbi.writers}. Internal: other bundles open FITS
 * files through org.qbi.io's ImageFormats like any other format.
 */
package org.qbi.lab.neutron.fits.internal;
