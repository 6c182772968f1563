#!/usr/bin/python3
"""Brute-force local thickness (Hildebrand-Ruegsegger) of a small real bone crop, for LocalThicknessReferenceTest.

Run from anywhere: /usr/bin/python3 make_thickness_reference.py [SHARED_DATA_DIR]
Writes
  thickness_mask.npy        uint8 (z, y, x) 24 x 32 x 40: tiff/3d/bone_7H3A_B1.tif[200:224, 100:132, 150:190] > 0
  thickness_solid.npy       float32: local thickness of the solid (0 in the pores)
  thickness_pores.npy       float32: local thickness of the pores (0 in the solid)
at voxel size (x, y, z) = (0.5, 0.75, 1.25): squares of these are exact binary fractions, so squared distances
between voxel centres are exact in float64 and ties are decided exactly.

The definition, straight from the paper and with nothing of the Java algorithm (no distance ridge, no painting
order): the squared radius of the sphere centred on a structure voxel c is the squared distance from c to the
nearest voxel centre outside the structure (brute force over all of them, only within the image as
scipy.ndimage.distance_transform_edt does); a voxel p lies in that sphere when |p - c|^2 < r(c)^2 (strictly); the
thickness at p is the largest diameter 2 r(c) over the spheres containing p.
"""
import os
import sys

import numpy as np
import tifffile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../../shared/data")
SPACING_ZYX = np.array([1.25, 0.75, 0.5])


def local_thickness(structure):
    coords = np.argwhere(np.ones_like(structure, dtype=bool)) * SPACING_ZYX
    inside = coords[structure.ravel()]
    outside = coords[~structure.ravel()]
    # squared distance to the nearest outside voxel centre, exact
    r2 = np.empty(len(inside))
    for start in range(0, len(inside), 512):
        block = inside[start:start + 512]
        r2[start:start + 512] = (((block[:, None, :] - outside[None, :, :]) ** 2).sum(axis=2)).min(axis=1)
    best = np.zeros(len(inside))
    for start in range(0, len(inside), 256):
        centres = inside[start:start + 256]
        radius2 = r2[start:start + 256]
        d2 = ((centres[:, None, :] - inside[None, :, :]) ** 2).sum(axis=2)
        reach = np.where(d2 < radius2[:, None], radius2[:, None], 0.0)
        best = np.maximum(best, reach.max(axis=0))
    out = np.zeros(structure.shape, np.float32)
    out[structure] = (2 * np.sqrt(best)).astype(np.float32)
    return out


def main():
    bone = tifffile.imread(os.path.join(SHARED, "tiff/3d/bone_7H3A_B1.tif"))
    mask = (bone[200:224, 100:132, 150:190] > 0).astype(np.uint8)
    np.save(os.path.join(HERE, "thickness_mask.npy"), mask)
    solid = local_thickness(mask > 0)
    pores = local_thickness(mask == 0)
    np.save(os.path.join(HERE, "thickness_solid.npy"), solid)
    np.save(os.path.join(HERE, "thickness_pores.npy"), pores)
    print(mask.shape, "solid fraction", mask.mean(), "solid mean/max", solid[mask > 0].mean(), solid.max(),
          "pores mean/max", pores[mask == 0].mean(), pores.max())


if __name__ == "__main__":
    main()
