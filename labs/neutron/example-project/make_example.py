#!/usr/bin/python3
"""Makes the neutron lab's example data: a small FITS projection stack with its open-beam and dark frames.

The object is the real neutron image npy/shellN.npy of ../shared/data (a tomographic slice of a snail shell, QBI
course 2019, Apache-2.0; see LICENSES/): its grey values, scaled to an attenuation coefficient, make a 3D shell
whose cross-section narrows with height (each detector row sees the slice zoomed by a factor). Parallel-beam
projections over 0-180 degrees (skimage.transform.radon, line integrals in cm) give the transmission T; the
detector counts are

    projection_i = dark + dose_i * open_profile * T * column_gain + Poisson noise (+ white spots)

with dose_i fluctuating by a few percent between projections (the source's intensity), a column gain error of a
few detector columns (which makes stripes in the sinograms: rings after reconstruction), and gamma "white spots".
The open beam and the dark frame are single 2D frames. Files are FITS (written by hand below: FITS is 2880-byte
blocks of 80-character header cards, then big-endian data), uint16 as BITPIX 16 with BZERO 32768.

Run: /usr/bin/python3 make_example.py [path/to/shellN.npy]  (default: ../../../../shared/data/npy/shellN.npy)
Deterministic (seeded); writes raw/neutron/*.fits and raw/neutron/truth.json (the simulated doses).
"""
import json
import os
import sys

import numpy as np
from scipy import ndimage as ndi
from skimage.transform import radon

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "..", "..", "shared", "data", "npy", "shellN.npy")

ANGLES = 24           # projections over 180 degrees
ROWS = 64             # detector rows (y)
SIZE = 160            # reconstruction grid and detector columns (x)
PIXEL_MM = 0.1        # detector pixel size
MU_MAX_PER_CM = 2.5   # attenuation coefficient of the brightest shell voxel
OPEN_COUNTS = 20000.0
DARK_COUNTS = 300.0
REFERENCE = (2, 0, 12, ROWS)   # x, y, width, height of the open (sample-free) reference region


def card(key, value, comment=None):
    if isinstance(value, bool):
        v = "%20s" % ("T" if value else "F")
    elif isinstance(value, str):
        v = "%-20s" % ("'%-8s'" % value.replace("'", "''"))
    elif isinstance(value, (int, np.integer)):
        v = "%20d" % value
    else:
        v = "%20s" % repr(float(value)).upper()
    text = "%-8s= %s" % (key, v)
    if comment:
        text += " / " + comment
    return "%-80s" % text[:80]


def write_fits(path, data, extra):
    """data: uint16 array in numpy order (z, y, x) or (y, x); written as BITPIX 16 with BZERO 32768."""
    data = np.asarray(data, dtype=np.uint16)
    cards = [card("SIMPLE", True, "conforms to FITS standard"), card("BITPIX", 16), card("NAXIS", data.ndim)]
    for i, n in enumerate(reversed(data.shape)):
        cards.append(card("NAXIS%d" % (i + 1), int(n)))
    cards += [card("BSCALE", 1.0), card("BZERO", 32768.0, "uint16 values")]
    cards += [card("CTYPE1", "X"), card("CUNIT1", "mm"), card("CDELT1", PIXEL_MM), card("CRPIX1", 1.0), card("CRVAL1", 0.0)]
    cards += [card("CTYPE2", "Y"), card("CUNIT2", "mm"), card("CDELT2", PIXEL_MM), card("CRPIX2", 1.0), card("CRVAL2", 0.0)]
    for key, value, comment in extra:
        cards.append(card(key, value, comment))
    cards.append("%-80s" % "END")
    header = "".join(cards).encode("ascii")
    header += b" " * (-len(header) % 2880)
    stored = (data.astype(np.int32) - 32768).astype(">i2").tobytes()
    stored += b"\0" * (-len(stored) % 2880)
    with open(path, "wb") as f:
        f.write(header + stored)


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else SHARED
    shell = np.load(source).astype(np.float64)
    rng = np.random.default_rng(20261121)

    # The slice, scaled into the grid (leaving room for the open reference columns), as mu in 1/cm.
    zoom = 130.0 / max(shell.shape)
    small = ndi.zoom(shell, zoom, order=1)
    small = np.clip(small - np.percentile(small, 50), 0, None)
    mu = np.zeros((SIZE, SIZE))
    y0 = (SIZE - small.shape[0]) // 2
    x0 = (SIZE - small.shape[1]) // 2
    mu[y0:y0 + small.shape[0], x0:x0 + small.shape[1]] = small / small.max() * MU_MAX_PER_CM
    yy, xx = np.mgrid[:SIZE, :SIZE] - (SIZE - 1) / 2
    mu[xx ** 2 + yy ** 2 > (SIZE / 2 - 1) ** 2] = 0   # radon(circle=True) needs zeros outside the circle

    theta = np.arange(ANGLES) * 180.0 / ANGLES
    # line integrals (cm) per row: the slice zoomed by a factor that narrows the shell towards its top
    path = np.zeros((ANGLES, ROWS, SIZE))
    for row in range(ROWS):
        factor = 1.0 - 0.35 * (row / (ROWS - 1)) ** 2
        shrunk = ndi.affine_transform(mu, np.eye(2) / factor, offset=(SIZE - 1) / 2 * (1 - 1 / factor), order=1)
        path[:, row, :] = radon(shrunk, theta=theta, circle=True).T * PIXEL_MM / 10.0
    transmission = np.exp(-path)

    # detector: a smooth open-beam profile, an offset, doses that fluctuate, a few columns with a gain error
    yyd, xxd = np.mgrid[:ROWS, :SIZE]
    profile = 1.0 - 0.15 * (((xxd - SIZE / 2) / SIZE) ** 2 + ((yyd - ROWS / 2) / ROWS) ** 2)
    dark = DARK_COUNTS + rng.normal(0, 3, (ROWS, SIZE))
    open_beam = dark + OPEN_COUNTS * profile
    dose = 1.0 + 0.05 * rng.standard_normal(ANGLES)
    gain = np.ones(SIZE)
    for column, g in ((45, 1.04), (71, 0.96), (102, 1.05), (118, 0.97)):
        gain[column] = g
    counts = dark[None] + dose[:, None, None] * OPEN_COUNTS * profile[None] * transmission * gain[None, None, :]
    counts = rng.poisson(counts).astype(np.float64)
    spots = rng.random(counts.shape) < 0.001
    counts[spots] = rng.uniform(40000, 60000, spots.sum())
    open_frame = rng.poisson(open_beam).astype(np.float64)

    out = os.path.join(HERE, "raw", "neutron")
    os.makedirs(out, exist_ok=True)
    common = [("INSTRUME", "SIMULATED", "example: made by make_example.py"), ("OBJECT", "snail shell", None),
              ("EXPTIME", 20.0, "exposure time (s)")]
    write_fits(os.path.join(out, "shell_projections.fits"), np.clip(np.rint(counts), 0, 65535),
               common + [("CTYPE3", "ANGLE", "projection angle"), ("CUNIT3", "deg", None),
                         ("CDELT3", 180.0 / ANGLES, None), ("CRPIX3", 1.0, None), ("CRVAL3", 0.0, None),
                         ("IMAGETYP", "PROJECTION", None)])
    write_fits(os.path.join(out, "open_beam.fits"), np.clip(np.rint(open_frame), 0, 65535),
               common + [("IMAGETYP", "OPEN BEAM", None)])
    write_fits(os.path.join(out, "dark.fits"), np.clip(np.rint(dark), 0, 65535),
               common + [("IMAGETYP", "DARK", "shutter closed")])
    with open(os.path.join(out, "truth.json"), "w") as f:
        json.dump({"dose": [round(float(d), 6) for d in dose], "white_spots": int(spots.sum()),
                   "reference_region": {"x": REFERENCE[0], "y": REFERENCE[1], "width": REFERENCE[2],
                                        "height": REFERENCE[3]},
                   "pixel_mm": PIXEL_MM, "angles_deg": [float(t) for t in theta]}, f, indent=1)
    print("wrote", out, "projections", counts.shape, "white spots", int(spots.sum()))


if __name__ == "__main__":
    main()
