/**
 * TIFF stacks and hyperstacks (ImageJ, OME), BigTIFF, and PNG/JPEG/BMP/GIF images, through TwelveMonkeys ImageIO and the JDK. Contributed through the extension points org.qbi.readers / org.qbi.writers; nothing here is API.
 */
package org.qbi.io.tiff.internal;
