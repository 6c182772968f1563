/**
 * The viewer's arithmetic without widgets: the display window (auto contrast, min-max), stored values to 8-bit
 * gray or colour, the screen geometry of a plane (zoom, pan, aspect from the spacing) and the texts about an
 * image and a pixel; the planes of a volume in three orientations ({@link org.qbi.ui.viewer.internal.render.SlicePlane}),
 * projections and montages read chunk by chunk, channel composites, label overlays, ROIs and their measurements,
 * scale bars and orientation letters, and one picture made from a request and display settings
 * ({@link org.qbi.ui.viewer.internal.render.Picture}). Unit tested on their own and benchmarked headless
 * ({@link org.qbi.ui.viewer.internal.render.RenderBenchmark}); the SWT parts in {@code org.qbi.ui.viewer.internal}
 * only draw.
 */
package org.qbi.ui.viewer.internal.render;
