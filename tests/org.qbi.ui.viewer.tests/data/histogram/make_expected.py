#!/usr/bin/env python3
"""Expected histograms for HistogramTest, computed with numpy (independently of the Java code).

Run from this folder: python3 make_expected.py  (numpy 2.x; the outputs are committed).
Each case file has three lines: the values, numpy's bin edges, numpy's counts (space-separated).
"""
import math
import numpy as np


def write(name, values, edges, counts):
    with open(name, "w") as f:
        f.write(" ".join(repr(float(v)) for v in values) + "\n")
        f.write(" ".join(repr(float(e)) for e in edges) + "\n")
        f.write(" ".join(str(int(c)) for c in counts) + "\n")


rng = np.random.default_rng(7)

# floats: numpy's own Freedman-Diaconis choice (the rule the viewer documents; 5000 normal values give < 512 bins)
normal = rng.normal(50.0, 10.0, 5000)
counts, edges = np.histogram(normal, bins="fd")
write("normal-fd.txt", normal, edges, counts)

# small integer range: one bin per value, edges at half-integers
small = rng.integers(-20, 180, 3000)
edges = np.arange(small.min() - 0.5, small.max() + 1.0, 1.0)
counts, edges = np.histogram(small, bins=edges)
write("int-one-per-value.txt", small, edges, counts)

# wide integer range: Freedman-Diaconis, capped to [16, 512], width rounded up to a whole number
wide = np.round(rng.gamma(2.0, 400.0, 4000)).astype(np.int64)
q75, q25 = np.percentile(wide, [75, 25])
fd = 2 * (q75 - q25) / len(wide) ** (1 / 3)
bins = min(512, max(16, math.ceil((wide.max() - wide.min()) / fd)))
width = math.ceil((wide.max() - wide.min() + 1) / bins)
n = math.ceil((wide.max() - wide.min() + 1) / width)
edges = wide.min() - 0.5 + width * np.arange(n + 1)
counts, edges = np.histogram(wide, bins=edges)
write("int-fd.txt", wide, edges, counts)
