#!/usr/bin/python3
"""References for the example lab's tests, computed independently with numpy / scipy (Debian python3-scipy).

Run from this folder: /usr/bin/python3 make_references.py
Inputs: a 64 x 48 crop of ImageJ's blobs sample (../shared/data/tiff/8bit/blobs.tif, BSD-3) and a small
deterministic 3D volume; outputs are .npy arrays and CSV tables the tests compare against.
"""
import os
import numpy as np
import scipy.ndimage as ndi
import scipy.stats as st
import tifffile

here = os.path.dirname(os.path.abspath(__file__))
shared = os.path.join(here, '..', '..', '..', '..', '..', 'shared', 'data')


def local_contrast(v, r, eps):
    """(I - local mean) / (local population sd + eps) over a (2r+1)^d box, mode reflect (float64)."""
    v = v.astype(np.float64)
    size = 2 * r + 1
    m = ndi.uniform_filter(v, size, mode='reflect')
    m2 = ndi.uniform_filter(v * v, size, mode='reflect')
    sd = np.sqrt(np.maximum(m2 - m * m, 0))
    return ((v - m) / (sd + eps)).astype(np.float32)


# A crop of blobs as the reader's input (a matrix CSV with a pixel size comment) and the operator's 2D case.
blobs = tifffile.imread(os.path.join(shared, 'tiff', '8bit', 'blobs.tif'))[100:148, 60:124]
with open(os.path.join(here, 'blobs_crop.matrix.csv'), 'w') as f:
    f.write('# instrument: ImageJ blobs sample, crop [100:148, 60:124]\n')
    f.write('# pixel size: 0.25 um\n')
    np.savetxt(f, blobs, fmt='%d', delimiter=',')
np.save(os.path.join(here, 'blobs_contrast_r2.npy'), local_contrast(blobs, 2, 1e-3))

# 3D: deterministic noise plus a gradient (uneven illumination), 20 x 24 x 8 (z, y, x order in numpy: 8, 24, 20).
rng = np.random.default_rng(20261121)
z, y, x = np.mgrid[0:8, 0:24, 0:20]
volume = (100 + 5 * x + 2 * z + rng.normal(0, 10, size=x.shape)).astype(np.float32)
np.save(os.path.join(here, 'volume.npy'), volume)
np.save(os.path.join(here, 'volume_contrast_r1.npy'), local_contrast(volume, 1, 1e-3))
# Per-slice mean and population sd (numpy's default ddof=0), as SliceStatistics computes them.
np.savetxt(os.path.join(here, 'volume_slices.csv'),
           np.column_stack([volume.reshape(8, -1).mean(axis=1, dtype=np.float64),
                            volume.reshape(8, -1).std(axis=1, dtype=np.float64)]),
           delimiter=',', header='mean,sd', comments='', fmt='%.17g')

# MAD per group: scipy.stats.median_abs_deviation, raw and scale='normal'.
groups = {'control': [12.1, 11.8, 12.6, 30.0, 12.2, 11.9, 12.4],
          'treated': [14.2, 15.1, 13.9, 14.8, 2.0, 14.4]}
with open(os.path.join(here, 'mad.csv'), 'w') as f:
    f.write('group,value,median,mad,mad_normal\n')
    for name, values in groups.items():
        a = np.array(values)
        for v in values:
            f.write('%s,%r,%r,%r,%r\n' % (name, v, float(np.median(a)), float(st.median_abs_deviation(a)),
                                          float(st.median_abs_deviation(a, scale='normal'))))
print('written')
