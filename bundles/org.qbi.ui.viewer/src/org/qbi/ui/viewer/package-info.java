/**
 * The image viewer of the workbench: open a file or folder in the Image editor from code, and the ids of the
 * editor, its views, the Open as Image command and the image content type (a reader's plugin adds its file names
 * to the content type with a {@code file-association} so that double-click opens them). Two extension points:
 * {@code org.qbi.luts} ({@link org.qbi.ui.viewer.Lut}) adds lookup tables, {@code org.qbi.viewers}
 * ({@link org.qbi.ui.viewer.ImageRenderer}, hosted through {@link org.qbi.ui.viewer.ImageRendererSite}) adds
 * ways of showing an image inside the editor.
 *
 * @since 0.1
 */
package org.qbi.ui.viewer;
