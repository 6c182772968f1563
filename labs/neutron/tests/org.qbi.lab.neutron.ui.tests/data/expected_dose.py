#!/usr/bin/python3
"""Expected values of the Neutron Dose view test: the mean of the reference region x 2..13, y 0..63 in each
projection of the example stack (../../../example-project/raw/neutron/shell_projections.fits, made by
make_example.py), in physical values (stored int16 + BZERO 32768), computed with numpy 1.24 in float64.
FITS is read by hand (fixed 2880-byte header blocks, big-endian data). Writes expected_dose.csv.
"""
import os
import re

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FITS = os.path.join(HERE, "..", "..", "..", "example-project", "raw", "neutron", "shell_projections.fits")

raw = open(FITS, "rb").read()
header_end = 0
while True:
    block = raw[header_end:header_end + 2880].decode("ascii")
    header_end += 2880
    if re.search(r"(^|.{80})*END {77}", block) or "END" + " " * 77 in block:
        break
header = raw[:header_end].decode("ascii")
cards = {header[i:i + 8].strip(): header[i + 10:i + 80].split("/")[0].strip() for i in range(0, len(header), 80)}
shape = [int(cards["NAXIS%d" % i]) for i in range(int(cards["NAXIS"]), 0, -1)]
count = int(np.prod(shape))
stored = np.frombuffer(raw[header_end:header_end + 2 * count], dtype=">i2").reshape(shape)
values = stored.astype(np.float64) * float(cards.get("BSCALE", 1)) + float(cards.get("BZERO", 0))
dose = values[:, 0:64, 2:14].mean(axis=(1, 2))
np.savetxt(os.path.join(HERE, "expected_dose.csv"), dose, fmt="%.10f", header="dose", comments="")
print(len(dose), "projections; dose", dose.min(), "..", dose.max())
