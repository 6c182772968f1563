#!/usr/bin/python3
"""References for the morphology tests, computed with scipy.ndimage and scikit-image (Debian python3-scipy 1.10,
python3-skimage 0.19).

Run from this folder: /usr/bin/python3 make_references.py [../../../../shared/data]
Inputs are crops of real images from the shared data set, stored here (the tests need no shared data), plus the
references. Arrays are C order (z, y, x): a (z, y, x) array is an x, y, z image. Masks are uint8 0/1.
Border convention tested: the neighbourhood is clipped to the image, i.e. scipy binary_erosion(border_value=1)
(= skimage binary_erosion), binary_dilation(border_value=0), grey_* with mode 'reflect' for symmetric convex
elements, and mode 'constant' with the neutral cval for asymmetric custom elements.
"""
import os
import sys

import numpy as np
import tifffile
from PIL import Image
from scipy import ndimage as ndi
from skimage import morphology as skm

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../../shared/data")


def save(name, array):
    np.save(os.path.join(HERE, name), np.ascontiguousarray(array))


def u8(mask):
    return np.asarray(mask).astype(np.uint8)


def cross(rank, r):
    return ndi.iterate_structure(ndi.generate_binary_structure(rank, 1), r)


def binary3d():
    bone = tifffile.imread(os.path.join(SHARED, "tiff/3d/bone_7H3A_B1.tif"))  # (600, 250, 350) uint8 0/127
    b = bone[200:220, 90:140, 120:180] > 0  # (20, 50, 60): cortical bone with pores and lacunae
    save("bone_crop.npy", u8(b))
    ball1 = skm.ball(1)
    box1 = np.ones((3, 3, 3), bool)
    ero_ball1 = ndi.binary_erosion(b, ball1, border_value=1)
    assert (ero_ball1 == skm.binary_erosion(b, ball1)).all()  # skimage's convention is border_value=1
    save("bone_erode_ball1.npy", u8(ero_ball1))
    save("bone_erode_box1.npy", u8(ndi.binary_erosion(b, box1, border_value=1)))
    save("bone_erode_box1_scipy_default.npy", u8(ndi.binary_erosion(b, box1)))  # border_value=0: differs
    save("bone_dilate_ball2.npy", u8(ndi.binary_dilation(b, skm.ball(2))))
    save("bone_open_box1.npy", u8(skm.binary_opening(b, box1)))
    save("bone_close_ball1.npy", u8(skm.binary_closing(b, ball1)))
    save("bone_fill_holes.npy", u8(ndi.binary_fill_holes(b)))
    save("bone_fill_holes_c3.npy", u8(ndi.binary_fill_holes(b, ndi.generate_binary_structure(3, 3))))
    save("bone_remove_small_20.npy", u8(skm.remove_small_objects(b, 20, connectivity=1)))
    save("bone_remove_small_20_c3.npy", u8(skm.remove_small_objects(b, 20, connectivity=3)))
    # pores: the background's small objects
    save("bone_pores_remove_small_30.npy", u8(skm.remove_small_objects(~b, 30, connectivity=1)))


def binary2d():
    lung = np.array(Image.open(os.path.join(SHARED, "tiff/8bit/lung_CT_41_40_mask_lzw.tif"))) > 0  # (420, 580)
    m = lung[30:190, 270:410]  # (160, 140): the lung mask (one object, no holes)
    save("lung_crop.npy", u8(m))
    save("lung_erode_disk3.npy", u8(skm.binary_erosion(m, skm.disk(3))))
    save("lung_dilate_cross2.npy", u8(ndi.binary_dilation(m, cross(2, 2))))
    save("lung_close_box2.npy", u8(skm.binary_closing(m, np.ones((5, 5), bool))))
    # the CT slice thresholded at 80 (same region): vessels as holes, many small objects
    ct = np.array(Image.open(os.path.join(SHARED, "tiff/8bit/lung_CT_41_40_lzw.tif")))[20:200, 250:430] > 80
    save("ct80_crop.npy", u8(ct))
    save("ct80_fill_holes.npy", u8(ndi.binary_fill_holes(ct)))
    save("ct80_fill_holes_c2.npy", u8(ndi.binary_fill_holes(ct, ndi.generate_binary_structure(2, 2))))
    save("ct80_remove_small_50_c2.npy", u8(skm.remove_small_objects(ct, 50, connectivity=2)))
    save("ct80_remove_small_50_c1.npy", u8(skm.remove_small_objects(ct, 50, connectivity=1)))


def grey():
    head = tifffile.imread(os.path.join(SHARED, "tiff/3d/mini-t1-head.tif"))  # (32, 32, 32) uint16
    save("head_erode_box1.npy", ndi.grey_erosion(head, size=(3, 3, 3)))
    save("head_dilate_ball2.npy", ndi.grey_dilation(head, footprint=skm.ball(2)))
    save("head_white_tophat_ball2.npy", ndi.white_tophat(head, footprint=skm.ball(2)))
    save("head_black_tophat_box1.npy", ndi.black_tophat(head, size=(3, 3, 3)))
    save("head_open_cross1.npy", ndi.grey_opening(head, footprint=cross(3, 1)))
    # asymmetric custom element (z, y, x) = (2, 3, 4), centre at (1, 1, 2); written x fastest for the footprint text
    fp = np.array([[[1, 0, 1, 1], [0, 1, 1, 0], [1, 1, 0, 0]],
                   [[0, 0, 1, 0], [1, 1, 1, 1], [0, 0, 1, 1]]], bool)
    save("custom_footprint.npy", fp.astype(np.uint16))  # uint16: a uint8 (.., 4) array would read as RGBA
    print("custom footprint text: 4x3x2:" + "".join(map(str, u8(fp).ravel())))
    save("head_erode_custom.npy", ndi.grey_erosion(head, footprint=fp, mode="constant", cval=65535))
    save("head_dilate_custom.npy", ndi.grey_dilation(head, footprint=fp, mode="constant", cval=0))
    # anisotropic: spacing x, y 1 mm, z 2 mm; radius 2 mm is 2, 2, 1 voxels: the ellipsoid below
    zz, yy, xx = np.mgrid[-1:2, -2:3, -2:3]
    ellipsoid = (xx / 2.0) ** 2 + (yy / 2.0) ** 2 + (zz / 1.0) ** 2 <= 1
    save("head_dilate_ellipsoid_2mm.npy", ndi.grey_dilation(head, footprint=ellipsoid))
    # float32 2D: blobs opened by a disk
    blobs = tifffile.imread(os.path.join(SHARED, "tiff/8bit/blobs.tif")).astype(np.float32)  # (254, 256)
    save("blobs_open_disk3.npy", ndi.grey_opening(blobs, footprint=skm.disk(3)))
    # reconstruction: h-dome marker (head - 100, clipped) by dilation; head + 100 by erosion
    seed = np.clip(head.astype(np.int64) - 100, 0, 65535).astype(np.uint16)
    save("head_seed_minus100.npy", seed)
    save("head_reconstruct_dilation.npy", skm.reconstruction(seed, head, "dilation").astype(np.uint16))
    save("head_reconstruct_dilation_c1.npy",
         skm.reconstruction(seed, head, "dilation", footprint=ndi.generate_binary_structure(3, 1)).astype(np.uint16))
    top = np.clip(head.astype(np.int64) + 100, 0, 65535).astype(np.uint16)
    save("head_seed_plus100.npy", top)
    save("head_reconstruct_erosion.npy", skm.reconstruction(top, head, "erosion").astype(np.uint16))
    # 2D float: blobs, marker = blobs - 40
    bseed = np.maximum(blobs - 40, 0).astype(np.float32)
    save("blobs_seed_minus40.npy", bseed)
    save("blobs_reconstruct_dilation.npy", skm.reconstruction(bseed, blobs, "dilation").astype(np.float32))


if __name__ == "__main__":
    binary3d()
    binary2d()
    grey()
