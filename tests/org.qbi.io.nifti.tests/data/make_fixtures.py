#!/usr/bin/python3
"""Writes the NIfTI fixtures of this folder with nibabel and their expected values (fixtures.json).

Run from this folder with Debian's python3 (nibabel 5.0.0, numpy 1.24.2):  /usr/bin/python3 make_fixtures.py
The arrays are small and deterministic (a seeded generator), so re-running gives the same files.

Expected values (what NiftiFixturesTest compares): shape in NIfTI order [x, y, z, t, c] with singleton axes
dropped as QBI does, QBI's pixel type, sha256 of the stored values (before scaling) little-endian in QBI's order
(samples interleaved, x fastest, then y, z, c, t; NIfTI's fifth dimension is QBI's c), pixdim, units, nibabel's
affine (RAS+), scl_slope/scl_inter.
"""
import hashlib
import json

import nibabel as nib
import numpy as np

rng = np.random.default_rng(20261121)
fixtures = {}


def qbi_order(stored):
    """Stored values as QBI orders them: x fastest, then y, z, c (NIfTI dim 5), t (NIfTI dim 4)."""
    a = stored
    while a.ndim < 5:
        a = a[..., np.newaxis]
    return a.transpose(0, 1, 2, 4, 3)


def record(name, img, qbi_type, samples=None):
    stored = np.asanyarray(img.dataobj.get_unscaled()) if hasattr(img.dataobj, "get_unscaled") else np.asanyarray(img.dataobj)
    if samples is not None:
        # structured RGB (R, G, B fields) -> bytes with the samples of a pixel together, then x fastest
        ordered = qbi_order(stored)
        values = np.stack([ordered[f] for f in samples], axis=-1)
        raw = values.transpose(5, 0, 1, 2, 3, 4).reshape(len(samples), -1, order="F").T
    else:
        ordered = qbi_order(stored)
        raw = ordered.astype(ordered.dtype.newbyteorder("<")).ravel(order="F")
    hdr = img.header
    fixtures[name] = {
        "sizes": list(ordered.shape),  # x, y, z, c, t
        "pixelType": qbi_type,
        "sha256": hashlib.sha256(np.ascontiguousarray(raw).tobytes()).hexdigest(),
        "pixdim": [float(v) for v in hdr["pixdim"]],
        "units": list(hdr.get_xyzt_units()),
        "affine": np.asarray(img.affine, dtype=float).round(6).tolist(),
        # nibabel moves scl_slope/scl_inter from the loaded header to the data proxy
        "scl_slope": float(img.dataobj.slope),
        "scl_inter": float(img.dataobj.inter),
        "qform_code": int(hdr["qform_code"]),
        "sform_code": int(hdr["sform_code"]),
    }


def oblique(spacing, origin, angle=0.3):
    c, s = np.cos(angle), np.sin(angle)
    rot = np.array([[1, 0, 0], [0, c, -s], [0, s, c]])
    affine = np.eye(4)
    affine[:3, :3] = rot @ np.diag(spacing)
    affine[:3, 3] = origin
    return affine


# 1. RGB24, 3-D, mm
rgb_dtype = np.dtype([("R", "u1"), ("G", "u1"), ("B", "u1")])
rgb = np.zeros((5, 4, 3), dtype=rgb_dtype)
for f in "RGB":
    rgb[f] = rng.integers(0, 256, size=(5, 4, 3), dtype=np.uint8)
img = nib.Nifti1Image(rgb, np.diag([0.5, 0.5, 2.0, 1.0]))
img.header.set_xyzt_units("mm")
nib.save(img, "nibabel_rgb24.nii")
record("nibabel_rgb24.nii", nib.load("nibabel_rgb24.nii"), "rgb8", samples="RGB")

# 2. Two-file NIfTI-1 (.hdr + .img), int8, oblique sform
data = rng.integers(-128, 128, size=(6, 5, 4), dtype=np.int8)
img = nib.Nifti1Pair(data, oblique([1.5, 1.5, 3.0], [10.0, -20.0, 30.0]))
img.header.set_xyzt_units("mm")
nib.save(img, "nibabel_pair_int8.hdr")
record("nibabel_pair_int8.hdr", nib.load("nibabel_pair_int8.hdr"), "int8")

# 3. NIfTI-2, float64, 4-D with time in ms
data = rng.normal(100, 20, size=(4, 3, 2, 5))
img = nib.Nifti2Image(data, np.diag([2.0, 2.0, 2.5, 1.0]))
img.header.set_xyzt_units("mm", "msec")
img.header["pixdim"][4] = 750
nib.save(img, "nibabel_nifti2_float64.nii")
record("nibabel_nifti2_float64.nii", nib.load("nibabel_nifti2_float64.nii"), "float64")

# 4. Big-endian uint16 with scaling, gzip
data = rng.integers(0, 4000, size=(7, 6, 3), dtype=np.uint16)
hdr = nib.Nifti1Header(endianness=">")
img = nib.Nifti1Image(data.astype(">u2"), oblique([0.8, 0.8, 1.2], [-5.0, 6.0, -7.0], 0.5), header=hdr)
img.header.set_data_dtype(">u2")
img.header.set_slope_inter(2.0, -10.0)
img.header.set_xyzt_units("mm")
nib.save(img, "nibabel_bigendian_uint16.nii.gz")
record("nibabel_bigendian_uint16.nii.gz", nib.load("nibabel_bigendian_uint16.nii.gz"), "uint16")

# 5. complex64
data = (rng.normal(size=(4, 4, 2)) + 1j * rng.normal(size=(4, 4, 2))).astype(np.complex64)
img = nib.Nifti1Image(data, np.diag([1.0, 1.0, 1.0, 1.0]))
nib.save(img, "nibabel_complex64.nii")
record("nibabel_complex64.nii", nib.load("nibabel_complex64.nii"), "complex64")

# 6. 5-D uint32: x, y, z, t = 2, and a fifth dimension of 3 (QBI's c)
data = rng.integers(0, 2**32, size=(3, 4, 2, 2, 3), dtype=np.uint32)
img = nib.Nifti1Image(data, np.diag([1.0, 1.0, 1.0, 1.0]))
img.header.set_xyzt_units("mm", "sec")
nib.save(img, "nibabel_uint32_5d.nii")
record("nibabel_uint32_5d.nii", nib.load("nibabel_uint32_5d.nii"), "uint32")

# 7. qform only (sform_code 0), a rotation with qfac -1, micrometres, int32
data = rng.integers(-100000, 100000, size=(5, 5, 3), dtype=np.int32)
affine = oblique([0.25, 0.25, 1.0], [1.0, 2.0, 3.0], -0.7) @ np.diag([1, 1, -1, 1])
img = nib.Nifti1Image(data, None)
img.set_qform(affine, code=1)
img.set_sform(None, code=0)
img.header.set_xyzt_units("micron")
nib.save(img, "nibabel_qform_only_int32.nii")
record("nibabel_qform_only_int32.nii", nib.load("nibabel_qform_only_int32.nii"), "int32")

with open("fixtures.json", "w") as out:
    json.dump(fixtures, out, indent=1, sort_keys=True)
    out.write("\n")
print("wrote", len(fixtures), "fixtures")
