#!/usr/bin/python3
"""Reads the OME-Zarr stores QBI's ZarrWriter wrote with Python's zarr (Debian python3-zarr 2.13, numcodecs
0.11) and checks that Python sees the very values QBI wrote:

    /usr/bin/python3 read_qbi_output.py DIR

DIR holds the stores (*.zarr) and expected.json written by ZarrWriterTest.pythonReadsWhatQbiWrites: per store
QBI's pixel fingerprint (SHA-256 of the values little-endian, x fastest) and the array's dtype and shape. For
each store this prints one line: OK or MISMATCH, the NumPy shape and dtype Python read, the compressor, the
OME-NGFF axes and scale. Exit status 1 when any store differs or fails to read.
"""
import hashlib
import json
import os
import sys

import numpy as np
import zarr


def main():
    folder = sys.argv[1]
    with open(os.path.join(folder, "expected.json")) as f:
        expected = json.load(f)
    failures = 0
    for name in sorted(expected):
        want = expected[name]
        try:
            group = zarr.open_group(os.path.join(folder, name), mode="r")
            array = group["0"]
            values = array[...]
            multiscale = group.attrs["multiscales"][0]
            axes = [a["name"] for a in multiscale["axes"]]
            units = [a.get("unit", "") for a in multiscale["axes"]]
            scale = multiscale["datasets"][0]["coordinateTransformations"][0]["scale"]
            assert len(axes) == values.ndim == len(scale), (axes, values.shape, scale)
            qbi = group.attrs["qbi"]
            if qbi["pixel_type"] in ("rgb8", "rgba8"):
                # Written planar on NGFF's channel axis; QBI's pixels interleave the samples.
                values = np.moveaxis(values, axes.index("c"), -1)
            sha = hashlib.sha256(np.ascontiguousarray(values).astype(values.dtype.newbyteorder("<")).tobytes()).hexdigest()
            ok = (sha == want["sha256"] and list(array.shape) == want["numpy_shape"]
                  and str(array.dtype) == want["numpy_dtype"])
            compressor = "none" if array.compressor is None else \
                array.compressor.codec_id + ":" + str(getattr(array.compressor, "cname", array.compressor.get_config().get("level")))
            print("OK      " if ok else "MISMATCH", name, "shape", list(array.shape), array.dtype, compressor,
                  "axes", "".join(axes), "scale", scale, "units", units)
            failures += 0 if ok else 1
        except Exception as e:  # noqa: BLE001 - report every store
            print("FAILED  ", name, type(e).__name__, e)
            failures += 1
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
