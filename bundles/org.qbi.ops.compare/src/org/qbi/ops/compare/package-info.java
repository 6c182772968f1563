/**
 * Image comparison operators (ids compare.*): a difference image, error metrics (MAE, MSE, RMSE, PSNR), the
 * structural similarity index (SSIM), and the overlap (Dice, Jaccard) and confusion counts of two masks. What
 * belongs here: operators that take a reference and a test image of the same size and say how they differ,
 * mostly as a result table with one row per channel and time point. Values follow scikit-image's metrics.
 *
 * @since 0.1
 */
package org.qbi.ops.compare;
