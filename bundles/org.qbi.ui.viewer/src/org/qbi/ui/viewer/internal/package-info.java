/**
 * The Image editor (its renderers: the slice viewer and the orthogonal views; sliders, context menu, pixel
 * readout, ROIs, overlays, export; reading in jobs), the Metadata, Histogram, Display and Line Profile views, and
 * the Open as Image handler. Not API: other bundles use {@link org.qbi.ui.viewer.ImageViewer}, the extension
 * points and their interfaces.
 */
package org.qbi.ui.viewer.internal;
