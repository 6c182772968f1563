#!/usr/bin/python3
"""References for the segmentation tests, computed with scipy.ndimage 1.10 and scikit-image 0.19 (Debian bookworm
python3-scipy, python3-skimage).

Run from this folder: /usr/bin/python3 make_references.py [../../../../shared/data]
Real inputs are cropped from the shared data set and stored here (small .npy, C order (z, y, x), so a numpy array
is an x, y, z image); synthetic inputs are deterministic (fixed seeds). Labels are int32, masks uint8 0/1,
distances float32 (scipy computes them in float64).
"""
import os
import sys

import numpy as np
import tifffile
from scipy import ndimage as ndi
from skimage import morphology, segmentation
from skimage.feature import peak_local_max

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../../shared/data")


def save(name, array):
    np.save(os.path.join(HERE, name), np.ascontiguousarray(array))


def label(mask, connectivity):
    """scipy's labels, stored as uint16 (to keep the files small) when they fit."""
    structure = ndi.generate_binary_structure(mask.ndim, connectivity)
    labels = ndi.label(mask, structure=structure)[0]
    return labels.astype(np.uint16 if labels.max() < 65536 else np.int32)


def blobs_mask():
    blobs = tifffile.imread(os.path.join(SHARED, "tiff/8bit/blobs.tif"))  # (254, 256) uint8, blobs bright
    return (blobs > 128).astype(np.uint8)


def bone_crop():
    # micro-CT of cortical bone, binarised 0 / 127: pages 100..131, rows 60..107, columns 100..163
    with tifffile.TiffFile(os.path.join(SHARED, "tiff/3d/bone_7H3A_B1.tif")) as tif:
        pages = np.stack([tif.pages[i].asarray() for i in range(100, 132)])
    return np.ascontiguousarray(pages[:, 60:108, 100:164])


def labeling():
    mask = blobs_mask()
    save("label_blobs_4.npy", label(mask, 1))
    save("label_blobs_8.npy", label(mask, 2))
    bone = bone_crop()
    save("bone_crop.npy", bone)
    pores = (bone == 0).astype(np.uint8)
    for connectivity, n in ((1, 6), (2, 18), (3, 26)):
        save("label_pores_%d.npy" % n, label(pores, connectivity))
    # a hard synthetic case: 35 % random foreground in 3D (many runs, many merges across bands)
    rng = np.random.default_rng(11)
    noise = (rng.random((48, 37, 53)) < 0.35).astype(np.uint8)
    save("noise_mask.npy", noise)
    for connectivity, n in ((1, 6), (2, 18), (3, 26)):
        save("label_noise_%d.npy" % n, label(noise, connectivity))


def distances():
    mask = blobs_mask()
    save("edt_blobs.npy", ndi.distance_transform_edt(mask).astype(np.float32))
    save("edt_blobs_inverse.npy", ndi.distance_transform_edt(1 - mask).astype(np.float32))
    pores = (bone_crop() == 0).astype(np.uint8)
    # anisotropic voxels: x 0.5, y 0.7, z 2.0 (numpy's sampling order is z, y, x)
    save("edt_bone_aniso.npy", ndi.distance_transform_edt(1 - pores, sampling=(2.0, 0.7, 0.5)).astype(np.float32))
    noise = np.load(os.path.join(HERE, "noise_mask.npy"))
    save("edt_noise_inverse.npy", ndi.distance_transform_edt(1 - noise).astype(np.float32))


def split(mask, min_distance, connectivity, stable=True):
    """scikit-image's "separating touching objects" pipeline (peak_local_max on the distance, exclude_border=False).

    peak_local_max 0.19 orders candidate peaks with np.argsort(-intensities), an unstable sort: which of two equal
    maxima closer than min_distance survives is arbitrary. stable=True makes that sort stable (equal maxima in
    raster order), the order segment.split documents."""
    distance = ndi.distance_transform_edt(mask)
    if stable:
        from skimage.feature import peak as peak_module
        unstable = np.argsort
        peak_module.np = type("np_stable", (), {"__getattr__": lambda self, name: getattr(np, name),
                                                "argsort": staticmethod(lambda a: unstable(a, kind="stable"))})()
        try:
            coords = peak_local_max(distance, min_distance=min_distance, exclude_border=False)
        finally:
            peak_module.np = np
    else:
        coords = peak_local_max(distance, min_distance=min_distance, exclude_border=False)
    peaks = np.zeros(distance.shape, bool)
    peaks[tuple(coords.T)] = True
    markers = ndi.label(peaks)[0]
    return segmentation.watershed(-distance, markers, connectivity=connectivity, mask=mask).astype(np.uint16)


def watersheds():
    blobs = tifffile.imread(os.path.join(SHARED, "tiff/8bit/blobs.tif"))
    relief = (255 - blobs).astype(np.uint8)  # blobs are basins; many plateaus (uint8 steps of 8)
    markers = ndi.label(blobs > 200)[0].astype(np.uint16)
    save("ws_markers.npy", markers)
    mask = blobs_mask()
    for connectivity in (1, 2):
        save("ws_blobs_c%d.npy" % connectivity,
             segmentation.watershed(relief, markers, connectivity=connectivity).astype(np.uint16))
    save("ws_blobs_masked.npy", segmentation.watershed(relief, markers, mask=mask).astype(np.uint16))
    for min_distance in (1, 5):
        save("split_blobs_%d.npy" % min_distance, split(mask, min_distance, 1))
    bone = bone_crop() > 0
    save("split_bone_3.npy", split(bone, 3, 1))


def skeletons():
    mask = blobs_mask()
    save("skeleton_blobs_zhang.npy", morphology.skeletonize(mask).astype(np.uint8))
    save("skeleton_blobs_lee.npy", (morphology.skeletonize(mask, method="lee") > 0).astype(np.uint8))
    bone = (bone_crop() > 0).astype(np.uint8)
    save("skeleton_bone_lee.npy", (morphology.skeletonize_3d(bone) > 0).astype(np.uint8))


def kmeans(values, k):
    """scipy.cluster.vq.kmeans2 from the quantiles (i + 0.5) / k; returns labels 1..k (1 = darkest) and centres."""
    from scipy.cluster.vq import kmeans2
    data = values.astype(np.float64).reshape(-1, 1)
    start = np.quantile(data[:, 0], (np.arange(k) + 0.5) / k).reshape(-1, 1)
    centres, labels = kmeans2(data, start, iter=300, minit="matrix")
    return (labels + 1).reshape(values.shape).astype(np.uint8), centres[:, 0]


def clusterings():
    blobs = tifffile.imread(os.path.join(SHARED, "tiff/8bit/blobs.tif"))
    labels, centres = kmeans(blobs, 3)
    save("kmeans_blobs_3.npy", labels)
    print("kmeans blobs 3 centres", repr(centres))
    head = tifffile.imread(os.path.join(SHARED, "tiff/3d/mini-t1-head.tif"))
    labels, centres = kmeans(head, 4)
    save("kmeans_head_4.npy", labels)
    print("kmeans head 4 centres", repr(centres))


def main():
    labeling()
    distances()
    watersheds()
    skeletons()
    clusterings()


if __name__ == "__main__":
    main()
