/**
 * DICOM Part 10 files, multi-frame objects and folders of series. Contributed through the extension points org.qbi.readers / org.qbi.writers; nothing here is API.
 */
package org.qbi.io.dicom.internal;
