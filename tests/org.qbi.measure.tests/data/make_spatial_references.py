#!/usr/bin/python3
"""References for the spatial distribution measurements (measure.radial_distribution, measure.density).

Run from anywhere: /usr/bin/python3 make_spatial_references.py
Reads the label images made by make_references.py (pores_labels.npy: 3D, blobs_labels.npy: 2D), takes the object
centroids from scikit-image regionprops and writes, with numpy only (all pairs by broadcasting):
  pores_rdf.csv   g(r) at voxel size (x, y, z) = (0.5, 0.7, 1.2), r_max = 15, 10 bins
  blobs_rdf.csv   g(r) of the 2D blobs at 1 px, r_max = 60, 12 bins
  pores_density.csv, blobs_density.csv   objects per cell of 16 (pores) and 50 (blobs) voxels, and the density
Estimator (Ohser's translation correction for a box window W of sides n_i s_i):
  g(bin) = |W|^2 / (n (n - 1)) * sum_{i != j, |x_i - x_j| in bin} 1 / prod_i (L_i - |dx_i|) / shell volume
"""
import csv
import os

import numpy as np
from skimage import measure

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, columns, rows):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(columns)
        for r in rows:
            w.writerow([repr(float(v)) for v in r])


def centroids(labels):
    """Centroids in voxel units, axes reversed to (x, y(, z))."""
    return np.array([p.centroid[::-1] for p in measure.regionprops(labels)])


def rdf(points, sides, r_max, bins):
    n = len(points)
    d = points[:, None, :] - points[None, :, :]
    r = np.sqrt((d ** 2).sum(axis=2))
    overlap = np.prod(sides - np.abs(d), axis=2)
    i, j = np.nonzero((r < r_max) & ~np.eye(n, dtype=bool))
    edges = np.linspace(0, r_max, bins + 1)
    which = np.minimum((r[i, j] / r_max * bins).astype(int), bins - 1)
    weight = np.bincount(which, weights=1 / overlap[i, j], minlength=bins)
    ordered = np.bincount(which, minlength=bins)
    window = np.prod(sides)
    if len(sides) == 3:
        shell = 4 / 3 * np.pi * (edges[1:] ** 3 - edges[:-1] ** 3)
    else:
        shell = np.pi * (edges[1:] ** 2 - edges[:-1] ** 2)
    g = window ** 2 / (n * (n - 1)) * weight / shell
    return [(edges[b], edges[b + 1], ordered[b] / 2, g[b]) for b in range(bins)]


def density(points_voxels, shape_xyz, spacing, cell):
    cells = [-(-s // cell) for s in shape_xyz]
    idx = [np.minimum(np.floor((points_voxels[:, a] + 0.5) / cell).astype(int), cells[a] - 1)
           for a in range(len(shape_xyz))]
    counts = np.zeros(cells[::-1])
    np.add.at(counts, tuple(idx[::-1]), 1)
    rows = []
    for k in np.ndindex(*cells[::-1]):
        c = k[::-1]
        volume = np.prod([(min(shape_xyz[a], (c[a] + 1) * cell) - c[a] * cell) * spacing[a]
                          for a in range(len(c))])
        rows.append(list(c) + [counts[k], volume, counts[k] / volume])
    return rows


def main():
    pores = np.load(os.path.join(HERE, "pores_labels.npy"))
    spacing = np.array([0.5, 0.7, 1.2])
    p = centroids(pores)
    shape = pores.shape[::-1]
    write("pores_rdf.csv", ["r_min", "r_max", "pairs", "g"], rdf(p * spacing, np.array(shape) * spacing, 15, 10))
    write("pores_density.csv", ["cell_x", "cell_y", "cell_z", "objects", "volume", "density"],
          density(p, shape, spacing, 16))
    blobs = np.load(os.path.join(HERE, "blobs_labels.npy"))
    b = centroids(blobs)
    shape = blobs.shape[::-1]
    write("blobs_rdf.csv", ["r_min", "r_max", "pairs", "g"], rdf(b, np.array(shape, float), 60, 12))
    write("blobs_density.csv", ["cell_x", "cell_y", "objects", "volume", "density"],
          density(b, shape, [1.0, 1.0], 50))
    print(len(p), "pores,", len(b), "blobs")


if __name__ == "__main__":
    main()
