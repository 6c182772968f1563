#!/usr/bin/python3
"""Expected results of the example pipeline (labs/neutron/example-project/pipelines/neutron.yaml) computed with
numpy 1.24 / scipy 1.10 from the example FITS files: normalize with dose correction (region x 2..13, every row),
clean bright spots (3x3 median, threshold 0.3), attenuation -ln(max(T, 1e-4)), Vo's sorting stripe filter (size 11,
per detector row). Writes pipeline_expected.csv: per projection the dose, the open-beam dose, the factor, and the
mean and standard deviation of the output; and pipeline_pixels.csv: 40 pixels (x, y, z, value) of the output.
"""
import os
import re

import numpy as np
from scipy import ndimage as ndi

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = os.path.join(HERE, "..", "..", "..", "example-project", "raw", "neutron")


def read_fits(name):
    raw = open(os.path.join(RAW, name), "rb").read()
    end = 0
    while True:
        block = raw[end:end + 2880].decode("ascii")
        end += 2880
        if any(block[i:i + 80].startswith("END ") for i in range(0, 2880, 80)):
            break
    h = raw[:end].decode("ascii")
    cards = {h[i:i + 8].strip(): h[i + 10:i + 80].split("/")[0].strip() for i in range(0, len(h), 80)}
    shape = [int(cards["NAXIS%d" % i]) for i in range(int(cards["NAXIS"]), 0, -1)]
    data = np.frombuffer(raw[end:end + 2 * int(np.prod(shape))], dtype=">i2").reshape(shape)
    return (data.astype(np.float64) * float(cards["BSCALE"]) + float(cards["BZERO"])).astype(np.float32)


def sorting_filter(sinogram, size):
    sino = np.transpose(sinogram)
    index = np.argsort(sino, axis=1, kind="stable")
    values = np.take_along_axis(sino, index, axis=1)
    filtered = ndi.median_filter(values, (size, 1), mode="reflect")
    back = np.empty_like(filtered)
    np.put_along_axis(back, index, filtered, axis=1)
    return np.transpose(back)


I = read_fits("shell_projections.fits").astype(np.float64)
D = read_fits("dark.fits").astype(np.float64)
O = read_fits("open_beam.fits").astype(np.float64)
region = (slice(0, 64), slice(2, 14))
dose = I[:, region[0], region[1]].mean(axis=(1, 2)) - D[region].mean()
open_dose = O[region].mean() - D[region].mean()
factor = open_dose / dose
den = O - D
T = np.where(den > 0, (I - D) / np.where(den > 0, den, 1) * factor[:, None, None], 0.0).astype(np.float32)
med = ndi.median_filter(T, size=(1, 3, 3), mode="reflect")
cleaned = np.where(T.astype(np.float64) - med > 0.3, med, T)
A = (-np.log(np.maximum(cleaned.astype(np.float64), 1e-4))).astype(np.float32)
out = np.stack([sorting_filter(A[:, row, :], 11) for row in range(A.shape[1])], axis=1)
np.savetxt(os.path.join(HERE, "pipeline_expected.csv"),
           np.column_stack([dose, np.full(len(dose), open_dose), factor, out.mean(axis=(1, 2), dtype=np.float64),
                            out.std(axis=(1, 2), dtype=np.float64)]),
           delimiter=",", header="dose,open_dose,factor,mean,std", comments="", fmt="%.10g")
rng = np.random.default_rng(3)
z, y, x = rng.integers(0, out.shape[0], 40), rng.integers(0, out.shape[1], 40), rng.integers(0, out.shape[2], 40)
np.savetxt(os.path.join(HERE, "pipeline_pixels.csv"), np.column_stack([x, y, z, out[z, y, x]]), delimiter=",",
           header="x,y,z,value", comments="", fmt=["%d", "%d", "%d", "%.9g"])
print("spots replaced:", int((cleaned != T).sum()), "output", out.shape, "mean", out.mean())
