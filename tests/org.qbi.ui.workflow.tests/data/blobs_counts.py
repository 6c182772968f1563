"""Reference for PipelineRunTest: the nuclei of blobs.tif counted by scipy/scikit-image with the test pipeline's
steps (gaussian sigma 1 and sigma 2, reflect border, truncate 4; Otsu; 8-connected labels). Run:
/usr/bin/python3 blobs_counts.py ../../../../shared/data/tiff/8bit/blobs.tif > blobs_counts.txt"""
import sys

import numpy as np
import scipy
import skimage
from PIL import Image
from scipy import ndimage
from skimage.filters import threshold_otsu

print(f"# numpy {np.__version__}, scipy {scipy.__version__}, scikit-image {skimage.__version__}")
image = np.asarray(Image.open(sys.argv[1])).astype(np.float64)
for sigma in (1, 2):
    smooth = ndimage.gaussian_filter(image, sigma, mode="reflect", truncate=4.0)
    mask = smooth > threshold_otsu(smooth)
    labels, count = ndimage.label(mask, structure=np.ones((3, 3)))
    print(f"sigma={sigma} count={count}")
