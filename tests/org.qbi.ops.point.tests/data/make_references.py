#!/usr/bin/python3
"""References for the point-operation tests: numpy 1.24.2 and scikit-image 0.19.3 (Debian packages).

Run from this folder: /usr/bin/python3 make_references.py [../../../../shared/data]
Inputs are real images of the shared data set (the tests skip where it is absent); outputs are .npy in C order
(z, y, x) in the dtype numpy/skimage return, unless a comment says otherwise.
"""
import os
import sys

import numpy as np
import tifffile
from skimage import exposure, util

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../../shared/data")


def save(name, array):
    np.save(os.path.join(HERE, name), np.ascontiguousarray(array))


def main():
    blobs = tifffile.imread(os.path.join(SHARED, "tiff/8bit/blobs.tif"))                        # uint8 (254, 256)
    head = tifffile.imread(os.path.join(SHARED, "tiff/3d/mini-t1-head.tif"))                    # uint16 (32, 32, 32)
    trib = tifffile.imread(os.path.join(SHARED, "tiff/float/CalibZAPWfixed_000154_max-16.tif"))  # float32 (389, 235)

    # arithmetic: float32 images stay float32 in numpy; uint16 with output=same: rint and clip
    save("trib_mul_2.5.npy", trib * np.float32(2.5))
    save("trib_add_-10.npy", trib + np.float32(-10))
    save("trib_div_3.npy", trib / np.float32(3))
    save("head_mul_2.5_same.npy", np.clip(np.rint(head.astype(np.float32) * np.float32(2.5)), 0, 65535)
         .astype(np.uint16))
    save("head_sub_100_same.npy", np.clip(np.rint(head.astype(np.float32) - 100), 0, 65535).astype(np.uint16))
    rolled = np.roll(head, 3, axis=2)
    save("head_rolled.npy", rolled)
    save("head_minus_rolled.npy", head.astype(np.float32) - rolled.astype(np.float32))
    with np.errstate(divide="ignore", invalid="ignore"):
        save("head_div_rolled.npy", head.astype(np.float32) / rolled.astype(np.float32))

    # conversion
    lo, hi = float(head.min()), float(head.max())
    save("head_uint8_range.npy", np.rint((head - lo) * (255.0 / (hi - lo))).astype(np.uint8))
    save("trib_uint8_clip.npy", np.clip(np.rint(trib.astype(np.float64)), 0, 255).astype(np.uint8))

    # invert (skimage.util.invert; floats: signed_float=True gives -v)
    save("blobs_invert.npy", util.invert(blobs))
    save("trib_invert.npy", util.invert(trib, signed_float=True))

    # rescale_intensity
    save("blobs_rescale.npy", exposure.rescale_intensity(blobs))
    p2, p98 = np.percentile(trib, (2, 98))
    save("trib_rescale_p2_p98.npy", exposure.rescale_intensity(trib, in_range=(p2, p98)))
    q1, q99 = np.percentile(head, (1, 99.5))
    save("head_rescale_p1_p99.5.npy", exposure.rescale_intensity(head, in_range=(q1, q99)))
    save("head_rescale_values.npy", exposure.rescale_intensity(head, in_range=(100, 800), out_range=(-1, 1)))
    with open(os.path.join(HERE, "percentiles.csv"), "w") as f:
        f.write("trib,2,%r\ntrib,98,%r\nhead,1,%r\nhead,99.5,%r\n" % (p2, p98, q1, q99))

    # gamma and log
    save("blobs_gamma_0.5.npy", exposure.adjust_gamma(blobs, 0.5))
    save("head_gamma_2_gain_1.5.npy", exposure.adjust_gamma(head, 2, 1.5))  # values stay below 65535 here
    save("trib_gamma_0.8.npy", exposure.adjust_gamma(trib, 0.8))
    save("blobs_log.npy", exposure.adjust_log(blobs))
    save("head_log_inv.npy", exposure.adjust_log(head, 1, inv=True))

    # histogram equalization (float64 for integer images, float32 for float32)
    save("blobs_equalize.npy", exposure.equalize_hist(blobs))
    save("trib_equalize.npy", exposure.equalize_hist(trib))
    save("head_equalize.npy", exposure.equalize_hist(head))
    assert head.max() * 1.5 * (head.max() / 65535.0) < 65535


if __name__ == "__main__":
    main()
