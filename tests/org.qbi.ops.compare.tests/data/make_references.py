#!/usr/bin/python3
"""References for the comparison tests, computed with numpy, scipy.ndimage and scikit-image (Debian bookworm:
numpy 1.24.2, scipy 1.10.1, scikit-image 0.19.3).

Run from this folder: /usr/bin/python3 make_references.py [../../../../shared/data]
The pairs are crops of real images from the shared data set and degraded copies of them (blurred, noisy,
thresholded), stored here (*.npy, C order (z, y, x)); the expected values go to references.json.
"""
import json
import os
import sys

import numpy as np
import tifffile
from PIL import Image
from scipy import ndimage as ndi
from skimage.metrics import mean_squared_error, peak_signal_noise_ratio, structural_similarity

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../../shared/data")


def save(name, array):
    np.save(os.path.join(HERE, name), np.ascontiguousarray(array))


def main():
    rng = np.random.default_rng(11)
    refs = {}

    # 2D uint8: a crop of the cameraman and a blurred, noisy copy
    camera = np.asarray(Image.open(os.path.join(SHARED, "png_jpeg/skimage_camera.png")))[100:228, 150:278]
    noisy = np.clip(ndi.gaussian_filter(camera.astype(np.float64), 1.2) + rng.normal(0, 6, camera.shape), 0, 255)
    noisy = np.rint(noisy).astype(np.uint8)
    save("camera_reference.npy", camera)
    save("camera_test.npy", noisy)
    c, n = camera.astype(np.float64), noisy.astype(np.float64)
    save("camera_difference.npy", (noisy.astype(np.float32) - camera.astype(np.float32)))
    refs["camera"] = {
        "mae": float(np.mean(np.abs(n - c))),
        "mse": float(mean_squared_error(camera, noisy)),
        "psnr": float(peak_signal_noise_ratio(camera, noisy)),  # data_range 255 from uint8
        "psnr_range_200": float(peak_signal_noise_ratio(camera, noisy, data_range=200)),
        "ssim": float(structural_similarity(camera, noisy)),  # win 7, data_range 255
        "ssim_gaussian": float(structural_similarity(camera, noisy, gaussian_weights=True, sigma=1.5,
                                                     use_sample_covariance=False)),
        "ssim_win11_range_300": float(structural_similarity(camera, noisy, win_size=11, data_range=300)),
    }

    # 3D float32: the T1 head and a noisy copy (SSIM over x, y and z)
    head = tifffile.imread(os.path.join(SHARED, "tiff/3d/mini-t1-head.tif")).astype(np.float32)
    head_noisy = (head + rng.normal(0, 25, head.shape)).astype(np.float32)
    save("head_test.npy", head_noisy)
    refs["head"] = {
        "mse": float(mean_squared_error(head.astype(np.float64), head_noisy.astype(np.float64))),
        "psnr_range_1000": float(peak_signal_noise_ratio(head, head_noisy, data_range=1000)),
        "ssim_range_1000": float(structural_similarity(head, head_noisy, data_range=1000)),
        "ssim_gaussian_range_1000": float(structural_similarity(head, head_noisy, data_range=1000,
                                                                gaussian_weights=True, sigma=1.5,
                                                                use_sample_covariance=False)),
    }

    #    
    lung = np.asarray(Image.open(os.path.join(SHARED, "tiff/8bit/lung_CT_41_40_lzw.tif")))[30:190, 270:410]
    mask = np.asarray(Image.open(os.path.join(SHARED, "tiff/8bit/lung_CT_41_40_mask_lzw.tif")))[30:190, 270:410]
    reference = (mask > 0).astype(np.uint8)
    test = (lung > 100).astype(np.uint8)
    save("lung_reference.npy", reference)
    save("lung_test.npy", test)
    r, t = reference.astype(bool), test.astype(bool)
    tp, fp = int(np.sum(r & t)), int(np.sum(~r & t))
    fn, tn = int(np.sum(r & ~t)), int(np.sum(~r & ~t))
    refs["lung"] = {
        "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "precision": tp / (tp + fp), "recall": tp / (tp + fn), "specificity": tn / (tn + fp),
        "accuracy": (tp + tn) / r.size, "f1": 2 * tp / (2 * tp + fp + fn),
        "dice": 2 * tp / (r.sum() + t.sum()), "jaccard": tp / np.sum(r | t),
    }
    with open(os.path.join(HERE, "references.json"), "w") as out:
        json.dump(refs, out, indent=1, sort_keys=True)
        out.write("\n")


if __name__ == "__main__":
    main()
