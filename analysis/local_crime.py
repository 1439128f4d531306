#!/usr/bin/python3
"""Sizes of local crime in a cartelsim result against published figures: extortion, kidnapping, fuel
theft and avocado rents.

Usage: analysis/local_crime.py RESULT.h5

A Markdown table on standard output (docs/validation-results.md, make validation): for each figure,
the study, its year, the published value and the model's value in the same year (mean over
replicates and the 5-95 % range). Money in US$2010 (pesos at the year's average exchange rate, then
the US CPI-U). The role column says which figures a parameter was fitted to (they then prove
nothing); the others show how far the model is from them. Years after 2012 are held out for
homicides; activity sizes of those years are compared all the same, since the model's local crime
was sized on none of them. A second table gives the rises of SESNSP's complaints within 2001-2012
against the model's victims (ratio of the replicates' means, 5-95 % over 1,000 bootstrap resamples
of the replicates)."""
import argparse
import os
import signal
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from resultfile import days_since, fail, strings  # noqa: E402

# (label, series, activity or None, year, published value, unit, source, role): "fit" where a parameter
# was chosen to match the figure (it then proves nothing), "held out" for 2013 onwards.
RECORD = [
    ("extortion takings", "revenue_by_activity", "extortion", 2012, 0.97e9, "US$2010/yr",
     "ENVIPE 2013 (INEGI): losses to extortion in 2012, 13.5 bn pesos", "fit (diversification.predation_productivity)"),
    ("extortion takings", "revenue_by_activity", "extortion", 2018, 0.54e9, "US$2010/yr",
     "CNI (SSPC) from ENVIPE 2019: extortionists obtained 12 bn pesos in 2018", "held out"),
    ("extortion incidents paid", "extortion_victims", None, 2012, 0.47e6, "incidents/yr",
     "ENVIPE 2013: 7,585 extortions per 100,000 adults in 2012 (about 6.0 million) x about 8 % paid (ENVIPE 2019-2020: 7.1-8.6 %)", "fit (extortion.payment: the same survey's losses over these incidents)"),
    ("kidnappings (survey)", "kidnapping_victims", None, 2012, 105862, "persons/yr",
     "ENVIPE 2013: 105,862 kidnappings in 2012 (about two in three under 24 hours)", "check"),
    ("kidnappings (investigations)", "kidnapping_victims", None, 2013, 1683, "persons/yr",
     "SESNSP: 1,683 kidnapping investigation files in 2013", "held out"),
    ("fuel theft takings", "revenue_by_activity", "fuel_theft", 2017, 1.41e9, "US$2010/yr",
     "Pemex annual report to the SEC (press): about 30 bn pesos lost to fuel theft in 2017", "held out (the pool of 2017 follows Pemex's losses: the share taken is the check)"),
    ("avocado and lime rents", "revenue_by_activity", "agri_rents", 2012, 0.15e9, "US$2010/yr",
     "press estimates of avocado extortion in Michoacan (docs/sources-cartels.md): about US$150 M a year", "check (the pool is sized to it: the share taken is the check)"),
]

# Rises of complaints to the prosecutors (SESNSP, fuero comun; docs/sources-second-wave.md (c)):
# (label, series, from year, to year, published ratio, source, role)
RISES = [
    ("kidnappings", "kidnapping_victims", 2007, 2011, 1344 / 438,
     "SESNSP kidnapping complaints: 438 (2007), 1,344 (2011)", "fit (diversification.insecure_predation)"),
    ("extortion", "extortion_victims", 2007, 2012, 2.33,
     "SESNSP extortion complaints: about 3,120 (2007), 7,270 (2012) (Perez Morales et al. 2015)", "check"),
    ("extortion", "extortion_victims", 2001, 2012, 5.4,
     "SESNSP extortion complaints: about 1,340 (2001), 7,270 (2012) (Perez Morales et al. 2015)", "check"),
]


def rises(s, year):
    """The second table: rises of complaints against the model's victims."""
    rng = np.random.default_rng(1)
    print("| figure | years | published ratio | model: ratio (5-95 %) | source | role |")
    print("|---|---|---|---|---|---|")
    for label, name, y0, y1, value, source, role in RISES:
        if (year == y0).sum() < 52 or (year == y1).sum() < 52:
            print(f"| {label} | {y1}/{y0} | x{value:.2f} | (not in the run) | {source} | {role} |")
            continue
        d = s[name][()]
        a, b = d[:, year == y0].sum(axis=1), d[:, year == y1].sum(axis=1)
        boot = []
        for _ in range(1000):
            i = rng.integers(0, a.size, a.size)
            boot.append(b[i].mean() / a[i].mean() if a[i].mean() > 0 else np.nan)
        lo, hi = np.nanpercentile(boot, [5, 95])
        print(f"| {label} | {y1}/{y0} | x{value:.2f} | x{b.mean() / a.mean():.2f} (x{lo:.2f}-x{hi:.2f}) | {source} | {role} |")
    print()


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("result")
    a = ap.parse_args()
    try:
        f = h5py.File(a.result, "r")
    except OSError as e:
        fail(f"cannot open {a.result}: {e}")
    with f:
        s = f["series"]
        days, epoch = days_since(s["time"], a.result)
        year = (epoch + np.floor(days).astype("int64").astype("timedelta64[D]")).astype("datetime64[Y]").astype(int) + 1970
        acts = [str(x) for x in strings(s["activity_name"])] if "activity_name" in s else []
        print("| figure | year | published | model: mean (5-95 %) | model / published | source | role |")
        print("|---|---|---|---|---|---|---|")
        for label, name, act, y, value, unit, source, role in RECORD:
            if name not in s:
                fail(f"{a.result} has no series {name}")
            if not (year == y).any() or (year == y).sum() < 52:
                print(f"| {label} | {y} | {value:,.3g} {unit} | (not in the run) | | {source} | {role} |")
                continue
            d = s[name][()]
            if act is not None:
                if act not in acts:
                    fail(f"{a.result}: activity {act} not in {acts}")
                d = d[..., acts.index(act)]
            x = d[:, year == y].sum(axis=1)
            print(f"| {label} | {y} | {value:,.3g} {unit} | {np.mean(x):,.3g} ({np.percentile(x, 5):,.3g}-"
                  f"{np.percentile(x, 95):,.3g}) | {np.mean(x) / value:.2f} | {source} | {role} |")
        print()
        rises(s, year)
        print(f"Model: {a.result}, {s['time'].shape[0]} weeks, weeks counted in the calendar year they start in.")


if __name__ == "__main__":
    main()
