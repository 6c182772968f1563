#!/usr/bin/python3
"""Reference values for org.qbi.stats, computed with SciPy/NumPy (Debian python3-scipy, python3-numpy).

Writes reference.json next to this script: fixed data sets (values rounded to 3 decimals so Java reads exactly the
same doubles) and, for each, what scipy.stats (or NumPy, or an explicit formula where SciPy has none) gives.
Run:  /usr/bin/python3 make_reference.py

Sources per value:
  describe       numpy mean, std(ddof=1), percentile (linear = Hyndman-Fan 7), scipy.stats.t.ppf for the CI
  welch          scipy.stats.ttest_ind(equal_var=False); df Welch-Satterthwaite; CI of the mean difference with
                 t.ppf(df); Hedges' g with the exact gamma-function J (scipy.special.gammaln) and the
                 Hedges-Olkin normal interval (formula: the Java class comment)
  mannwhitney    scipy.stats.mannwhitneyu(alternative='two-sided', use_continuity=True, method exact when there
                 are no ties and both n <= 50, else asymptotic); rank-biserial 2U/(n1 n2) - 1, Fisher-z interval;
                 Hodges-Lehmann = numpy.median of all pairwise differences
  ks             scipy.stats.ks_2samp(method exact when n1 n2 <= 10000 and no shared values, else asymp)
  anova          scipy.stats.f_oneway; eta^2 = SSB/SST; CI by inverting scipy.stats.ncf.cdf with brentq
  kruskal        scipy.stats.kruskal; eta^2_H = (H - k + 1)/(N - k)
"""
import json
import os

import numpy as np
import scipy
from scipy import optimize, special, stats

CONF = 0.95
rng = np.random.RandomState(20261121)


def r3(values):
    return [round(float(v), 3) for v in values]


datasets = {
    "small": {"a": r3(rng.normal(10, 2, 7)), "b": r3(rng.normal(12, 3, 9))},
    "ties": {"a": [float(v) for v in rng.poisson(6, 12)], "b": [float(v) for v in rng.poisson(8, 15)]},
    "large": {"a": r3(rng.normal(5, 1, 60)), "b": r3(rng.lognormal(1.7, 0.25, 75))},
    "ks_asymptotic": {"a": r3(rng.normal(0, 1, 150)), "b": r3(rng.normal(0.3, 1.2, 120))},
    "three": {"ctrl": r3(rng.normal(20, 4, 8)), "low": r3(rng.normal(23, 4, 10)), "high": r3(rng.normal(27, 5, 9))},
    "three_ties": {"x": [float(v) for v in rng.randint(0, 6, 9)], "y": [float(v) for v in rng.randint(1, 8, 11)],
                   "z": [float(v) for v in rng.randint(2, 9, 10)]},
}
two_group = ["small", "ties", "large", "ks_asymptotic"]


def describe(values):
    x = np.array(values)
    n = len(x)
    mean = x.mean()
    sd = x.std(ddof=1)
    sem = sd / np.sqrt(n)
    half = stats.t.ppf(1 - (1 - CONF) / 2, n - 1) * sem
    q1, med, q3 = np.percentile(x, [25, 50, 75])
    return {"n": n, "mean": mean, "sd": sd, "sem": sem, "ci_low": mean - half, "ci_high": mean + half,
            "median": med, "q1": q1, "q3": q3, "iqr": q3 - q1, "cv": sd / mean, "min": x.min(), "max": x.max()}


def welch(a, b):
    a, b = np.array(a), np.array(b)
    res = stats.ttest_ind(a, b, equal_var=False)
    va, vb, na, nb = a.var(ddof=1), b.var(ddof=1), len(a), len(b)
    se = np.sqrt(va / na + vb / nb)
    df = se ** 4 / ((va / na) ** 2 / (na - 1) + (vb / nb) ** 2 / (nb - 1))
    diff = a.mean() - b.mean()
    half = stats.t.ppf(1 - (1 - CONF) / 2, df) * se
    m = na + nb - 2
    pooled = np.sqrt(((na - 1) * va + (nb - 1) * vb) / m)
    d = diff / pooled
    j = np.exp(special.gammaln(m / 2) - special.gammaln((m - 1) / 2)) / np.sqrt(m / 2)
    n = na + nb
    se_g = j * np.sqrt(n / (na * nb) + d * d / (2 * n))
    z = stats.norm.ppf(1 - (1 - CONF) / 2)
    g = j * d
    return {"t": res.statistic, "df": df, "p": res.pvalue, "diff": diff, "diff_low": diff - half,
            "diff_high": diff + half, "d": d, "g": g, "g_low": g - z * se_g, "g_high": g + z * se_g}


def mannwhitney(a, b):
    ties = len(set(a + b)) < len(a) + len(b)
    exact = not ties and max(len(a), len(b)) <= 50
    res = stats.mannwhitneyu(a, b, alternative="two-sided", use_continuity=True,
                             method="exact" if exact else "asymptotic")
    na, nb = len(a), len(b)
    r = 2 * res.statistic / (na * nb) - 1
    se = np.sqrt((na + nb + 1) / (3 * na * nb))
    z = stats.norm.ppf(1 - (1 - CONF) / 2)
    hl = np.median(np.subtract.outer(np.array(a), np.array(b)))
    return {"U": res.statistic, "p": res.pvalue, "method": "exact" if exact else "asymptotic", "r": r,
            "r_low": np.tanh(np.arctanh(r) - z * se), "r_high": np.tanh(np.arctanh(r) + z * se), "hl": hl}


def ks(a, b):
    exact = len(a) * len(b) <= 10000 and not (set(a) & set(b))
    res = stats.ks_2samp(a, b, alternative="two-sided", method="exact" if exact else "asymp")
    return {"D": res.statistic, "p": res.pvalue, "method": "exact" if exact else "asymptotic"}


def anova(groups):
    res = stats.f_oneway(*groups)
    allv = np.concatenate(groups)
    n, k = len(allv), len(groups)
    ssb = sum(len(g) * (np.mean(g) - allv.mean()) ** 2 for g in groups)
    sst = ((allv - allv.mean()) ** 2).sum()
    d1, d2, f = k - 1, n - k, res.statistic

    def cdf(lam):
        return stats.f.cdf(f, d1, d2) if lam == 0 else stats.ncf.cdf(f, d1, d2, lam)

    def solve(target):
        if cdf(0) <= target:
            return 0.0
        hi = 10.0
        while cdf(hi) > target:
            hi *= 2
        return optimize.brentq(lambda lam: cdf(lam) - target, 0, hi, xtol=1e-12)

    lo_lam, hi_lam = solve(1 - (1 - CONF) / 2), solve((1 - CONF) / 2)
    return {"F": f, "df1": d1, "df2": d2, "p": res.pvalue, "eta2": ssb / sst,
            "eta2_low": lo_lam / (lo_lam + n), "eta2_high": hi_lam / (hi_lam + n)}


def kruskal(groups):
    res = stats.kruskal(*groups)
    n, k = sum(len(g) for g in groups), len(groups)
    return {"H": res.statistic, "p": res.pvalue, "eta2h": (res.statistic - k + 1) / (n - k)}


def floats(d):
    return {k: (v if isinstance(v, str) else float(v)) for k, v in d.items()}


reference = {
    "generator": "make_reference.py",
    "scipy_version": scipy.__version__,
    "numpy_version": np.__version__,
    "confidence": CONF,
    "datasets": datasets,
    "describe": {name: {g: floats(describe(v)) for g, v in groups.items()} for name, groups in datasets.items()},
    "welch": {name: floats(welch(datasets[name]["a"], datasets[name]["b"])) for name in two_group},
    "mannwhitney": {name: floats(mannwhitney(datasets[name]["a"], datasets[name]["b"])) for name in two_group},
    "ks": {name: floats(ks(datasets[name]["a"], datasets[name]["b"])) for name in two_group},
    "anova": {name: floats(anova(list(datasets[name].values()))) for name in ["three", "three_ties"]},
    "kruskal": {name: floats(kruskal(list(datasets[name].values()))) for name in ["three", "three_ties", "ties"]},
}

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json"), "w") as out:
    json.dump(reference, out, indent=1)
    out.write("\n")
print("wrote reference.json with scipy", scipy.__version__)
