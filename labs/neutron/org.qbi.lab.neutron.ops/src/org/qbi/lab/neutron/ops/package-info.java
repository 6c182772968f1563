/**
 * Neutron imaging operators of the neutron imaging lab (ids {@code neutron.*}), contributed through the
 * extension point {@code org.qbi.operators}, and {@link org.qbi.lab.neutron.ops.DoseProfile}, the per-projection
 * dose the normalization and the lab's Dose view share. Images are read as their physical values (the rescale,
 * e.g. FITS BZERO/BSCALE, applied); projections are the x-y planes of a stack, z the projection index.
 *
 * @since 1.0
 */
package org.qbi.lab.neutron.ops;
