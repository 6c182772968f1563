/**
 * Mathematical morphology on masks and grey images, in 2D and 3D: erosion, dilation, opening, closing, white and
 * black top-hat with box, ball/disk, cross and custom structuring elements ({@link org.qbi.ops.morphology.ElementOperator},
 * {@link org.qbi.ops.morphology.StructuringElement}); fill holes, remove small objects, and morphological
 * reconstruction. Each operator is one class contributed through {@code org.qbi.operators}; ids start with
 * {@code morph.}. Computation lives in the internal package (block engine, run-length components, reconstruction).
 *
 * @since 0.1
 */
package org.qbi.ops.morphology;
