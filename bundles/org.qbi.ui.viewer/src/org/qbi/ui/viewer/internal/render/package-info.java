/**
 * The viewer's arithmetic without widgets: the display window (auto contrast, min-max), stored values to 8-bit
 * gray or colour, the screen geometry of a plane (zoom, pan, aspect from the spacing) and the texts about an
 * image and a pixel. Unit tested on their own; the SWT parts in {@code org.qbi.ui.viewer.internal} only draw.
 */
package org.qbi.ui.viewer.internal.render;
