#!/usr/bin/python3
"""Directional checks of the policy scenarios against the baseline (same seed), years 2028-2032 unless a
check names its own window (the first years of a change, for effects that fade).
Usage: compare_scenarios.py DIR [GROUP] (DIR holds baseline.h5 and the scenario files; GROUP is
"market" (interdiction, precursors, treatment, cannabis) or "cartels" (kingpin, crackdown, economic
opportunity, institutions); both when omitted)."""
import os
import sys

import h5py
import numpy as np

D = sys.argv[1]
GROUP = sys.argv[2] if len(sys.argv) > 2 else "all"
fails = []


def series(name, run, label=None, axis="drug", how="sum", window=(2028, 2032)):
    with h5py.File(os.path.join(D, run + ".h5"), "r") as f:
        g = f["series"]
        days = g["time"][:]
        years = 2000 + (days + 3.5) / 365.25
        sel = (years >= window[0]) & (years < window[1] + 1)
        x = g[name][:][:, sel]
        if label is not None:
            labels = [bytes(r).decode().rstrip("\0") for r in g[axis + "_name"][:]]
            x = x[..., labels.index(label)]
        elif x.ndim == 3:
            x = x.sum(axis=2)
        return float(x.sum() if how == "sum" else x.mean())


def expect(cond, what, a, b):
    print(f"{'ok  ' if cond else 'FAIL'} {what}: baseline {a:.4g}, scenario {b:.4g}")
    if not cond:
        fails.append(what)


CARTEL_RUNS = ("kingpin_strategy", "militarized_crackdown", "economic_opportunity", "institution_building")


def compare(run, name, cmp, **kw):
    if GROUP != "all" and (GROUP == "cartels") != (run in CARTEL_RUNS):
        return
    a, b = series(name, "baseline", **kw), series(name, run, **kw)
    expect(cmp(a, b), f"{run}: {name} {kw.get('label', '')} {kw.get('window', '')}", a, b)


lower, higher = (lambda a, b: b < a), (lambda a, b: b > a)
compare("interdiction_surge", "wholesale_price", higher, label="cocaine", how="mean")
compare("interdiction_surge", "retail_price", higher, label="cocaine", how="mean")
compare("interdiction_surge", "consumption", lower, label="cocaine")
compare("interdiction_surge", "revenue", higher)
compare("interdiction_surge", "seized", higher, label="cocaine", axis="product")
compare("precursor_control", "delivered", lower, label="methamphetamine", axis="product")
compare("precursor_control", "delivered", lower, label="fentanyl", axis="product")
compare("precursor_control", "retail_price", higher, label="methamphetamine", how="mean")
compare("precursor_control", "fentanyl_share", lower, label="opioids", how="mean")
compare("demand_treatment", "in_treatment", higher)
compare("demand_treatment", "treatment_queue", lower)
compare("demand_treatment", "overdose_deaths", lower)
compare("regulated_cannabis", "illicit_spending", lower, label="cannabis")
compare("regulated_cannabis", "delivered", lower, label="cannabis", axis="product")
compare("regulated_cannabis", "revenue", lower)
compare("kingpin_strategy", "leaders_arrested", higher)
compare("kingpin_strategy", "splits", higher)
compare("kingpin_strategy", "organisations_active", higher, how="mean")
compare("kingpin_strategy", "homicides_total", higher, window=(2026, 2030))
compare("militarized_crackdown", "members_arrested", higher, window=(2026, 2027))
compare("militarized_crackdown", "homicides", higher, label="state_confrontation", axis="homicide_type")
compare("militarized_crackdown", "police_strength", lower, how="mean")
compare("militarized_crackdown", "splits", higher)
compare("militarized_crackdown", "homicides_total", higher, window=(2026, 2030))
compare("economic_opportunity", "recruits", lower)
compare("economic_opportunity", "members", lower, how="mean", window=(2031, 2040))
compare("economic_opportunity", "homicides_total", lower, window=(2031, 2040))
compare("militarized_crackdown", "members_arrested", lower, window=(2033, 2040))  # later: local police eroded
compare("institution_building", "police_strength", higher, how="mean")
compare("institution_building", "leaders_arrested", higher)
compare("institution_building", "members", lower, how="mean", window=(2031, 2040))
compare("institution_building", "extortion_victims", lower, window=(2031, 2040))
print(f"{len(fails)} failed")
sys.exit(1 if fails else 0)
