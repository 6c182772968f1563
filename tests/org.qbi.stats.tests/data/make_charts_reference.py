#!/usr/bin/python3
"""Reference values for the charts of org.qbi.stats (violin, Bland-Altman, sensitivity), with SciPy/NumPy/pandas
(Debian python3-scipy 1.10.1, python3-numpy, python3-pandas 1.5.3). Writes charts_reference.json next to this script.
Run:  /usr/bin/python3 make_charts_reference.py

Sources per value:
  kde          scipy.stats.gaussian_kde(values, bw_method='scott' | 'silverman'): factor, bandwidth =
               sqrt(kde.covariance[0, 0]) and kde(grid) on numpy.linspace(min - 2 h, max + 2 h, 100) (the violin's
               grid: two bandwidths beyond the data, as seaborn's cut=2); quartiles numpy.percentile (linear)
  blandaltman  differences a - b and means (a + b) / 2 with numpy; bias numpy.mean, sd numpy.std(ddof=1), limits
               bias -+ z sd with z = scipy.stats.norm.ppf(0.975); intervals: bias -+ t sd / sqrt(n), limits
               -+ t sd sqrt(1/n + z^2 / (2 (n - 1))), t = scipy.stats.t.ppf(0.975, n - 1) (Bland & Altman 1999)
  sensitivity  pandas groupby of a fixed long table: per (sample, sigma) size / mean / median / sum of the value;
               per (group, sigma) the mean and std(ddof=1) of the samples' values, and their count
"""
import json
import os

import numpy as np
import pandas as pd
from scipy import stats

here = os.path.dirname(os.path.abspath(__file__))
reference = json.load(open(os.path.join(here, "reference.json")))
out = {"kde": {}, "blandaltman": {}, "sensitivity": {}}

for name, values in [("small_a", reference["datasets"]["small"]["a"]),
                     ("small_b", reference["datasets"]["small"]["b"]),
                     ("large_b", reference["datasets"]["large"]["b"])]:
    x = np.array(values)
    for rule in ("scott", "silverman"):
        kde = stats.gaussian_kde(x, bw_method=rule)
        h = float(np.sqrt(kde.covariance[0, 0]))
        grid = np.linspace(x.min() - 2 * h, x.max() + 2 * h, 100)
        out["kde"][name + "_" + rule] = {"values": values, "rule": rule, "factor": float(kde.factor),
                                         "bandwidth": h, "grid": grid.tolist(),
                                         "density": kde(grid).tolist(),
                                         "quartiles": np.percentile(x, [25, 50, 75]).tolist()}

rng = np.random.RandomState(20261121)
truth = rng.normal(50, 10, 12)
a = np.round(truth + rng.normal(0.8, 1.5, 12), 3)
b = np.round(truth + rng.normal(0, 1.5, 12), 3)
d = a - b
n = len(d)
z = stats.norm.ppf(0.975)
t = stats.t.ppf(0.975, n - 1)
bias, sd = d.mean(), d.std(ddof=1)
half_bias = t * sd / np.sqrt(n)
half_loa = t * sd * np.sqrt(1 / n + z * z / (2 * (n - 1)))
out["blandaltman"] = {"a": a.tolist(), "b": b.tolist(), "mean": ((a + b) / 2).tolist(), "difference": d.tolist(),
                      "bias": bias, "sd": sd, "loa_low": bias - z * sd, "loa_high": bias + z * sd,
                      "bias_ci": [bias - half_bias, bias + half_bias],
                      "loa_low_ci": [bias - z * sd - half_loa, bias - z * sd + half_loa],
                      "loa_high_ci": [bias + z * sd - half_loa, bias + z * sd + half_loa]}

rows = []
for sample, group in [("c1", "control"), ("c2", "control"), ("c3", "control"), ("t1", "treated"), ("t2", "treated")]:
    for sigma in (0.5, 1.0, 2.0, 3.0):
        count = int(rng.randint(1, 6)) + int(10 / sigma)
        for _ in range(count):
            rows.append({"sample_id": sample, "group": group, "smooth_sigma": sigma,
                         "area": round(float(rng.normal(20 * sigma, 3)), 3)})
table = pd.DataFrame(rows)
per_sample = table.groupby(["sample_id", "smooth_sigma"])["area"].agg(["size", "mean", "median", "sum"]).reset_index()
per_sample = per_sample.merge(table[["sample_id", "group"]].drop_duplicates(), on="sample_id")
groups = {}
for statistic in ("size", "mean", "median", "sum"):
    g = per_sample.groupby(["group", "smooth_sigma"])[statistic].agg(["mean", "std", "count"]).reset_index()
    groups[statistic] = g.to_dict(orient="list")
out["sensitivity"] = {"rows": table.to_dict(orient="list"), "per_sample": per_sample.to_dict(orient="list"),
                      "per_group": groups}

with open(os.path.join(here, "charts_reference.json"), "w") as f:
    json.dump(out, f, indent=1)
print("wrote charts_reference.json")
