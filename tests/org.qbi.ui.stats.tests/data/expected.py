"""Histogram counts of the Results view's test data: numpy.histogram of each group over 5 shared bins."""
import json
import pathlib

import numpy as np

here = pathlib.Path(__file__).parent
small = json.loads((here / "../../org.qbi.stats.tests/data/reference.json").read_text())["datasets"]["small"]
a, b = np.array(small["a"]), np.array(small["b"])
pooled = np.concatenate([a, b])
edges = np.linspace(pooled.min(), pooled.max(), 6)  # ceil(sqrt(16)) = 4 bins, raised to the minimum of 5
print("edges", edges.tolist())
print("control", np.histogram(a, bins=edges)[0].tolist())
print("treated", np.histogram(b, bins=edges)[0].tolist())

# By sample (the test stores control as ctl-1 = a[:4], ctl-2 = a[4:]; treated as trt-1 = b[:5], trt-2 = b[5:]):
# one-way ANOVA and Kruskal-Wallis of the four samples.
from scipy import stats  # noqa: E402

samples = [a[:4], a[4:], b[:5], b[5:]]
print("anova by sample", stats.f_oneway(*samples))
print("kruskal by sample", stats.kruskal(*samples))

# Per-sample means, compared by group (the view's "Per sample: mean"): Welch's t-test of the sample means.
means = {"control": [samples[0].mean(), samples[1].mean()], "treated": [samples[2].mean(), samples[3].mean()]}
print("sample means", means)
print("welch of sample means", stats.ttest_ind(means["control"], means["treated"], equal_var=False))
