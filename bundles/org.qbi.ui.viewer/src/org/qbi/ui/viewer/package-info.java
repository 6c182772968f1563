/**
 * The image viewer of the workbench: open a file or folder in the Image editor from code, and the ids of the
 * editor, the Metadata view, the Open as Image command and the image content type (a reader's plugin adds
 * its file names to the content type with a {@code file-association} so that double-click opens them).
 *
 * @since 0.1
 */
package org.qbi.ui.viewer;
