/**
 * MetaImage (.mha, .mhd + .raw/.zraw) and NRRD (attached and detached headers). Contributed through the extension points org.qbi.readers / org.qbi.writers; nothing here is API.
 */
package org.qbi.io.metaimage.internal;
