#!/usr/bin/python3
"""The example nuclei pipeline written the way the QBI course runs it: scipy/scikit-image, one sample after the
other, single-threaded. `qbi bench pipeline` times it against QBI's executor on the same files in the same run.

Usage: /usr/bin/python3 nuclei_pipeline.py OUT_DIR IMAGE...
For each image: Gaussian sigma 1 (float32), Otsu, remove_small_objects(20), label (8-connected),
regionprops with intensities -> one CSV per sample, the labels as TIFF.
"""
import csv
import os
import sys
import time

import numpy as np
import tifffile
from scipy import ndimage as ndi
from skimage import filters, measure, morphology


def run(path, out_dir):
    image = tifffile.imread(path)
    smooth = ndi.gaussian_filter(image.astype(np.float32), 1.0)
    mask = smooth > filters.threshold_otsu(smooth)
    mask = morphology.remove_small_objects(mask, 20, connectivity=1)
    labels = measure.label(mask, connectivity=2)
    name = os.path.splitext(os.path.basename(path))[0]
    tifffile.imwrite(os.path.join(out_dir, name + "-labels.tif"), labels.astype(np.uint32))
    with open(os.path.join(out_dir, name + "-nuclei.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["label", "area", "centroid_x", "centroid_y", "mean_intensity", "axis_major_length"])
        for r in measure.regionprops(labels, intensity_image=image):
            w.writerow([r.label, r.area, r.centroid[1], r.centroid[0], r.mean_intensity, r.axis_major_length])
    return int(labels.max())


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    start = time.perf_counter()
    objects = sum(run(p, out_dir) for p in sys.argv[2:])
    print("%.6f %d" % (time.perf_counter() - start, objects))


if __name__ == "__main__":
    main()
