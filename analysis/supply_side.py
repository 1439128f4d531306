#!/usr/bin/env python3
"""The US side of a cartelsim result against published figures, as Markdown tables: overdose deaths by
drug against CDC/NCHS, then drugs seized on the way to the US, the organisations' revenue, the fentanyl
in the opioid supply and the opioid deaths it drives. Written into docs/validation-results.md by analysis/validation_report.sh (baseline).

  supply_side.py RESULT.h5

Model columns: mean over replicates and the 5-95 % range; a flow is the total over the calendar year
(each week counted in the year of its first day), a share the mean over the year's weeks."""
import argparse
import os
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from resultfile import days_since, strings  # noqa: E402

# quantity, series, axis label (None: all; a tuple: their sum), how, unit scale, unit, year, published, source, use
ROWS = [
    ("cocaine seized on the way to the US", "seized", "cocaine", "flow", 1e-3, "t/yr", 2000, "117 (transit zone)",
     "GAO-06-200: transit-zone seizures 117 t (2000) to 196 t (2004)", "check"),
    ("cocaine seized on the way to the US", "seized", "cocaine", "flow", 1e-3, "t/yr", 2004, "196 (transit zone)",
     "GAO-06-200", "check"),
    ("fentanyl seized on the way to the US (pure)", "seized", "fentanyl", "flow", 1e-3, "t/yr", 2019, "1.27 (bulk)",
     "CBP drug seizure statistics: 2,801 lb at the southwest border in FY2019 (powder and pills, not pure)", "check"),
    ("fentanyl seized on the way to the US (pure)", "seized", "fentanyl", "flow", 1e-3, "t/yr", 2021, "5.1 (bulk)",
     "CBP: 11,201 lb in FY2021 (powder and pills, not pure)", "check"),
    ("organisations' export revenue (trafficking and synthetics)", "revenue_by_activity", ("trafficking", "synthetics"),
     "flow", 1e-9, "US$2010 bn/yr", 2009, "5.8-10 (implied)",
     "Kilmer et al. 2010: marijuana US$1.5 bn = 15-26 % of export revenue (2008-2010)", "check"),
    ("organisations' revenue, all activities", "revenue_by_activity", None, "flow", 1e-9, "US$2010 bn/yr", 2015, "", "",
     "reported"),
    ("share of opioid retail supply with fentanyl", "fentanyl_share", "opioids", "share", 1, "1", 2016, "",
     "path in scenarios/exogenous.cfg from CDC deaths", "fitted (precursor capacity path)"),
    ("share of opioid retail supply with fentanyl", "fentanyl_share", "opioids", "share", 1, "1", 2019, "", "", "fitted"),
    ("share of opioid retail supply with fentanyl", "fentanyl_share", "opioids", "share", 1, "1", 2021, "", "", "fitted"),
    ("opioid overdose deaths", "overdose_deaths", "opioids", "flow", 1, "persons/yr", 2019, "about 45,000",
     "CDC WONDER (heroin, synthetic opioids, methadone)", "fitted (relative risk of fentanyl)"),
]


# Overdose deaths against CDC/NCHS (docs/sources-demand.md; "unverified" marks recollections):
# year, cocaine published, opioids (heroin + fentanyl) published, use
DEATHS = [
    (2000, "about 3,000 (AP/NIDA)", "about 2,000 heroin (NCHS Data Brief 190)", "fitted (od_rate)"),
    (2015, "6,784 (NIDA)", "heroin 12,989 + synthetic 9,580 (unverified)", "check"),
    (2019, "15,883 (NIDA)", "synthetic 36,359 + heroin about 14,000, overlapping", "fitted (fentanyl_rr, cocaine path)"),
    (2021, "24,486 (NIDA)", "synthetic 70,601 (MMWR)", "check"),
]


def axis_index(series, ds, label):
    """Index of label on the third axis of series ds (by its dimension scale's _name labels)."""
    for name in ("drug", "product", "activity"):
        if f"{name}_name" in series and label in list(strings(series[f"{name}_name"])) and \
                ds.shape[2] == len(series[f"{name}_name"]):
            return list(strings(series[f"{name}_name"])).index(label)
    raise SystemExit(f"supply_side.py: no axis of {ds.name} has the label {label}")


def fmt(v):
    lo, hi = np.percentile(v, [5, 95])
    m = v.mean()
    f = (lambda x: f"{x:,.0f}") if abs(m) >= 100 else (lambda x: f"{x:.3g}")
    return f"{f(m)} ({f(lo)}-{f(hi)})"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("result")
    a = ap.parse_args()
    with h5py.File(a.result, "r") as f:
        s = f["series"]
        days, epoch = days_since(s["time"], a.result)
        year = (epoch + days.astype("timedelta64[D]")).astype("datetime64[Y]").astype(int) + 1970
        od = s["overdose_deaths"][()]
        print("Overdose deaths a year against CDC/NCHS:")
        print()
        print("| year | cocaine: model | cocaine: CDC | opioids (heroin + fentanyl): model | opioids: CDC | use |")
        print("|---|---|---|---|---|---|")
        for y, coc, opi, use in DEATHS:
            sel = year == y
            if sel.any():
                c = od[:, sel, axis_index(s, s["overdose_deaths"], "cocaine")].sum(axis=1)
                o = od[:, sel, axis_index(s, s["overdose_deaths"], "opioids")].sum(axis=1)
                print(f"| {y} | {fmt(c)} | {coc} | {fmt(o)} | {opi} | {use} |")
        print()
        print("Psychostimulants (methamphetamine), model: " + "; ".join(
            f"{y} {fmt(od[:, year == y, axis_index(s, s['overdose_deaths'], 'methamphetamine')].sum(axis=1))}"
            for y in (2000, 2019) if (year == y).any()) + " (CDC: 16,167 psychostimulant deaths in 2019).")
        print()
        print("Drugs, money and fentanyl:")
        print()
        print("| quantity | year | model | unit | published | source | use |")
        print("|---|---|---|---|---|---|---|")
        for q, name, label, how, scale, unit, y, pub, src, use in ROWS:
            sel = year == y
            if not sel.any():
                continue
            ds = s[name]
            x = ds[()]
            if x.ndim == 3:
                labels = (label,) if isinstance(label, str) else label
                x = x.sum(axis=2) if label is None else sum(x[:, :, axis_index(s, ds, lb)] for lb in labels)
            v = x[:, sel].sum(axis=1) if how == "flow" else x[:, sel].mean(axis=1)
            print(f"| {q} | {y} | {fmt(v * scale)} | {unit} | {pub} | {src} | {use} |")
    print()
    print("Model: the baseline's replicates, mean (5-95 % range). The marijuana share of export revenue is in the "
          "natural-experiment table below (Kilmer et al. 2010). Seizures by CBP are of bulk powder and pills, the "
          "model's of pure fentanyl: at the 5-10 % purity of seized powder the published tonnes are 0.1-0.5 t pure.")


if __name__ == "__main__":
    main()
