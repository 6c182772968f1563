#!/usr/bin/python3
"""References for the filter tests, computed with scipy.ndimage (Debian python3-scipy).

Run from this folder: /usr/bin/python3 make_references.py [../../../../shared/data]
Inputs are real images from the shared data set (the tests skip where it is absent) plus small deterministic
synthetic volumes written here. Each reference is float32 .npy in C order (z, y, x).
"""
import os
import sys

import numpy as np
import tifffile
from scipy import ndimage as ndi

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


if __name__ == "__main__":
    main()
