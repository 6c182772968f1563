/**
 * The Image editor (slice display, sliders, pixel readout; reading in jobs), the Metadata view and the Open as
 * Image handler. Not API: other bundles use {@link org.qbi.ui.viewer.ImageViewer} and the extension ids.
 */
package org.qbi.ui.viewer.internal;
