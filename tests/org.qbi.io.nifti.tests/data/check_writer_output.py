#!/usr/bin/python3
"""Reads the NIfTI files QBI's writer made (NiftiInteropOutputTest, in target/interop/nifti) with nibabel and
compares them with what QBI meant (expected.json there): stored values (sha256 in QBI's order: x fastest, then
y, z, c = NIfTI dim 5, t = dim 4; samples together), datatype, affine, zooms, units, scl_slope/scl_inter.

Run after the tests:  /usr/bin/python3 data/check_writer_output.py target/interop/nifti
(Debian python3, nibabel 5.0.0, numpy 1.24.2). Prints one line per file and exits 1 on any difference.
"""
import hashlib
import json
import sys
from pathlib import Path

import nibabel as nib
import numpy as np

folder = Path(sys.argv[1] if len(sys.argv) > 1 else "target/interop/nifti")
expected = json.loads((folder / "expected.json").read_text())
UNITS = {"mm": "mm", "um": "micron", "m": "meter", "s": "sec", "ms": "msec", "us": "usec", "pixel": "unknown"}
failures = 0
for name, e in expected.items():
    img = nib.load(str(folder / name))
    problems = []
    stored = np.asanyarray(img.dataobj.get_unscaled())
    a = stored
    while a.ndim < 5:
        a = a[..., np.newaxis]
    a = a.transpose(0, 1, 2, 4, 3)  # x, y, z, c, t
    if a.dtype.names:  # RGB24
        raw = np.stack([a[f] for f in a.dtype.names], axis=-1).transpose(5, 0, 1, 2, 3, 4) \
            .reshape(len(a.dtype.names), -1, order="F").T
    else:
        raw = a.astype(a.dtype.newbyteorder("<")).ravel(order="F")
    if hashlib.sha256(np.ascontiguousarray(raw).tobytes()).hexdigest() != e["sha256"]:
        problems.append("values differ")
    if list(a.shape) != e["sizes"]:
        problems.append(f"shape {a.shape} != {e['sizes']}")
    if not np.allclose(img.affine, e["affine"], atol=1e-4):
        problems.append(f"affine\n{img.affine}\n!= {np.array(e['affine'])}")
    zooms = img.header.get_zooms()
    if not np.allclose(zooms[:3], e["spacing"], rtol=1e-6):
        problems.append(f"zooms {zooms} != {e['spacing']}")
    space, time = img.header.get_xyzt_units()
    if space != UNITS[e["units"][0]] or (e["units"][1] != "pixel" and time != UNITS[e["units"][1]]):
        problems.append(f"units {space}, {time} != {e['units']}")
    if len(zooms) > 3 and e["units"][1] != "pixel" and not np.isclose(zooms[3], e["t_spacing"]):
        problems.append(f"t zoom {zooms[3]} != {e['t_spacing']}")
    slope, inter = img.dataobj.slope, img.dataobj.inter
    if not (np.isclose(slope, e["slope"]) and np.isclose(inter, e["inter"])):
        problems.append(f"scaling {slope}, {inter} != {e['slope']}, {e['inter']}")
    print(f"{name:34s} {str(img.shape):22s} {img.get_data_dtype()!s:12s} "
          f"q/s codes {int(img.header['qform_code'])}/{int(img.header['sform_code'])}  "
          + ("OK" if not problems else "DIFFERS: " + "; ".join(problems)))
    failures += bool(problems)
sys.exit(1 if failures else 0)
