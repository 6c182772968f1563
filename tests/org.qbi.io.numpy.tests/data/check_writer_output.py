#!/usr/bin/python3
"""Loads the .npy files QBI's writer made (NpyInteropOutputTest, in target/interop/npy) with numpy.load and
compares shape, dtype and values (sha256 of the C-order bytes = QBI's fingerprint) with expected.json there.

Run after the tests:  /usr/bin/python3 data/check_writer_output.py target/interop/npy
(Debian python3, numpy 1.24.2). Prints one line per file and exits 1 on any difference.
"""
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

folder = Path(sys.argv[1] if len(sys.argv) > 1 else "target/interop/npy")
expected = json.loads((folder / "expected.json").read_text())
failures = 0
for name, e in expected.items():
    a = np.load(folder / name, allow_pickle=False)
    problems = []
    if list(a.shape) != e["shape"]:
        problems.append(f"shape {a.shape} != {e['shape']}")
    if a.dtype.str != e["descr"]:
        problems.append(f"dtype {a.dtype.str} != {e['descr']}")
    if not a.flags["C_CONTIGUOUS"]:
        problems.append("not C order")
    if hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest() != e["sha256"]:
        problems.append("values differ")
    print(f"{name:22s} {str(a.shape):20s} {a.dtype.str:5s} " + ("OK" if not problems else "DIFFERS: " + "; ".join(problems)))
    failures += bool(problems)
sys.exit(1 if failures else 0)
