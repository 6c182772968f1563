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

    flat_field(head)
    clahe(blobs, head, trib)


def clahe(blobs, head, trib):
    """CLAHE: skimage.exposure.equalize_adapthist (float64 for integer images, float32 for float32 ones).

    kernel_size is given in numpy order here ((z,) y, x); the operator's kernel_size is x, y (, z). The results
    (float64 for integer images) are stored as float32, the operator's output type, to keep the files small.
    """
    save = _save_float32
    save("blobs_clahe.npy", exposure.equalize_adapthist(blobs))                      # default: (31, 32), 0.01, 256
    wood = tifffile.imread(os.path.join(SHARED, "tiff/16bit/wood.tif"))                 # uint16 (269, 455)
    save("wood_clahe_30x50_0.02_128.npy",
         exposure.equalize_adapthist(wood, kernel_size=(30, 50), clip_limit=0.02, nbins=128))
    save("head_clahe.npy", exposure.equalize_adapthist(head))                         # 3D, default (4, 4, 4)
    save("head_clahe_8_0.05.npy", exposure.equalize_adapthist(head, kernel_size=8, clip_limit=0.05))
    save("head_clahe_8_noclip.npy", exposure.equalize_adapthist(head, kernel_size=8, clip_limit=0))
    # floats must lie in [-1, 1] for scikit-image: a 128 x 128 crop of the Tribolium projection scaled to 0..1
    crop = trib[100:228, 50:178].astype(np.float32)
    crop = ((crop - crop.min()) / (crop.max() - crop.min())).astype(np.float32)
    save("trib_unit_crop.npy", crop)
    save("trib_unit_crop_clahe_20.npy", exposure.equalize_adapthist(crop, kernel_size=20))


def _save_float32(name, array):
    save(name, array.astype(np.float32))


def flat_field(head):
    """One 2D dark and one 2D open-beam frame broadcast over every slice of a stack (numpy broadcasting).

    The stack is the real uint16 head volume (32, 32, 32); the frames are made from it: dark = its minimum
    projection / 8 (a non-uniform offset), open beam = its maximum projection + 50, with two pixels where the
    open beam is not above the dark (dead pixels: the operator writes the 'invalid' value there, 0).
    """
    dark = (head.min(axis=0) // 8).astype(np.uint16)
    open_beam = (head.max(axis=0) + 50).astype(np.uint16)
    open_beam[0, 0] = dark[0, 0]
    open_beam[5, 7] = max(int(dark[5, 7]) - 1, 0)
    save("flat_dark.npy", dark[np.newaxis])        # (1, 32, 32): one frame
    save("flat_open.npy", open_beam[np.newaxis])
    d = dark.astype(np.float32)
    denominator = open_beam.astype(np.float32) - d
    with np.errstate(divide="ignore", invalid="ignore"):
        normalized = (head.astype(np.float32) - d) / denominator   # (32, 32, 32) - (32, 32) broadcasts over z
    normalized = np.where(denominator > 0, normalized, np.float32(0)).astype(np.float32)
    save("head_flatfield.npy", normalized)


if __name__ == "__main__":
    main()
