#!/usr/bin/python3
"""Cuts the two bone samples of the example project out of the QBI course's cortical bone micro-CT.

Run from the example project folder with the shared data set beside the repository:
  cd example-project && /usr/bin/python3 ../make_bone_crops.py ../../../../shared/data/tiff/3d/bone_7H3A_B1.tif
The source is binarised (127 = bone, 0 = pores and lacunae), 600 x 250 x 350 voxels; the crops are 100 x 160 x 160
voxels from two regions of the same bone, written as Deflate-compressed ImageJ-style TIFF stacks.
"""
import sys

import tifffile

source = tifffile.imread(sys.argv[1])
crops = {"bone-a": source[0:100, 20:180, 40:200], "bone-b": source[400:500, 60:220, 150:310]}
for name, crop in crops.items():
    tifffile.imwrite("raw/micro-ct/" + name + ".tif", crop, imagej=True, metadata={"axes": "ZYX"}, compression="zlib")
    print(name, crop.shape, "porosity %.4f" % (crop == 0).mean())
