#!/usr/bin/python3
"""References for the measurement tests, computed with scikit-image 0.19 regionprops (Debian python3-skimage).

Run from anywhere: /usr/bin/python3 make_references.py [SHARED_DATA_DIR]
Writes label images (.npy, C order (z, y, x)) and the properties skimage computes for them (.csv), from real
images of the shared data set:
  blobs: tiff/8bit/blobs.tif > 127 (2D), 8-connected labels, intensities = blobs itself
  pores: the pores (value 0) of a 48 x 56 x 64 crop of tiff/3d/bone_7H3A_B1.tif, 26-connected labels
  ellipsoid: an analytic ellipsoid, semi-axes 12, 7, 4 voxels, rotated; the covariance is known in closed form
"""
import csv
import os
import sys

import numpy as np
import tifffile
from skimage import measure

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../../shared/data")


def write(name, rows, columns):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(columns)
        for r in rows:
            w.writerow([repr(float(v)) for v in r])


def major(p):
    ev = p.inertia_tensor_eigvals
    return np.sqrt(10 * max(0.0, ev[0] + ev[1] - ev[2]))


def minor(p):
    # skimage's formula; rounding can make it slightly negative for thin objects, where skimage raises
    ev = p.inertia_tensor_eigvals
    return np.sqrt(10 * max(0.0, -ev[0] + ev[1] + ev[2]))


def main():
    blobs = tifffile.imread(os.path.join(SHARED, "tiff/8bit/blobs.tif"))
    labels = measure.label(blobs > 127, connectivity=2).astype(np.uint16)
    np.save(os.path.join(HERE, "blobs_labels.npy"), labels)
    rows = []
    for p in measure.regionprops(labels, intensity_image=blobs.astype(np.float64)):
        (r0, c0, r1, c1) = p.bbox
        rows.append([p.label, p.area, p.centroid[1], p.centroid[0], c0, r0, c1 - 1, r1 - 1, p.equivalent_diameter,
                     p.extent, p.axis_major_length, p.axis_minor_length, p.orientation, p.mean_intensity,
                     p.min_intensity, p.max_intensity])
    write("blobs_regionprops.csv", rows, ["label", "area", "centroid_x", "centroid_y", "bbox_x_min", "bbox_y_min",
                                          "bbox_x_max", "bbox_y_max", "equivalent_diameter", "extent",
                                          "axis_major_length", "axis_minor_length", "orientation", "mean_intensity",
                                          "min_intensity", "max_intensity"])

    bone = tifffile.imread(os.path.join(SHARED, "tiff/3d/bone_7H3A_B1.tif"))
    crop = bone[200:248, 100:156, 150:214]
    pores = measure.label(crop == 0, connectivity=3).astype(np.uint16)
    np.save(os.path.join(HERE, "pores_labels.npy"), pores)
    rows = []
    for p in measure.regionprops(pores):
        (z0, y0, x0, z1, y1, x1) = p.bbox
        rows.append([p.label, p.area, p.centroid[2], p.centroid[1], p.centroid[0], x0, y0, z0, x1 - 1, y1 - 1, z1 - 1,
                     p.equivalent_diameter, p.extent, major(p), minor(p)])
    write("pores_regionprops.csv", rows, ["label", "volume", "centroid_x", "centroid_y", "centroid_z", "bbox_x_min",
                                          "bbox_y_min", "bbox_z_min", "bbox_x_max", "bbox_y_max", "bbox_z_max",
                                          "equivalent_diameter", "extent", "axis_major_length", "axis_minor_length"])
    shape_references(labels, pores, crop)
    print(labels.max(), "blobs;", pores.max(), "pores")


# voxel size (x, y, z) the shape tests give the pores (anisotropic on purpose)
PORES_SPACING = (0.5, 0.7, 1.2)


def surface(mask, spacing_xyz):
    """skimage marching cubes at level 0.5 on the mask padded with background, spacing in (z, y, x) order."""
    verts, faces, _, _ = measure.marching_cubes(np.pad(mask.astype(np.float64), 1), 0.5,
                                                spacing=spacing_xyz[::-1], allow_degenerate=True)
    return measure.mesh_surface_area(verts, faces)


def shape_references(blobs_labels, pores, crop):
    """blobs_shape.csv: 2D perimeter, Euler numbers (8- and 4-connected), feret_diameter_max;
    pores_shape.csv: 3D surface area at PORES_SPACING, Euler numbers (26- and 6-connected);
    bone_structure.csv: whole-mask surface area of the bone (crop > 0) at PORES_SPACING and its Euler numbers."""
    rows = []
    for p in measure.regionprops(blobs_labels):
        rows.append([p.label, p.perimeter, p.euler_number, measure.euler_number(p.image, 1), p.feret_diameter_max])
    write("blobs_shape.csv", rows, ["label", "perimeter", "euler_number", "euler_number_4", "feret_diameter_max"])
    rows = []
    for p in measure.regionprops(pores):
        rows.append([p.label, surface(p.image, PORES_SPACING), p.euler_number, measure.euler_number(p.image, 1)])
    write("pores_shape.csv", rows, ["label", "surface_area", "euler_number", "euler_number_6"])
    bone = crop > 0
    write("bone_structure.csv", [[bone.sum(), surface(bone, PORES_SPACING), measure.euler_number(bone, 3),
                                  measure.euler_number(bone, 1)]],
          ["bone_voxels", "bone_surface", "euler_26", "euler_6"])


if __name__ == "__main__":
    main()
