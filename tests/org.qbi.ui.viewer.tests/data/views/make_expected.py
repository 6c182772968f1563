"""Reference values for the viewer's orthogonal-view, projection, composite and overlay tests.

Computed from the shared real data (../shared/data) with tifffile and numpy, independently of QBI's readers.
Run with the Debian python3 (numpy 1.24, tifffile 2023.2.3) from this folder:
    /usr/bin/python3 make_expected.py /work/shared/data
Each output is a text file: a first line "width height", then the values row by row (width per line).
"""
import sys

import numpy as np
import tifffile

data = sys.argv[1] if len(sys.argv) > 1 else "../../../../../shared/data"


def save(name, plane):
    plane = np.asarray(plane, dtype=np.float64)
    with open(name, "w") as f:
        f.write(f"{plane.shape[1]} {plane.shape[0]}\n")
        for row in plane:
            f.write(" ".join(repr(float(v)) for v in row) + "\n")


head = tifffile.imread(f"{data}/tiff/3d/mini-t1-head.tif")  # (z, y, x) uint16, 32^3
save("head-coronal-y20.txt", head[:, 20, :])          # rows z, columns x
save("head-sagittal-x10.txt", head[:, :, 10])         # rows z, columns y
save("head-max-z.txt", head.max(axis=0))              # rows y, columns x
save("head-mean-y.txt", head.astype(np.float64).mean(axis=1))  # rows z, columns x
save("head-min-x.txt", head.min(axis=2))              # rows z, columns y

# Three channels of the cell-painting hyperstack at 40 fixed pixels: "x y c0 c1 c2" (stored values).
cells = tifffile.imread(f"{data}/tiff/multichannel/BBBC022_IXMtest_A02_s9.tif")  # (c, y, x)
rng = np.random.default_rng(4)
with open("cells-pixels.txt", "w") as f:
    for x, y in zip(rng.integers(0, cells.shape[2], 40), rng.integers(0, cells.shape[1], 40)):
        f.write(f"{x} {y} {cells[0, y, x]} {cells[1, y, x]} {cells[2, y, x]}\n")

# The lung mask: how many pixels are labelled (non-zero), and how many lie on a label's border
# (4-neighbour with another value, or on the image edge).
# tifffile needs imagecodecs for LZW (not in bookworm): Pillow 9.4 decodes it, as truth.json does
from PIL import Image

mask = np.asarray(Image.open(f"{data}/tiff/8bit/lung_CT_41_40_mask_lzw.tif"))
on = mask != 0
padded = np.pad(mask, 1, mode="constant", constant_values=-1 if mask.dtype.kind == "i" else 0).astype(np.int64)
padded[0, :] = padded[-1, :] = padded[:, 0] = padded[:, -1] = -1
centre = padded[1:-1, 1:-1]
border = on & ((padded[:-2, 1:-1] != centre) | (padded[2:, 1:-1] != centre)
               | (padded[1:-1, :-2] != centre) | (padded[1:-1, 2:] != centre))
with open("lung-mask-counts.txt", "w") as f:
    f.write(f"{int(on.sum())} {int(border.sum())} {' '.join(str(int(v)) for v in np.unique(mask))}\n")

# ROI statistics on the 4D fMRI volume (nibabel 5.0.0; no scaling; 2 x 2 x 2.2 mm voxels), plane z 12 at t 1: the
# rectangle x 30..69, y 40..79 (pixel centres inside [30, 70) x [40, 80)) and the ellipse inscribed in the box
# (20, 20)-(100, 80). NIfTI arrays are indexed [x, y, z, t], as QBI's x and y.
import nibabel

fmri = nibabel.load(f"{data}/nifti/example4d.nii.gz")
plane = np.asarray(fmri.dataobj[:, :, 12, 1], dtype=np.float64).T  # rows y, columns x
yy, xx = np.mgrid[0:plane.shape[0], 0:plane.shape[1]] + 0.5
rect = (xx >= 30) & (xx < 70) & (yy >= 40) & (yy < 80)
ell = ((xx - 60) / 40) ** 2 + ((yy - 50) / 30) ** 2 <= 1
spacing = [float(v) for v in fmri.header.get_zooms()[:2]]
with open("fmri-roi-stats.txt", "w") as f:
    for name, m in (("rectangle", rect), ("ellipse", ell)):
        v = plane[m]
        f.write(f"{name} {v.size} {v.mean()!r} {v.std(ddof=1)!r} {v.min()!r} {v.max()!r} "
                f"{v.size * spacing[0] * spacing[1]!r}\n")
    # the profile along row y = 64 (pixel centres 64.5) from x = 10.5 to x = 110.5: 101 samples, nearest pixel
    f.write("profile " + " ".join(repr(float(v)) for v in plane[64, 10:111]) + "\n")

# The mean projection along y of the binarised bone micro-CT stack (600 pages of 250 x 350 uint8; 127 bone):
# "x z value" at 30 fixed points of the (z, x) plane, and the mean of the whole projection.
bone = tifffile.imread(f"{data}/tiff/3d/bone_7H3A_B1.tif")  # (z, y, x)
mean_y = bone.astype(np.float64).mean(axis=1)  # rows z, columns x
rng = np.random.default_rng(7)
with open("bone-mean-y.txt", "w") as f:
    f.write(f"mean {mean_y.mean()!r}\n")
    for x, z in zip(rng.integers(0, mean_y.shape[1], 30), rng.integers(0, mean_y.shape[0], 30)):
        f.write(f"{x} {z} {mean_y[z, x]!r}\n")

# Curves along t of the small diffusion volume (10 x 10 x 10 x 65 int16, nibabel): at voxel (6, 4, 5), and the
# mean over the rectangle x 2..7, y 3..8 (pixel centres inside [2, 8) x [3, 9)) of plane z 5.
dwi = np.asarray(nibabel.load(f"{data}/nifti/dipy_small_64D.nii").dataobj, dtype=np.float64)  # [x, y, z, t]
with open("dwi-curves.txt", "w") as f:
    f.write(" ".join(repr(float(v)) for v in dwi[6, 4, 5, :]) + "\n")
    f.write(" ".join(repr(float(v)) for v in dwi[2:8, 3:9, 5, :].mean(axis=(0, 1))) + "\n")
