/**
 * MetaImage (.mha, .mhd with .raw/.zraw) and NRRD (.nrrd, .nhdr) images. Contributed through the extension
 * point org.qbi.readers; nothing here is API.
 */
package org.qbi.io.metaimage.internal;
