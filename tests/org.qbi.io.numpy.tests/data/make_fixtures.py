#!/usr/bin/python3
"""Writes the NumPy and raw-volume fixtures of this folder and their expected values (fixtures.json).

Run from this folder with Debian's python3 (numpy 1.24.2):  /usr/bin/python3 make_fixtures.py
Arrays written here by numpy itself (np.save, np.lib.format.write_array with versions 1.0, 2.0 and 3.0,
np.savez, np.savez_compressed) are small and deterministic (a seeded generator). Three real files are copied
from Debian's python3-pywt 1.4.1 (pywt/data, MIT licence, PyWavelets developers): camera.npz (deflated,
512 x 512 uint8 photograph), sst_nino3.npz (stored, an 800 x 10 float64 array in Fortran order) and ecg.npy
(1-D float64).

Expected values: "sizes" x, y, z, c, t as QBI maps NumPy's axes ((y, x), (z, y, x), (t, z, y, x),
(t, c, z, y, x); a uint8 array of 3 or 4 dimensions ending in 3 or 4 is RGB/RGBA), "pixelType", and "sha256"
of the stored values little-endian in QBI's order (x fastest, samples of a pixel together), which for every
mapping is NumPy's C order of the array.
"""
import hashlib
import json
import shutil

import numpy as np

rng = np.random.default_rng(20261121)
fixtures = {}
QBI = {"uint8": "uint8", "int8": "int8", "uint16": "uint16", "int16": "int16", "uint32": "uint32",
       "int32": "int32", "float32": "float32", "float64": "float64", "complex64": "complex64", "bool": "uint8"}


def sizes_of(a, rgb):
    shape = list(a.shape[:-1] if rgb else a.shape)
    axes = {0: [], 1: ["x"], 2: ["y", "x"], 3: ["z", "y", "x"], 4: ["t", "z", "y", "x"],
            5: ["t", "c", "z", "y", "x"]}[len(shape)]
    named = dict(zip(axes, shape))
    return [named.get(k, 1) for k in "xyzct"]


def expect(name, a, entry=None):
    rgb = a.dtype == np.uint8 and a.ndim in (3, 4) and a.shape[-1] in (3, 4)
    qbi_type = ("rgb8" if a.shape[-1] == 3 else "rgba8") if rgb else QBI[a.dtype.name]
    c_order = np.ascontiguousarray(a.astype(a.dtype.newbyteorder("<")))
    key = name if entry is None else name + ":" + entry
    fixtures[key] = {"sizes": sizes_of(a, rgb), "pixelType": qbi_type,
                     "sha256": hashlib.sha256(c_order.tobytes()).hexdigest()}


def save(name, a, version=None):
    with open(name, "wb") as out:
        np.lib.format.write_array(out, a, version=version)
    expect(name, a)


save("uint16_2d.npy", rng.integers(0, 65536, size=(5, 7), dtype=np.uint16))
save("bigendian_float32_3d.npy", rng.normal(size=(3, 4, 6)).astype(">f4"))
save("rgb_uint8.npy", rng.integers(0, 256, size=(4, 6, 3), dtype=np.uint8))
save("rgba_volume_uint8.npy", rng.integers(0, 256, size=(2, 3, 5, 4), dtype=np.uint8))
save("complex64_2d.npy", (rng.normal(size=(3, 5)) + 1j * rng.normal(size=(3, 5))).astype(np.complex64))
save("bool_2d.npy", rng.integers(0, 2, size=(4, 5)).astype(bool))
save("int32_4d.npy", rng.integers(-2**31, 2**31, size=(2, 3, 4, 5), dtype=np.int32))
save("float64_5d.npy", rng.normal(size=(2, 3, 2, 3, 4)))
save("fortran_int16_3d.npy", np.asfortranarray(rng.integers(-30000, 30000, size=(3, 4, 5), dtype=np.int16)))
save("fortran_rgb_uint8.npy", np.asfortranarray(rng.integers(0, 256, size=(4, 5, 3), dtype=np.uint8)))
save("version2_int8.npy", rng.integers(-128, 128, size=(3, 4), dtype=np.int8), version=(2, 0))
save("version3_uint32.npy", rng.integers(0, 2**32, size=(3, 4), dtype=np.uint32), version=(3, 0))

first = rng.integers(0, 4096, size=(4, 5), dtype=np.uint16)
second = rng.normal(size=(2, 3, 4)).astype(np.float32)
np.savez("stored.npz", first=first, second=second)
expect("stored.npz", first, "first")
expect("stored.npz", second, "second")
np.savez_compressed("deflated.npz", volume=second, image=first)
expect("deflated.npz", second, "volume")
expect("deflated.npz", first, "image")

# Real files from python3-pywt
for name in ["camera.npz", "sst_nino3.npz"]:
    shutil.copy("/usr/lib/python3/dist-packages/pywt/data/" + name, name)
    archive = np.load(name)
    for entry in archive.files:
        expect(name, archive[entry], entry)
shutil.copy("/usr/lib/python3/dist-packages/pywt/data/ecg.npy", "ecg.npy")
expect("ecg.npy", np.load("ecg.npy"))

# A raw volume with its .raw.json sidecar: big-endian int16 after a 32-byte header, calibrated
vol = rng.integers(-1000, 1000, size=(3, 4, 5), dtype=np.int16)  # z, y, x
with open("scan.raw", "wb") as out:
    out.write(b"SCANNER HEADER 32 BYTES LONG.. \n")
    out.write(vol.astype(">i2").tobytes())
with open("scan.raw.json", "w") as out:
    json.dump({"shape": [5, 4, 3], "dtype": "int16", "byteOrder": "big", "offset": 32,
               "spacing": [0.5, 0.5, 2.0], "unit": "mm", "origin": [-10, 0, 5], "scanner": "example"}, out, indent=1)
expect("scan.raw.json", vol)

with open("fixtures.json", "w") as out:
    json.dump(fixtures, out, indent=1, sort_keys=True)
    out.write("\n")
print("wrote", len(fixtures), "fixtures")
