#!/usr/bin/python3
"""References for the filter tests, computed with scipy.ndimage 1.10.1 and scikit-image 0.19.3 (Debian bookworm).

Run from this folder: /usr/bin/python3 make_references.py [../../../../shared/data]
Inputs are real images from the shared data set (the tests skip where it is absent) plus small deterministic
synthetic volumes written here. Each reference is float32 .npy in C order (z, y, x).
"""
import os
import sys

import numpy as np
import tifffile
from scipy import ndimage as ndi
from scipy import signal
from skimage import filters, morphology, restoration

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../../shared/data")


def save(name, array):
    np.save(os.path.join(HERE, name), np.ascontiguousarray(array))


def main():
    head = tifffile.imread(os.path.join(SHARED, "tiff/3d/mini-t1-head.tif")).astype(np.float32)  # (32, 32, 32) uint16
    blobs = tifffile.imread(os.path.join(SHARED, "tiff/8bit/blobs.tif")).astype(np.float32)  # (254, 256) uint8

    # Gaussian: 3D real volume, reflect (scipy default) and nearest; 2D real image
    save("gaussian_head_s2.npy", ndi.gaussian_filter(head, 2.0, mode="reflect", truncate=4.0))
    save("gaussian_head_s1.5_nearest.npy", ndi.gaussian_filter(head, 1.5, mode="nearest", truncate=4.0))
    save("gaussian_blobs_s3.npy", ndi.gaussian_filter(blobs, 3.0, mode="reflect", truncate=4.0))

    # anisotropic spacing (1, 1, 2) along x, y, z: sigma 2 (physical) is 2, 2, 1 voxels; numpy order is z, y, x
    rng = np.random.default_rng(5)
    aniso = rng.normal(100, 20, size=(12, 20, 24)).astype(np.float32)
    save("aniso_input.npy", aniso)
    save("gaussian_aniso_2mm.npy", ndi.gaussian_filter(aniso, (1.0, 2.0, 2.0), mode="reflect", truncate=4.0))

    # the other filters' references are on crops of the same real images, stored next to them (small fixtures)
    head_u16 = tifffile.imread(os.path.join(SHARED, "tiff/3d/mini-t1-head.tif"))[4:28, 4:28, 4:28]
    blobs_u8 = tifffile.imread(os.path.join(SHARED, "tiff/8bit/blobs.tif"))[64:160, 64:192]
    save("head_crop.npy", head_u16)
    save("blobs_crop.npy", blobs_u8)
    neighbourhood(head_u16, blobs_u8)
    derivatives(head_u16.astype(np.float32), blobs_u8.astype(np.float32))
    denoising(head_u16.astype(np.float32), blobs_u8.astype(np.float32))
    frequency(head_u16.astype(np.float32), blobs_u8.astype(np.float32))


def neighbourhood(head_u16, blobs_u8):
    """Mean, median, minimum, maximum, variance, std: radius r is scipy's size 2r+1; ball r is skimage's ball(r)."""
    ball1 = morphology.ball(1).astype(bool)
    disk2 = morphology.disk(2).astype(bool)
    h64 = head_u16.astype(np.float64)
    b64 = blobs_u8.astype(np.float64)
    save("mean_head_r1.npy", ndi.uniform_filter(h64, size=3).astype(np.float32))
    save("mean_blobs_r2_nearest.npy", ndi.uniform_filter(b64, size=5, mode="nearest").astype(np.float32))
    save("mean_head_ball1.npy", (ndi.correlate(h64, ball1 / ball1.sum())).astype(np.float32))
    save("median_head_r1.npy", ndi.median_filter(head_u16, size=3))
    save("median_blobs_r1.npy", ndi.median_filter(blobs_u8, size=3))
    save("median_blobs_disk2.npy", ndi.median_filter(blobs_u8, footprint=disk2))
    save("median_head_r2_mirror.npy", ndi.median_filter(head_u16, size=5, mode="mirror"))
    save("minimum_head_ball1.npy", ndi.minimum_filter(head_u16, footprint=ball1))
    save("maximum_blobs_r2.npy", ndi.maximum_filter(blobs_u8, size=5))
    save("minimum_head_r2_nearest.npy", ndi.minimum_filter(head_u16, size=5, mode="nearest"))
    save("variance_head_r1.npy", ndi.generic_filter(h64, np.var, size=3).astype(np.float32))
    save("std_head_r2.npy", ndi.generic_filter(h64, np.std, size=5).astype(np.float32))
    save("variance_blobs_ball1.npy", ndi.generic_filter(b64, np.var, footprint=morphology.disk(1).astype(bool)).astype(
        np.float32))
    save("std_blobs_disk2.npy", ndi.generic_filter(b64, np.std, footprint=disk2).astype(np.float32))


def derivatives(head, blobs):
    """Gradient magnitudes, Laplacians, difference of Gaussians, unsharp mask."""
    h64 = head.astype(np.float64)
    b64 = blobs.astype(np.float64)
    save("sobel_head.npy", np.sqrt(sum(ndi.sobel(h64, axis=a) ** 2 for a in range(3))).astype(np.float32))
    save("sobel_blobs.npy", np.sqrt(sum(ndi.sobel(b64, axis=a) ** 2 for a in range(2))).astype(np.float32))
    save("prewitt_head.npy", np.sqrt(sum(ndi.prewitt(h64, axis=a) ** 2 for a in range(3))).astype(np.float32))
    save("laplace_head.npy", ndi.laplace(h64).astype(np.float32))
    save("laplace_blobs_nearest.npy", ndi.laplace(b64, mode="nearest").astype(np.float32))
    save("log_head_s1.5.npy", ndi.gaussian_laplace(h64, 1.5).astype(np.float32))
    save("log_blobs_s2.npy", ndi.gaussian_laplace(b64, 2.0).astype(np.float32))
    save("dog_head_1_2.npy", (ndi.gaussian_filter(h64, 1.0) - ndi.gaussian_filter(h64, 2.0)).astype(np.float32))
    save("unsharp_blobs_s2_a1.5.npy",
         filters.unsharp_mask(b64, radius=2.0, amount=1.5, preserve_range=True).astype(np.float32))


def perona_malik(image, iterations, kappa, step, exponential):
    """Perona-Malik diffusion written independently here: nearest-neighbour differences along each axis, zero flux
    across the border (differences past the edge are 0), conduction exp(-(d/k)^2) or 1/(1+(d/k)^2)."""
    u = image.astype(np.float64)
    for _ in range(iterations):
        total = np.zeros_like(u)
        for axis in range(u.ndim):
            forward = np.diff(u, axis=axis, append=np.take(u, [-1], axis=axis))
            backward = -np.diff(u, axis=axis, prepend=np.take(u, [0], axis=axis))
            for d in (forward, backward):
                g = np.exp(-(d / kappa) ** 2) if exponential else 1.0 / (1.0 + (d / kappa) ** 2)
                total += g * d
        u = u + step * total
    return u


def bilateral(image, radius, sigma_spatial, sigma_color):
    padded = np.pad(image, radius, mode="symmetric")
    total = np.zeros_like(image)
    weights = np.zeros_like(image)
    for dy in range(-radius, radius + 1):
        for dx in range(-radius, radius + 1):
            shifted = padded[radius + dy:radius + dy + image.shape[0], radius + dx:radius + dx + image.shape[1]]
            w = np.exp(-0.5 * (dx * dx + dy * dy) / sigma_spatial ** 2) * np.exp(
                -0.5 * (shifted - image) ** 2 / sigma_color ** 2)
            total += w * shifted
            weights += w
    return total / weights


def denoising(head, blobs):
    """Anisotropic diffusion, bilateral, non-local means."""
    save("diffusion_head_10_k50.npy", perona_malik(head, 10, 50.0, 1.0 / 7, True).astype(np.float32))
    save("diffusion_blobs_5_k20_q.npy", perona_malik(blobs, 5, 20.0, 0.2, False).astype(np.float32))
    b64 = blobs.astype(np.float64)
    # bilateral: skimage 0.19.3's denoise_bilateral builds its spatial weights on arange(-win//2, win//2 + 1),
    # one longer than the window, and reads them with the window's stride, so its weights are misplaced; the
    # reference is the definition (Tomasi & Manduchi) written here, with numpy 'symmetric' = scipy 'reflect'
    save("bilateral_blobs.npy", bilateral(b64, 3, 2.0, 30.0).astype(np.float32))
    crop = b64[20:68, 30:94]
    save("nlm_blobs_input.npy", crop.astype(np.float32))
    save("nlm_blobs_crop.npy", restoration.denoise_nl_means(
        crop, patch_size=5, patch_distance=4, h=25.0, fast_mode=False, sigma=0.0,
        preserve_range=True).astype(np.float32))
    hcrop = head.astype(np.float64)[4:20, 4:20, 4:20]
    save("nlm_head_input.npy", hcrop.astype(np.float32))
    save("nlm_head_crop.npy", restoration.denoise_nl_means(
        hcrop, patch_size=3, patch_distance=2, h=60.0, fast_mode=False, sigma=10.0,
        preserve_range=True).astype(np.float32))


def gaussian_psf(shape, sigma):
    grids = np.meshgrid(*[np.arange(n) - (n - 1) / 2 for n in shape], indexing="ij")
    psf = np.exp(-sum(g ** 2 for g in grids) / (2 * sigma ** 2))
    return psf / psf.sum()


def frequency(head, blobs):
    """Butterworth filters (skimage.filters.butterworth), Richardson-Lucy and Wiener deconvolution."""
    b64 = blobs.astype(np.float64)
    h64 = head.astype(np.float64)
    save("butterworth_low_blobs_w8.npy", filters.butterworth(
        b64, cutoff_frequency_ratio=1 / 8, high_pass=False, order=2.0).astype(np.float32))
    save("butterworth_high_head_w10.npy", filters.butterworth(
        h64, cutoff_frequency_ratio=1 / 10, high_pass=True, order=3.0).astype(np.float32))
    psf2 = gaussian_psf((5, 5), 1.2)
    psf3 = gaussian_psf((5, 5, 5), 1.0)
    save("psf_5x5.npy", psf2.astype(np.float32))
    save("psf_5x5x5.npy", psf3.astype(np.float32))
    blurred = signal.convolve(b64, psf2, mode="same")
    save("blurred_blobs.npy", blurred.astype(np.float32))
    save("rl_blobs_20.npy", restoration.richardson_lucy(
        blurred.astype(np.float32).astype(np.float64), psf2.astype(np.float32).astype(np.float64), num_iter=20,
        clip=False).astype(np.float32))
    save("rl_head_10.npy", restoration.richardson_lucy(
        h64, psf3.astype(np.float32).astype(np.float64), num_iter=10, clip=False).astype(np.float32))
    save("wiener_blobs_b0.05.npy", restoration.wiener(
        blurred.astype(np.float32).astype(np.float64), psf2.astype(np.float32).astype(np.float64), balance=0.05,
        clip=False).astype(np.float32))


if __name__ == "__main__":
    main()
