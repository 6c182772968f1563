#!/usr/bin/python3
"""Writes the MetaImage and NRRD fixtures of this folder, and their expected values (fixtures.json).

Run from this folder with Debian's python3 (numpy 1.24.2, zlib, gzip):  /usr/bin/python3 make_fixtures.py
No ITK or teem is installed here, so the headers are written as the MetaIO documentation and the NRRD
specification (teem.sourceforge.net/nrrd/format.html) describe them, in the forms ITK, Slicer and pynrrd
write (the attached and detached variants, compression, byte orders, channel layouts, LIST and pattern series).
The arrays are small and deterministic (a seeded generator).

Expected values: "sizes" x, y, z, c, t; "pixelType"; "sha256" of the stored values little-endian in QBI's order
(x fastest, then y, z, c, t; samples of a pixel together); "spacing" and "origin" of x, y, z; "unit";
"orientation" (row i = direction of axis i, LPS) or null.
"""
import gzip
import hashlib
import json
import zlib

import numpy as np

rng = np.random.default_rng(20261121)
fixtures = {}


def expect(name, values, qbi_type, sizes, spacing, origin, unit, orientation):
    """values: array already in QBI order as C-order (t, c, z, y, x[, samples])."""
    raw = np.ascontiguousarray(values.astype(values.dtype.newbyteorder("<"))).tobytes()
    fixtures[name] = {"sizes": sizes, "pixelType": qbi_type, "sha256": hashlib.sha256(raw).hexdigest(),
                      "spacing": spacing, "origin": origin, "unit": unit, "orientation": orientation}


def mha_header(fields):
    return "".join(f"{k} = {v}\n" for k, v in fields).encode("ascii")


# --- MetaImage -------------------------------------------------------------------------------------------------
# 1. .mha, zlib-compressed, with CompressedDataSize, int16 3-D, rotated TransformMatrix
vol = rng.integers(-1000, 3000, size=(4, 6, 7), dtype=np.int16)  # z, y, x
c, s = np.cos(0.3), np.sin(0.3)
rows = [[c, s, 0], [-s, c, 0], [0, 0, 1]]
packed = zlib.compress(vol.astype("<i2").tobytes(), 6)
hdr = mha_header([("ObjectType", "Image"), ("NDims", 3), ("BinaryData", "True"),
                  ("BinaryDataByteOrderMSB", "False"), ("CompressedData", "True"),
                  ("CompressedDataSize", len(packed)),
                  ("TransformMatrix", " ".join(f"{v:.17g}" for r in rows for v in r)),
                  ("Offset", "-10.5 20 3.25"), ("ElementSpacing", "0.5 0.75 2"), ("DimSize", "7 6 4"),
                  ("ElementType", "MET_SHORT"), ("ElementDataFile", "LOCAL")])
open("zlib_int16.mha", "wb").write(hdr + packed)
expect("zlib_int16.mha", vol, "int16", [7, 6, 4, 1, 1], [0.5, 0.75, 2.0], [-10.5, 20.0, 3.25], "mm", rows)

# 2. .mhd + .zraw (compressed, no CompressedDataSize), big-endian uint16, 2-D
img = rng.integers(0, 65536, size=(5, 9), dtype=np.uint16)
open("bigendian_uint16.zraw", "wb").write(zlib.compress(img.astype(">u2").tobytes()))
open("bigendian_uint16.mhd", "wb").write(mha_header([
    ("ObjectType", "Image"), ("NDims", 2), ("BinaryData", "True"), ("BinaryDataByteOrderMSB", "True"),
    ("CompressedData", "True"), ("ElementSpacing", "0.1 0.2"), ("DimSize", "9 5"), ("ElementType", "MET_USHORT"),
    ("ElementDataFile", "bigendian_uint16.zraw")]))
expect("bigendian_uint16.mhd", img, "uint16", [9, 5, 1, 1, 1], [0.1, 0.2, 1.0], [0.0, 0.0, 0.0], "mm", None)

# 3. RGB: 3 uchar channels per element, 2-D, attached
rgb = rng.integers(0, 256, size=(4, 5, 3), dtype=np.uint8)  # y, x, sample
open("rgb.mha", "wb").write(mha_header([
    ("NDims", 2), ("DimSize", "5 4"), ("ElementNumberOfChannels", 3), ("ElementType", "MET_UCHAR"),
    ("ElementSpacing", "1 1"), ("ElementDataFile", "LOCAL")]) + rgb.tobytes())
expect("rgb.mha", rgb, "rgb8", [5, 4, 1, 1, 1], [1.0, 1.0, 1.0], [0.0, 0.0, 0.0], "mm", None)

# 4. Two float channels per element (a 2-D vector field) -> channel axis; HeaderSize -1 (data at the end)
vec = rng.normal(size=(3, 4, 5, 2)).astype(np.float32)  # z, y, x, channel
open("vector_float.raw", "wb").write(b"JUNK BEFORE THE DATA" + vec.astype("<f4").tobytes())
open("vector_float.mhd", "wb").write(mha_header([
    ("ObjectType", "Image"), ("NDims", 3), ("DimSize", "5 4 3"), ("ElementNumberOfChannels", 2),
    ("ElementType", "MET_FLOAT"), ("HeaderSize", -1), ("ElementDataFile", "vector_float.raw")]))
expect("vector_float.mhd", vec.transpose(3, 0, 1, 2), "float32", [5, 4, 3, 2, 1], [1.0, 1.0, 1.0],
       [0.0, 0.0, 0.0], "pixel", None)

# 5. LIST of slice files, uint8, with HeaderSize 16 in each file
stack = rng.integers(0, 256, size=(3, 4, 6), dtype=np.uint8)
names = []
for k in range(3):
    name = f"list_slice{k}.raw"
    open(name, "wb").write(bytes(range(16)) + stack[k].tobytes())
    names.append(name)
open("list_uint8.mhd", "wb").write(mha_header([
    ("NDims", 3), ("DimSize", "6 4 3"), ("ElementType", "MET_UCHAR"), ("ElementSpacing", "1 1 5"),
    ("HeaderSize", 16), ("ElementDataFile", "LIST")]) + "".join(n + "\n" for n in names).encode())
expect("list_uint8.mhd", stack, "uint8", [6, 4, 3, 1, 1], [1.0, 1.0, 5.0], [0.0, 0.0, 0.0], "mm", None)

# 6. 4-D float64 (x, y, z, t), MET_DOUBLE, ElementByteOrderMSB True, Origin alias
ts = rng.normal(size=(2, 3, 3, 4))  # t, z, y, x
open("time_float64.mha", "wb").write(mha_header([
    ("NDims", 4), ("DimSize", "4 3 3 2"), ("ElementType", "MET_DOUBLE"), ("ElementByteOrderMSB", "True"),
    ("ElementSpacing", "2 2 2 1"), ("Origin", "1 2 3 0"), ("ElementDataFile", "LOCAL")]) + ts.astype(">f8").tobytes())
expect("time_float64.mha", ts, "float64", [4, 3, 3, 1, 2], [2.0, 2.0, 2.0], [1.0, 2.0, 3.0], "mm", None)

# --- NRRD ------------------------------------------------------------------------------------------------------
# 7. attached gzip, int16, space RAS with directions and origin (converted to LPS), Slicer style
vol = rng.integers(-500, 500, size=(3, 4, 5), dtype=np.int16)  # z, y, x
dirs_ras = [[0.9, 0.0, 0.0], [0.0, 0.8, 0.6], [0.0, -1.2, 1.6]]  # axis vectors (spacings 0.9, 1.0, 2.0)
open("gzip_ras.nrrd", "wb").write((
    "NRRD0004\n# written by make_fixtures.py\ntype: short\ndimension: 3\nspace: right-anterior-superior\n"
    "sizes: 5 4 3\nspace directions: (0.9,0,0) (0,0.8,0.6) (0,-1.2,1.6)\nkinds: domain domain domain\n"
    "endian: little\nencoding: gzip\nspace origin: (10,-20,30)\nspace units: \"mm\" \"mm\" \"mm\"\n"
    "patient:=anonymous\n\n").encode() + gzip.compress(vol.astype("<i2").tobytes()))
lps = lambda v: [-v[0] + 0.0, -v[1] + 0.0, v[2] + 0.0]
rows = [lps([x / np.linalg.norm(d) for x in d]) for d in dirs_ras]
expect("gzip_ras.nrrd", vol, "int16", [5, 4, 3, 1, 1], [0.9, 1.0, 2.0], [-10.0, 20.0, 30.0], "mm", rows)

# 8. detached .nhdr + raw, big-endian float, spacings, byte skip 7 and line skip 2
img = rng.normal(size=(6, 7)).astype(np.float32)  # y, x
open("detached_float.raw", "wb").write(b"line one\nline two\n" + b"SKIPME!" + img.astype(">f4").tobytes())
open("detached_float.nhdr", "wb").write((
    "NRRD0004\ntype: float\ndimension: 2\nsizes: 7 6\nspacings: 0.25 0.5\nunits: \"um\" \"um\"\n"
    "endian: big\nencoding: raw\nline skip: 2\nbyte skip: 7\ndata file: detached_float.raw\n").encode())
expect("detached_float.nhdr", img, "float32", [7, 6, 1, 1, 1], [0.25, 0.5, 1.0], [0.0, 0.0, 0.0], "um", None)

# 9. RGB-color leading axis, uchar, attached raw
rgb = rng.integers(0, 256, size=(3, 4, 3), dtype=np.uint8)  # y, x, sample
open("rgb_color.nrrd", "wb").write((
    "NRRD0005\ntype: uchar\ndimension: 3\nsizes: 3 4 3\nkinds: RGB-color domain domain\nencoding: raw\n\n"
).encode() + rgb.tobytes())
expect("rgb_color.nrrd", rgb, "rgb8", [4, 3, 1, 1, 1], [1.0, 1.0, 1.0], [0.0, 0.0, 0.0], "pixel", None)

# 10. 3-vector leading axis of float (a displacement field) -> channel axis; LPS space; byte skip -1
vec = rng.normal(size=(2, 3, 4, 3)).astype(np.float32)  # z, y, x, component
open("vector_field.raw", "wb").write(b"\x00" * 11 + vec.astype("<f4").tobytes())
open("vector_field.nhdr", "wb").write((
    "NRRD0004\ntype: float\ndimension: 4\nspace: left-posterior-superior\nsizes: 3 4 3 2\n"
    "space directions: none (2,0,0) (0,2,0) (0,0,3)\nkinds: vector domain domain domain\n"
    "endian: little\nencoding: raw\nbyte skip: -1\nspace origin: (1,2,3)\ndata file: vector_field.raw\n").encode())
expect("vector_field.nhdr", vec.transpose(3, 0, 1, 2), "float32", [4, 3, 2, 3, 1], [2.0, 2.0, 3.0],
       [1.0, 2.0, 3.0], "mm", [[1, 0, 0], [0, 1, 0], [0, 0, 1]])

# 11. pattern of slice files: "slice%02d.raw 0 2 1 2", uint16 little
stack = rng.integers(0, 4096, size=(3, 2, 5), dtype=np.uint16)
for k in range(3):
    open(f"slice{k:02d}.raw", "wb").write(stack[k].astype("<u2").tobytes())
open("pattern_uint16.nhdr", "wb").write((
    "NRRD0004\ntype: unsigned short\ndimension: 3\nsizes: 5 2 3\nendian: little\nencoding: raw\n"
    "data file: slice%02d.raw 0 2 1 2\n").encode())
expect("pattern_uint16.nhdr", stack, "uint16", [5, 2, 3, 1, 1], [1.0, 1.0, 1.0], [0.0, 0.0, 0.0], "pixel", None)

with open("fixtures.json", "w") as out:
    json.dump(fixtures, out, indent=1, sort_keys=True)
    out.write("\n")
print("wrote", len(fixtures), "fixtures")
