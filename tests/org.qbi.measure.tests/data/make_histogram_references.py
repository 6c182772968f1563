#!/usr/bin/python3
"""References for measure.histogram, computed with NumPy (Debian python3-numpy) from the shared data set.

Run from anywhere: /usr/bin/python3 make_histogram_references.py [SHARED_DATA_DIR]
Each CSV has one row per bin: lower, upper, count.
  hist_head_u16.csv       tiff/3d/mini-t1-head.tif (uint16 3D): np.bincount, one bin per value from min to max
  hist_blobs_masked.csv   tiff/8bit/blobs.tif (uint8 2D) where blobs > 127: np.bincount of the selected values
  hist_trib_f32_64.csv    tiff/float/CalibZAPWfixed_000154_max-16.tif (float32 2D): np.histogram(v, 64)
  hist_trib_f32_masked.csv  the same image where its value exceeds its mean: np.histogram(v[sel], 50)
"""
import csv
import os
import sys

import numpy as np
import tifffile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../../shared/data")


def write(name, lower, upper, count):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["lower", "upper", "count"])
        for row in zip(lower, upper, count):
            w.writerow([repr(float(v)) for v in row])


def integers(name, values):
    values = values.astype(np.int64).ravel()
    lo, hi = values.min(), values.max()
    count = np.bincount(values - lo, minlength=hi - lo + 1)
    edges = np.arange(lo, hi + 2)
    write(name, edges[:-1], edges[1:], count)


def floats(name, values, bins):
    count, edges = np.histogram(values, bins)
    write(name, edges[:-1], edges[1:], count)


head = tifffile.imread(os.path.join(SHARED, "tiff/3d/mini-t1-head.tif"))
assert head.dtype == np.uint16, head.dtype
integers("hist_head_u16.csv", head)
blobs = tifffile.imread(os.path.join(SHARED, "tiff/8bit/blobs.tif"))
assert blobs.dtype == np.uint8, blobs.dtype
integers("hist_blobs_masked.csv", blobs[blobs > 127])
trib = tifffile.imread(os.path.join(SHARED, "tiff/float/CalibZAPWfixed_000154_max-16.tif"))
assert trib.dtype == np.float32, trib.dtype
floats("hist_trib_f32_64.csv", trib, 64)
floats("hist_trib_f32_masked.csv", trib[trib > trib.mean()], 50)
print("mean of the float image (mask threshold):", repr(float(trib.mean())))
