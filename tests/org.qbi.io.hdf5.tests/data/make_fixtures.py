#!/usr/bin/python3
"""Writes the small HDF5 fixtures of the HDF5 reader's tests and expected.json (run with Debian's python3:
h5py 3.7, numpy 1.24, tifffile 2023.2.3).

    /usr/bin/python3 make_fixtures.py [SHARED_DATA_DIR]

expected.json holds, per file and dataset, the image QBI must read: sizes x first (singleton axes dropped),
pixel type, the SHA-256 of the stored values little-endian x fastest (QBI's pixel fingerprint), min/max,
spacing/origin/unit per axis x first. With SHARED_DATA_DIR (default ../../../../shared/data) it also records
the SHA-256 of the first 100 pages of tiff/3d/bone_7H3A_B1.tif, which derived/bone_7H3A_B1_100slices.h5:/volume
must equal (the cross-check of the shared data's MANIFEST).
"""
import hashlib
import json
import os
import sys

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
expected = {}


def record(file, path, array, qbi_order, spacing=None, origin=None, unit=None, pixel_type=None):
    """array: the values as numpy reads them; qbi_order: the transpose that puts them slowest-first in QBI's
    t, c, z, y, x order (samples last), so that tobytes() is x fastest."""
    values = np.ascontiguousarray(np.transpose(array, qbi_order)) if qbi_order is not None else array
    le = values.astype(values.dtype.newbyteorder('<'))
    entry = {
        "sizes_x_first": list(reversed([int(s) for s in values.shape if s > 1 or False]))
        if pixel_type not in ("rgb8", "rgba8") else list(reversed([int(s) for s in values.shape[:-1]])),
        "pixel_type": pixel_type or str(values.dtype.newbyteorder('=').name),
        "sha256": hashlib.sha256(le.tobytes()).hexdigest(),
        "min": float(np.min(values.real if np.iscomplexobj(values) else values)),
        "max": float(np.max(values.real if np.iscomplexobj(values) else values)),
    }
    if spacing is not None:
        entry["spacing_x_first"] = spacing
        entry["origin_x_first"] = origin
        entry["unit"] = unit
    expected.setdefault(file, {})[path] = entry


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../../shared/data")
    rng = np.random.default_rng(20261121)

    # float32, chunked (gzip + shuffle, chunks not dividing the shape), ilastik/Fiji element_size_um (z, y, x).
    with h5py.File(os.path.join(HERE, "float32_element_size.h5"), "w") as f:
        a = (rng.standard_normal((5, 7, 9)) * 100).astype(np.float32)
        d = f.create_dataset("image", data=a, chunks=(2, 4, 4), compression="gzip", compression_opts=6,
                             shuffle=True)
        d.attrs["element_size_um"] = np.array([2.0, 0.5, 0.25])
        f.attrs["description"] = "QBI HDF5 fixture: float32 with element_size_um"
        f.attrs["version"] = np.int32(3)
        record("float32_element_size.h5", "/image", a, None, [0.25, 0.5, 2.0], [0.0, 0.0, 0.0], "um")

    # int16, contiguous, spacing + unit + origin attributes (z, y, x); a 1-D dataset; a big-endian uint16 with
    # Fletcher-32; an int64 dataset (not readable as an image); a group.
    with h5py.File(os.path.join(HERE, "int16_spacing.h5"), "w") as f:
        g = f.create_group("data")
        a = rng.integers(-30000, 30000, size=(3, 6, 8), dtype=np.int16)
        d = g.create_dataset("volume", data=a)
        d.attrs["spacing"] = np.array([3.0, 1.5, 0.75])
        d.attrs["unit"] = "mm"
        d.attrs["origin"] = np.array([-10.0, 20.0, 30.5])
        record("int16_spacing.h5", "/data/volume", a, None, [0.75, 1.5, 3.0], [30.5, 20.0, -10.0], "mm")
        g.create_dataset("line", data=np.arange(100, dtype=np.float32))
        be = rng.integers(0, 65535, size=(10, 12), dtype=np.uint16).astype(">u2")
        g.create_dataset("big_endian", data=be, chunks=(4, 5), fletcher32=True)
        record("int16_spacing.h5", "/data/big_endian", be, None)
        g.create_dataset("counts64", data=np.arange(24, dtype=np.int64).reshape(4, 6))
        g["alias"] = h5py.SoftLink("/data/volume")
        g["elsewhere"] = h5py.ExternalLink("other.h5", "/volume")

    # HDF5 1.10 file format (libver latest: fixed-array chunk index), float64, a fill value and chunks never
    # written; LZF compression (decoded by jHDF); complex64; an RGB image (HDF5 image spec, IMAGE_TRUECOLOR).
    with h5py.File(os.path.join(HERE, "latest_format.h5"), "w", libver="latest") as f:
        d = f.create_dataset("sparse", shape=(4, 10, 12), dtype=np.float64, chunks=(2, 4, 5), fillvalue=-1.5,
                             compression="gzip")
        d[0:2, 0:4, 0:5] = np.arange(40, dtype=np.float64).reshape(2, 4, 5)
        d[3, 9, 11] = 99.25
        record("latest_format.h5", "/sparse", d[...], None)
        lzf = rng.integers(0, 255, size=(6, 16, 20), dtype=np.uint8)
        f.create_dataset("lzf", data=lzf, chunks=(3, 8, 10), compression="lzf")
        record("latest_format.h5", "/lzf", lzf, None)
        c = (rng.standard_normal((6, 5)) + 1j * rng.standard_normal((6, 5))).astype(np.complex64)
        f.create_dataset("complex", data=c)
        record("latest_format.h5", "/complex", c, None, pixel_type="complex64")
        rgb = rng.integers(0, 255, size=(8, 10, 3), dtype=np.uint8)
        r = f.create_dataset("rgb", data=rgb)
        r.attrs["CLASS"] = np.bytes_("IMAGE")
        r.attrs["IMAGE_SUBCLASS"] = np.bytes_("IMAGE_TRUECOLOR")
        r.attrs["INTERLACE_MODE"] = np.bytes_("INTERLACE_PIXEL")
        record("latest_format.h5", "/rgb", rgb, None, pixel_type="rgb8")

    # ilastik: axistags (z, y, x, c) with 2 channels stored fastest; NeXus NXdata with coordinate axes.
    with h5py.File(os.path.join(HERE, "ilastik_nexus.h5"), "w") as f:
        a = rng.integers(0, 4000, size=(3, 5, 7, 2), dtype=np.uint16)
        d = f.create_dataset("exported_data", data=a, chunks=(1, 5, 7, 2), compression="gzip")
        d.attrs["axistags"] = json.dumps({"axes": [
            {"key": k, "typeFlags": t, "resolution": 0, "description": ""}
            for k, t in (("z", 2), ("y", 2), ("x", 2), ("c", 1))]})
        d.attrs["element_size_um"] = np.array([4.0, 1.0, 1.0])
        record("ilastik_nexus.h5", "/exported_data", a, (3, 0, 1, 2), [1.0, 1.0, 4.0], [0.0, 0.0, 0.0], "um")
        entry = f.create_group("entry")
        entry.attrs["NX_class"] = "NXentry"
        data = entry.create_group("data")
        data.attrs["NX_class"] = "NXdata"
        data.attrs["signal"] = "data"
        data.attrs["axes"] = ["z", "y", "x"]
        n = rng.integers(0, 1000, size=(4, 6, 5), dtype=np.uint32)
        data.create_dataset("data", data=n)
        data.create_dataset("z", data=np.array([1.0, 1.2, 1.4, 1.6])).attrs["units"] = "mm"
        data.create_dataset("y", data=0.5 + 0.1 * np.arange(6)).attrs["units"] = "mm"
        data.create_dataset("x", data=-2.0 + 0.1 * np.arange(5)).attrs["units"] = "mm"
        record("ilastik_nexus.h5", "/entry/data/data", n, None, [0.1, 0.1, 0.2], [-2.0, 0.5, 1.0], "mm")

    # A 512-byte user block before the HDF5 data (the signature is at byte 512; addresses are relative to it).
    with h5py.File(os.path.join(HERE, "user_block.h5"), "w", userblock_size=512) as f:
        a = rng.integers(0, 255, size=(6, 7), dtype=np.uint8)
        f.create_dataset("plane", data=a)
        record("user_block.h5", "/plane", a, None)
    with open(os.path.join(HERE, "user_block.h5"), "r+b") as raw:
        raw.write(b"QBI fixture: a user block precedes the HDF5 superblock\n")

    # A dataset of 64 GiB whose chunks are almost all unwritten (fill value 0): reading a region must touch
    # only the chunks there, never the whole dataset.
    with h5py.File(os.path.join(HERE, "huge_sparse.h5"), "w") as f:
        d = f.create_dataset("huge", shape=(2048, 4096, 4096), dtype=np.uint16, chunks=(32, 256, 256),
                             compression="gzip")
        d[1000, 2000:2010, 3000:3010] = np.arange(1, 101, dtype=np.uint16).reshape(10, 10)
        expected["huge_sparse.h5"] = {"/huge": {"sizes_x_first": [4096, 4096, 2048], "pixel_type": "uint16",
                                                "written": "z 1000, y 2000..2009, x 3000..3009 = 1..100 (x fastest)"}}

    derived = os.path.join(shared, "derived/bone_7H3A_B1_100slices.h5")
    if os.path.exists(derived):
        # Where one gzip chunk of /volume lies in the file: the corrupt-chunk test overwrites it.
        with h5py.File(derived, "r") as f:
            info = f["volume"].id.get_chunk_info_by_coord((50, 125, 175))
            expected["shared chunk"] = {"file": "derived/bone_7H3A_B1_100slices.h5", "dataset": "/volume",
                                        "chunk_origin": [50, 125, 175], "byte_offset": int(info.byte_offset),
                                        "size": int(info.size)}

    bone = os.path.join(shared, "tiff/3d/bone_7H3A_B1.tif")
    if os.path.exists(bone):
        import tifffile
        with tifffile.TiffFile(bone) as tif:
            pages = np.stack([tif.pages[i].asarray() for i in range(100)])
        expected["cross-check"] = {
            "tiff/3d/bone_7H3A_B1.tif first 100 pages sha256":
                hashlib.sha256(pages.astype("<u1").tobytes()).hexdigest(),
            "shape": list(pages.shape),
        }
    with open(os.path.join(HERE, "expected.json"), "w") as out:
        json.dump(expected, out, indent=1, sort_keys=True)
        out.write("\n")


if __name__ == "__main__":
    main()
