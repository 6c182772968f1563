/**
 * NIfTI-1 and NIfTI-2 images. Contributed through the extension points org.qbi.readers / org.qbi.writers; nothing here is API.
 */
package org.qbi.io.nifti.internal;
