#!/usr/bin/python3
"""Reference values for org.qbi.core.image tests, computed independently with NumPy (Debian python3-numpy).

The test image has value x + 10 y + 100 z + 1000 c + 5000 t at pixel (x, y, z, c, t); NumPy holds it in
C order with t slowest, so its bytes are x fastest, as QBI's fingerprint defines. Run: /usr/bin/python3 image_reference.py
"""
import hashlib
import numpy as np

dims = (7, 5, 3, 2, 1)  # x, y, z, c, t
t, c, z, y, x = np.meshgrid(*[np.arange(n) for n in reversed(dims)], indexing="ij")
values = (x + 10 * y + 100 * z + 1000 * c + 5000 * t).astype("<u2")
print("numpy", np.__version__)
print("uint16 sha256", hashlib.sha256(values.tobytes()).hexdigest())
print("uint16 mean %.17g std %.17g min %d max %d" % (values.mean(), values.std(), values.min(), values.max()))
f = values.astype("<f4") / 7
print("float32/7 mean %.17g std %.17g" % (f.astype(np.float64).mean(), f.astype(np.float64).std()))
