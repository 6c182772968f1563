/**
 * Segmentation operators: connected-component labeling ({@code segment.label}), Euclidean distance transform
 * ({@code segment.distance}), marker-based watershed ({@code segment.watershed}, {@code segment.split}),
 * skeletonization ({@code segment.skeleton}) and k-means intensity clustering ({@code segment.kmeans}). Each is a
 * global operator (it sees a whole volume of one channel and time point at once); the building blocks meant to be
 * reused elsewhere (the block merge of labelings, {@link org.qbi.ops.segment.LabelMerge}) are public here, the
 * algorithms' inner loops live in the internal package.
 *
 * @since 0.1
 */
package org.qbi.ops.segment;
