#!/usr/bin/python3
"""References for the neutron operators (tests of org.qbi.lab.neutron.ops), from numpy 1.24 / scipy 1.10.

Inputs are cut from the real neutron image npy/shellN.npy of ../shared/data (a neutron tomography slice of a snail
shell, uint16, QBI course 2019, Apache-2.0) and stored here small, so the tests need no shared data. Arrays are
(z, y, x) numpy order, which QBI's NumPy reader opens as x, y, z. Run: /usr/bin/python3 make_references.py
[path/to/shellN.npy]
"""
import os
import sys

import numpy as np
from scipy import ndimage as ndi
from skimage.transform import radon

HERE = os.path.dirname(os.path.abspath(__file__))
SHELL = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, *[".."] * 6, "shared", "data", "npy", "shellN.npy")


def save(name, array):
    np.save(os.path.join(HERE, name), array)


shell = np.load(SHELL)
crop = shell[200:264, 250:346].astype(np.float64)          # 64 rows x 96 columns of the real image

# --- normalize: projections made from the real image as transmission, with doses; 2D dark and open beam
rng = np.random.default_rng(7)
ny, nx = crop.shape
yy, xx = np.mgrid[:ny, :nx]
dark = (200 + (xx + 2 * yy) % 7).astype(np.uint16)
open_beam = (dark + 30000 * (1 - 0.1 * ((xx - nx / 2) / nx) ** 2)).astype(np.uint16)
dose = np.array([1.0, 0.95, 1.07, 0.9, 1.02])
transmission = np.exp(-crop / crop.max() * 1.5)
transmission[:, :8] = 1.0                                   # open-beam reference columns 0..7
projections = np.stack([np.rint(dark + d * (open_beam.astype(float) - dark) * np.roll(transmission, 3 * k, axis=1)
                                + rng.normal(0, 20, crop.shape)) for k, d in enumerate(dose)])
projections[:, :, :8] = np.rint(dark[:, :8] + dose[:, None, None] * (open_beam.astype(float) - dark)[None, :, :8]
                                + rng.normal(0, 20, (5, ny, 8)))
projections = np.clip(projections, 0, 65535).astype(np.uint16)
open_beam[5, 40] = dark[5, 40]                              # a dead pixel: open - dark = 0 -> invalid
save("norm_projections.npy", projections)
save("norm_dark.npy", dark[None])
save("norm_open.npy", open_beam[None])
I, D, O = projections.astype(np.float64), dark.astype(np.float64), open_beam.astype(np.float64)
den = O - D
plain = np.where(den > 0, (I - D) / np.where(den > 0, den, 1), -1.0)
save("norm_plain.npy", plain.astype(np.float32))           # no region; invalid = -1
region = (slice(4, 60), slice(1, 7))                        # y 4..59, x 1..6: region_x=1 region_y=4 width 6 height 56
d_i = (I[:, region[0], region[1]] - D[region]).mean(axis=(1, 2))
d_open = (O[region] - D[region]).mean()
factor = d_open / d_i
np.savetxt(os.path.join(HERE, "norm_dose_table.csv"), np.column_stack([d_i, np.full(5, d_open), factor]),
           delimiter=",", header="dose,open_dose,factor", comments="", fmt="%.10g")
dosed = np.where(den > 0, (I - D) / np.where(den > 0, den, 1) * factor[:, None, None], 0.0)
save("norm_dose.npy", dosed.astype(np.float32))

# --- clean_spots: the real slice with white spots (single pixels and a 2-pixel cluster) and a dead pixel
spots = crop.astype(np.float32).copy()
for (y, x) in [(10, 10), (0, 5), (30, 95), (63, 0), (45, 50), (45, 51)]:
    spots[y, x] += 5000
spots[20, 20] -= 3000
stack = np.stack([spots, np.roll(spots, 7, axis=1), crop.astype(np.float32)])
save("spots_input.npy", stack)
med3 = ndi.median_filter(stack, size=(1, 3, 3), mode="reflect")
save("spots_bright_3_t1000.npy", np.where(stack - med3 > 1000, med3, stack).astype(np.float32))
save("spots_both_3_t1000.npy", np.where(np.abs(stack - med3) > 1000, med3, stack).astype(np.float32))
med5 = ndi.median_filter(stack, size=(1, 5, 5), mode="reflect")
save("spots_dark_5_t1000.npy", np.where(med5 - stack > 1000, med5, stack).astype(np.float32))
# the real image alone, threshold at its noise level: many pixels replaced
real = crop.astype(np.float32)[None]
medr = ndi.median_filter(real, size=(1, 3, 3), mode="reflect")
save("spots_real_input.npy", real)
save("spots_real_both_3_t150.npy", np.where(np.abs(real - medr) > 150, medr, real).astype(np.float32))


# --- ring_removal: sinograms of the real slice with stripes from detector columns with a gain error
def remove_stripe_based_sorting(sinogram, size):
    """Vo et al. 2018, algorithm 3 (sarepy), with a stable sort."""
    sino = np.transpose(sinogram)
    nrow, ncol = sino.shape
    index = np.argsort(sino, axis=1, kind="stable")
    sorted_values = np.take_along_axis(sino, index, axis=1)
    filtered = ndi.median_filter(sorted_values, (size, 1), mode="reflect")
    back = np.empty_like(filtered)
    np.put_along_axis(back, index, filtered, axis=1)
    return np.transpose(back)


small = ndi.zoom(shell.astype(np.float64), 0.12, order=1)                          # 72 x 78
small = np.pad(small, ((0, 0), (0, 0)))[:, :72]
yyc, xxc = np.mgrid[:72, :72] - 35.5
small[xxc ** 2 + yyc ** 2 > 35 ** 2] = 0
theta = np.linspace(0, 180, 40, endpoint=False)
sino = radon(small, theta=theta, circle=True).T / 1000.0                             # 40 angles x 72 columns
gain = np.ones(72)
gain[[10, 30, 31, 50]] = [1.05, 0.95, 0.97, 1.08]
striped = (sino * gain[None, :]).astype(np.float32)
save("rings_sinogram.npy", striped)
save("rings_sinogram_11.npy", remove_stripe_based_sorting(striped, 11).astype(np.float32))
# a stack of projections (angle, row, column) whose rows are three sinograms
stack = np.stack([striped, np.roll(striped, 5, axis=1), striped[::-1]], axis=1)      # 40 x 3 x 72
save("rings_stack.npy", stack)
save("rings_stack_5.npy", np.stack([remove_stripe_based_sorting(stack[:, r, :], 5) for r in range(3)],
                                   axis=1).astype(np.float32))

# --- attenuation and thickness: analytic values and the real transmission
t = np.array([[1.0, 0.5, np.exp(-2.0), 1e-6, 0.0, -0.2, 1.2, np.nan]], dtype=np.float32)[None]
save("analytic_transmission.npy", t)
save("analytic_attenuation.npy", (-np.log(np.maximum(t.astype(np.float64), 1e-4))).astype(np.float32))
save("analytic_thickness_mu2.5_floor1e-3.npy", (-np.log(np.maximum(t.astype(np.float64), 1e-3)) / 2.5).astype(np.float32))
real_t = plain.astype(np.float32)
save("real_attenuation.npy", (-np.log(np.maximum(real_t.astype(np.float64), 1e-4))).astype(np.float32))
print("references written to", HERE)
