/**
 * Project UI: File &gt; New &gt; QBI Project, File &gt; Import &gt; Images into QBI Project, the sample catalog
 * editor and the Samples view. Not API: other bundles reach these through their extension ids.
 */
package org.qbi.ui.project.internal;
