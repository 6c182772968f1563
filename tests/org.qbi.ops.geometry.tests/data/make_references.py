#!/usr/bin/python3
"""References for the geometry tests, computed with numpy, scipy.ndimage and scikit-image (Debian bookworm:
numpy 1.24.2, scipy 1.10.1, scikit-image 0.19.3).

Run from this folder: /usr/bin/python3 make_references.py [../../../../shared/data]
Inputs are real images from the shared data set (the tests skip where it is absent); where a test uses a crop of
a real image, the crop is stored here too (*_input.npy). Arrays are C order (z, y, x), so numpy axis 0 is z.
"""
import os
import sys
import warnings

import numpy as np
import tifffile
from scipy import ndimage as ndi
from skimage.transform import resize

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../../shared/data")
warnings.simplefilter("ignore")  # scipy warns that grid_mode=True prefers the grid-* modes


def save(name, array):
    np.save(os.path.join(HERE, name), np.ascontiguousarray(array))


def main():
    head = tifffile.imread(os.path.join(SHARED, "tiff/3d/mini-t1-head.tif"))  # (32, 32, 32) uint16, 1.5 mm
    blobs = tifffile.imread(os.path.join(SHARED, "tiff/8bit/blobs.tif"))  # (254, 256) uint8
    headf = head.astype(np.float32)

    # crop and flip: numpy slicing on the real volume
    save("crop_head.npy", head[10:30, 3:20, 5:25])
    save("flip_head_z.npy", np.flip(head, 0))

    # pad: numpy.pad on a crop of blobs, the x margin larger than the crop (the mirror modes repeat periodically);
    # numpy 1.24's 'wrap' is not periodic when a margin exceeds the image (2 3 4 | 0 1 2 3 4 | 0 1 2 3 4 2 3 4 0 for
    # (3, 9)), so its reference uses a margin smaller than the crop and the test checks larger ones analytically
    patch = blobs[100:130, 50:90]  # (30, 40)
    save("pad_input.npy", patch)
    for mode in ("constant", "edge", "reflect", "symmetric", "wrap"):
        extra = {"constant_values": 9} if mode == "constant" else {}
        save(f"pad_{mode}.npy", np.pad(patch, ((2, 5), (3, 30 if mode == "wrap" else 50)), mode=mode, **extra))

    # quarter turns: numpy.rot90 with the (z, y, x) axes of each plane
    save("rot90_pad_input_k1.npy", np.rot90(patch, 1, axes=(0, 1)))
    save("rot90_head_xz_k1.npy", np.rot90(head, 1, axes=(0, 2)))
    save("rot90_head_yz_k3.npy", np.rot90(head, 3, axes=(0, 1)))
    save("rot90_head_xy_k2.npy", np.rot90(head, 2, axes=(1, 2)))

    # rotation by any angle: scipy.ndimage.rotate, 2D on a crop of blobs (float32), 3D on the head
    patchf = blobs[60:160, 40:150].astype(np.float32)  # (100, 110)
    save("rotate_input.npy", patchf)
    save("rotate_33_cubic.npy", ndi.rotate(patchf, 33, axes=(1, 0), reshape=True, order=3, mode="constant", cval=0))
    save("rotate_m20_linear_nearest_noreshape.npy",
         ndi.rotate(patchf, -20, axes=(1, 0), reshape=False, order=1, mode="nearest"))
    save("rotate_head_xz_25_cubic_reflect.npy",
         ndi.rotate(headf[:, 8:24, :], 25, axes=(0, 2), reshape=True, order=3, mode="reflect"))

    # resampling: scipy.ndimage.zoom (factors from the sizes) and skimage.transform.resize with anti-aliasing
    save("zoom_head_cubic_grid_mirror.npy", ndi.zoom(headf, (0.55, 1.3, 0.7), order=3, mode="mirror", grid_mode=True))
    save("zoom_head_linear_nogrid_constant.npy",
         ndi.zoom(headf, (0.55, 1.3, 0.7), order=1, mode="constant", grid_mode=False))
    save("zoom_blobs_nearest_grid.npy", ndi.zoom(blobs, 0.5, order=0, mode="mirror", grid_mode=True))
    save("resize_blobs_aa_linear.npy", resize(blobs.astype(np.float64), (60, 100), order=1, mode="reflect",
                                              anti_aliasing=True, preserve_range=True).astype(np.float32))
    save("resize_blobs_aa_linear_constant.npy", resize(blobs.astype(np.float64), (60, 100), order=1, mode="constant",
                                                       cval=20, anti_aliasing=True, preserve_range=True)
         .astype(np.float32))
    save("resize_head_aa_cubic.npy", resize(headf.astype(np.float64), (12, 16, 20), order=3, mode="reflect",
                                            anti_aliasing=True, preserve_range=True, clip=False).astype(np.float32))


if __name__ == "__main__":
    main()
