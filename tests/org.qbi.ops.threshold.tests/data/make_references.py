#!/usr/bin/python3
"""References for the threshold tests, computed with scikit-image (Debian python3-skimage 0.19.3, numpy 1.24.2).

Run from this folder: /usr/bin/python3 make_references.py [../../../../shared/data]
then: java -cp ~/.m2/repository/net/imagej/ij/1.54f/ij-1.54f.jar ImageJReferences.java
Writes:
  thresholds.csv   image,method,value(s) from skimage.filters.threshold_* (repr of the float: exact)
  hist_<image>.txt the skimage.exposure.histogram counts (one per line) the ImageJ references are computed on
  hysteresis_blobs.npy, local_*.npy   masks from skimage for the real 2D image
Images are real files of the shared data set; the tests skip where it is absent.
"""
import os
import sys

import numpy as np
import tifffile
import skimage
from skimage import exposure, filters

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../../shared/data")

IMAGES = {
    "blobs": "tiff/8bit/blobs.tif",                          # uint8 2D
    "head": "tiff/3d/mini-t1-head.tif",                      # uint16 3D
    "membranes": "tiff/16bit/membranes.tif",                 # uint16 2D
    "tribolium": "tiff/float/CalibZAPWfixed_000154_max-16.tif",  # float32 2D
    "shell": "npy/shellN.npy",                               # uint16 2D, neutron image
}


def load(rel):
    path = os.path.join(SHARED, rel)
    return np.load(path) if rel.endswith(".npy") else tifffile.imread(path)


def main():
    rows = []
    for name, rel in IMAGES.items():
        img = load(rel)
        counts, centers = exposure.histogram(img.ravel(), 256, source_range="image")
        np.savetxt(os.path.join(HERE, "hist_%s.txt" % name), counts, fmt="%d")
        rows.append((name, "bins", [len(counts), repr(float(centers[0])), repr(float(centers[-1]))]))
        for method in ("otsu", "isodata", "li", "triangle", "yen"):
            value = getattr(filters, "threshold_" + method)(img)
            rows.append((name, method, [repr(float(value))]))
        if len(counts) <= 1024:  # the exhaustive search costs bins^2: only for narrow histograms
            rows.append((name, "multiotsu3", [repr(float(v)) for v in filters.threshold_multiotsu(img, classes=3)]))
        rows.append((name, "otsu_fg", [int((img > filters.threshold_otsu(img)).sum())]))
    # 256-bin histograms for ImageJ (its AutoThresholder takes 256 bins only): blobs as ImageJ's own 8-bit histogram
    # (values 0..255), the others as float32 images (256 bins over min..max)
    blobs = load(IMAGES["blobs"])
    np.savetxt(os.path.join(HERE, "ij_blobs.txt"), np.bincount(blobs.ravel(), minlength=256), fmt="%d")
    for name in ("head", "membranes", "tribolium", "shell"):
        counts, _ = exposure.histogram(load(IMAGES[name]).astype(np.float32).ravel(), 256, source_range="image")
        np.savetxt(os.path.join(HERE, "ij_%s.txt" % name), counts, fmt="%d")
    with open(os.path.join(HERE, "thresholds.csv"), "w") as f:
        f.write("# skimage %s, numpy %s\n" % (skimage.__version__, np.__version__))
        for name, method, values in rows:
            f.write("%s,%s,%s\n" % (name, method, ",".join(str(v) for v in values)))

    blobs = load(IMAGES["blobs"])
    np.save(os.path.join(HERE, "hysteresis_blobs_100_200.npy"),
            filters.apply_hysteresis_threshold(blobs, 100, 200).astype(np.uint8))
    head = load(IMAGES["head"])
    np.save(os.path.join(HERE, "hysteresis_head_300_600.npy"),
            filters.apply_hysteresis_threshold(head, 300, 600).astype(np.uint8))
    multi = np.digitize(blobs, bins=filters.threshold_multiotsu(blobs, classes=3)).astype(np.uint32)
    np.save(os.path.join(HERE, "multiotsu_blobs.npy"), multi)
    for method in ("mean", "gaussian"):
        t = filters.threshold_local(blobs, 15, method=method, offset=-5)
        np.save(os.path.join(HERE, "local_%s_blobs.npy" % method), t)
    np.save(os.path.join(HERE, "niblack_blobs.npy"), filters.threshold_niblack(blobs, window_size=15, k=0.2))
    np.save(os.path.join(HERE, "sauvola_blobs.npy"), filters.threshold_sauvola(blobs, window_size=15, k=0.2))


if __name__ == "__main__":
    main()
