#!/usr/bin/python3
"""Writes the Zarr v2 fixtures of the Zarr reader's tests and expected.json, with Debian's python3-zarr 2.13
(numcodecs 0.11, c-blosc 1.21) and numpy 1.24:

    /usr/bin/python3 make_fixtures.py

Each store is small. expected.json holds, per store and array: sizes x first (singleton axes dropped), pixel
type, the SHA-256 of the values little-endian x fastest (QBI's pixel fingerprint), min and max, and for the
OME-NGFF store the spacing/origin/unit per axis x first.
"""
import hashlib
import json
import os
import shutil

import numpy as np
import zarr
from numcodecs import GZip, LZ4, Blosc, Zlib, Zstd

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261121)
expected = {}


def smooth(shape, dtype, scale=1000, noise=4):
    """Values with structure (so LZ compressors find matches), plus noise."""
    grids = np.meshgrid(*[np.arange(s) for s in shape], indexing="ij")
    values = sum((g * (i + 3)) % 97 for i, g in enumerate(grids)) * (scale / 300.0)
    values = values + rng.integers(0, noise, size=shape)
    return values.astype(dtype)


def record(store, array, values, qbi_order=None, pixel_type=None, **calibration):
    v = np.ascontiguousarray(np.transpose(values, qbi_order)) if qbi_order is not None else values
    le = v.astype(v.dtype.newbyteorder("<"))
    sizes = [int(s) for s in v.shape if s > 1]
    real = v.real if np.iscomplexobj(v) else v
    entry = {
        "sizes_x_first": list(reversed(sizes)),
        "pixel_type": pixel_type or ("uint8" if v.dtype == np.bool_ else v.dtype.newbyteorder("=").name),
        "sha256": hashlib.sha256(le.tobytes()).hexdigest(),
        "min": float(np.min(real)),
        "max": float(np.max(real)),
    }
    entry.update(calibration)
    expected.setdefault(store, {})[array] = entry


def fresh(name):
    path = os.path.join(HERE, name)
    shutil.rmtree(path, ignore_errors=True)
    return path


def main():
    # Python zarr's default compressor: Blosc LZ4, byte shuffle; chunks not dividing the shape.
    a = smooth((5, 20, 30), np.uint16)
    z = zarr.open(fresh("blosc_lz4_default.zarr"), mode="w", shape=a.shape, chunks=(2, 8, 16), dtype=a.dtype)
    assert z.compressor == Blosc(cname="lz4", clevel=5, shuffle=Blosc.SHUFFLE, blocksize=0), z.compressor
    z[...] = a
    record("blosc_lz4_default.zarr", "", a)

    # Blosc LZ4 with chunks of 300 kB: several Blosc blocks, a shorter last block, split streams.
    a = smooth((2, 300, 500), np.uint16, scale=60000, noise=1)
    z = zarr.open(fresh("blosc_lz4_blocks.zarr"), mode="w", shape=a.shape, chunks=(1, 300, 500), dtype=a.dtype,
                  compressor=Blosc(cname="lz4", clevel=5, shuffle=Blosc.SHUFFLE, blocksize=0))
    z[...] = a
    record("blosc_lz4_blocks.zarr", "", a)

    # Blosc Zstandard with bit shuffle: chunks of 128 values (bit-shuffled) and of 210 (stored unshuffled).
    a = smooth((4, 33, 17), np.float32, scale=50) / 7
    z = zarr.open(fresh("blosc_zstd_bitshuffle.zarr"), mode="w", shape=a.shape, chunks=(3, 10, 7), dtype=a.dtype,
                  compressor=Blosc(cname="zstd", clevel=3, shuffle=Blosc.BITSHUFFLE))
    z[...] = a
    record("blosc_zstd_bitshuffle.zarr", "", a)
    b = smooth((6, 24, 16), np.int32, scale=100000) - 50000
    z = zarr.open(fresh("blosc_zstd_bitshuffle8.zarr"), mode="w", shape=b.shape, chunks=(2, 8, 8), dtype=b.dtype,
                  compressor=Blosc(cname="zstd", clevel=5, shuffle=Blosc.BITSHUFFLE))
    z[...] = b
    record("blosc_zstd_bitshuffle8.zarr", "", b)

    # Blosc's own BloscLZ, and Blosc zlib without shuffle.
    a = smooth((4, 64, 80), np.int16, scale=20000) - 10000
    z = zarr.open(fresh("blosc_blosclz.zarr"), mode="w", shape=a.shape, chunks=(2, 64, 80), dtype=a.dtype,
                  compressor=Blosc(cname="blosclz", clevel=9, shuffle=Blosc.SHUFFLE))
    z[...] = a
    record("blosc_blosclz.zarr", "", a)
    a = smooth((3, 40, 50), np.uint8, scale=250)
    z = zarr.open(fresh("blosc_zlib_noshuffle.zarr"), mode="w", shape=a.shape, chunks=(2, 16, 16), dtype=a.dtype,
                  compressor=Blosc(cname="zlib", clevel=4, shuffle=Blosc.NOSHUFFLE))
    z[...] = a
    record("blosc_zlib_noshuffle.zarr", "", a)

    # numcodecs' other compressors.
    a = smooth((3, 25, 35), np.int32, scale=1e6) - 500000
    z = zarr.open(fresh("zlib.zarr"), mode="w", shape=a.shape, chunks=(2, 10, 10), dtype=a.dtype,
                  compressor=Zlib(level=1))
    z[...] = a
    record("zlib.zarr", "", a)
    a = smooth((2, 30, 40), np.uint8, scale=250)
    z = zarr.open(fresh("gzip.zarr"), mode="w", shape=a.shape, chunks=(1, 16, 16), dtype=a.dtype, compressor=GZip(5))
    z[...] = a
    record("gzip.zarr", "", a)
    a = (rng.standard_normal((3, 20, 24)) * 1000).astype(np.float64)
    z = zarr.open(fresh("zstd.zarr"), mode="w", shape=a.shape, chunks=(2, 8, 8), dtype=a.dtype, compressor=Zstd(3))
    z[...] = a
    record("zstd.zarr", "", a)
    a = smooth((20, 30), np.uint16, scale=4000)
    z = zarr.open(fresh("lz4.zarr"), mode="w", shape=a.shape, chunks=(8, 8), dtype=a.dtype, compressor=LZ4())
    z[...] = a
    record("lz4.zarr", "", a)

    # Fortran order, uncompressed; big-endian int16 with zlib; '/' as dimension separator; int8; bool; complex.
    a = rng.standard_normal((3, 5, 7)).astype(np.float64)
    z = zarr.open(fresh("order_f_raw.zarr"), mode="w", shape=a.shape, chunks=(2, 3, 4), dtype=a.dtype,
                  order="F", compressor=None)
    z[...] = a
    record("order_f_raw.zarr", "", a)
    a = rng.integers(-32000, 32000, size=(4, 9, 11)).astype(">i2")
    z = zarr.open(fresh("big_endian.zarr"), mode="w", shape=a.shape, chunks=(3, 4, 5), dtype=a.dtype,
                  compressor=Zlib(level=6))
    z[...] = a
    record("big_endian.zarr", "", a)
    a = smooth((6, 30, 40), np.uint16, scale=3000)
    store = zarr.storage.NestedDirectoryStore(fresh("nested_separator.zarr"))
    z = zarr.open(store, mode="w", shape=a.shape, chunks=(2, 16, 16), dtype=a.dtype)
    z[...] = a
    record("nested_separator.zarr", "", a)
    a = rng.integers(-128, 127, size=(10, 12), dtype=np.int8)
    z = zarr.open(fresh("int8.zarr"), mode="w", shape=a.shape, chunks=(4, 5), dtype=a.dtype)
    z[...] = a
    record("int8.zarr", "", a)
    a = rng.integers(0, 2, size=(9, 13)).astype(bool)
    z = zarr.open(fresh("bool.zarr"), mode="w", shape=a.shape, chunks=(4, 4), dtype=a.dtype)
    z[...] = a
    record("bool.zarr", "", a)
    a = (rng.standard_normal((7, 6)) + 1j * rng.standard_normal((7, 6))).astype(np.complex64)
    z = zarr.open(fresh("complex64.zarr"), mode="w", shape=a.shape, chunks=(4, 4), dtype=a.dtype)
    z[...] = a
    record("complex64.zarr", "", a, pixel_type="complex64")

    # Missing chunks: only some written; the rest hold fill_value 42.
    z = zarr.open(fresh("missing_chunks.zarr"), mode="w", shape=(4, 20, 20), chunks=(2, 10, 10), dtype=np.uint16,
                  fill_value=42)
    z[0:2, 0:10, 0:10] = smooth((2, 10, 10), np.uint16, scale=9000)
    z[3, 15, 19] = 7
    record("missing_chunks.zarr", "", z[...])
    assert len([f for f in os.listdir(os.path.join(HERE, "missing_chunks.zarr")) if not f.startswith(".")]) == 2

    # A group: two image arrays (one in a subgroup) and a 1-D one.
    root = zarr.open_group(fresh("group.zarr"), mode="w")
    raw = smooth((4, 12, 14), np.uint8, scale=200)
    root.create_dataset("raw", data=raw, chunks=(1, 12, 14))
    seg = rng.integers(0, 5, size=(3, 12, 14)).astype(np.uint32)
    root.create_group("labels").create_dataset("seg", data=seg, chunks=(3, 6, 7))
    root.create_dataset("line", data=np.arange(50, dtype=np.float32))
    root.attrs["description"] = "QBI Zarr fixture: a group"
    record("group.zarr", "raw", raw)
    record("group.zarr", "labels/seg", seg)

    # OME-NGFF 0.4: two resolutions with scale and translation, micrometres.
    root = zarr.open_group(fresh("ngff.zarr"), mode="w")
    full = smooth((8, 32, 40), np.uint16, scale=10000)
    half = full[:, ::2, ::2].copy()
    root.create_dataset("0", data=full, chunks=(4, 16, 16))
    root.create_dataset("1", data=half, chunks=(4, 16, 16))
    root.attrs["multiscales"] = [{
        "version": "0.4",
        "name": "fixture",
        "axes": [{"name": "z", "type": "space", "unit": "micrometer"},
                 {"name": "y", "type": "space", "unit": "micrometer"},
                 {"name": "x", "type": "space", "unit": "micrometer"}],
        "datasets": [
            {"path": "0", "coordinateTransformations": [{"type": "scale", "scale": [2.0, 0.5, 0.25]},
                                                        {"type": "translation", "translation": [10.0, -4.0, 1.5]}]},
            {"path": "1", "coordinateTransformations": [{"type": "scale", "scale": [2.0, 1.0, 0.5]},
                                                        {"type": "translation", "translation": [10.0, -3.75, 1.625]}]},
        ],
        "type": "stride 2 in x and y",
    }]
    record("ngff.zarr", "0", full, spacing_x_first=[0.25, 0.5, 2.0], origin_x_first=[1.5, -4.0, 10.0], unit="um")
    record("ngff.zarr", "1", half, spacing_x_first=[0.5, 1.0, 2.0], origin_x_first=[1.625, -3.75, 10.0], unit="um")

    # OME-NGFF 5-D (t, c, z, y, x): channels and time go on QBI's c and t axes.
    root = zarr.open_group(fresh("ngff_tczyx.zarr"), mode="w")
    full = smooth((2, 3, 4, 10, 12), np.uint16, scale=5000)
    root.create_dataset("0", data=full, chunks=(1, 1, 4, 10, 12))
    root.attrs["multiscales"] = [{
        "version": "0.4",
        "axes": [{"name": "t", "type": "time", "unit": "second"}, {"name": "c", "type": "channel"},
                 {"name": "z", "type": "space", "unit": "millimeter"},
                 {"name": "y", "type": "space", "unit": "millimeter"},
                 {"name": "x", "type": "space", "unit": "millimeter"}],
        "datasets": [{"path": "0", "coordinateTransformations": [
            {"type": "scale", "scale": [30.0, 1.0, 1.5, 0.75, 0.75]}]}],
    }]
    record("ngff_tczyx.zarr", "0", full, spacing_x_first=[0.75, 0.75, 1.5], origin_x_first=[0.0, 0.0, 0.0],
           unit="mm")

    with open(os.path.join(HERE, "expected.json"), "w") as out:
        json.dump(expected, out, indent=1, sort_keys=True)
        out.write("\n")


if __name__ == "__main__":
    main()
