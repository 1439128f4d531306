#!/usr/bin/python3
"""The 2008-2011 wave of homicides by state: a cartelsim result against INEGI's state-by-year record.

Usage: analysis/state_wave.py RESULT.h5 [--data DIR] [--from 2007] [--to 2010]

For the seven states where the wave of 2008-2011 was concentrated (Chihuahua, Sinaloa, Durango,
Guerrero, Tamaulipas, Nuevo Leon, Michoacan) and for the rest of Mexico: homicides in the first and
the last year, their ratio, and the share of the national rise between the two years that the state
accounts for, in the record and in the model (mean over replicates and its 5-95 % range; the share as
a ratio of mean rises, with a bootstrap range). A Markdown
table on standard output, for docs/validation-results.md (make validation).

The record is INEGI's deaths by assault by state and year of occurrence, read from the development
data folder (--data, by default ../shared/data beside the repository; the file is not part of
cartelsim). Both years must lie in 2000-2012, the fitting window (docs/validation.md): the model was
calibrated on the national series of those years, not on this table, so the state shares check how
the model places violence, which no parameter was chosen to fit."""
import argparse
import csv
import os
import signal
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from homicide_map import Homicides  # noqa: E402
from resultfile import fail  # noqa: E402

RECORD = "mx_homicides_inegi_occurrence_state_year_2000_2012.csv"
WAVE = ["Chihuahua", "Sinaloa", "Durango", "Guerrero", "Tamaulipas", "Nuevo León", "Michoacán de Ocampo"]


def record(path):
    """{(state index 0-31, year): homicides} from INEGI's table (cve_ent 01-32 in states.csv order)."""
    out, names = {}, {}
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                i = int(row["cve_ent"]) - 1
                out[(i, int(row["year"]))] = float(row["homicides_occurred"])
                names[i] = row["state"]
    except OSError as e:
        fail(f"cannot read the record {path}: {e} (give its folder with --data)")
    return out, names


def rng(x):
    return f"{np.mean(x):,.0f} ({np.percentile(x, 5):,.0f}-{np.percentile(x, 95):,.0f})"


def pct(x):
    return f"{100 * np.mean(x):.0f} % ({100 * np.percentile(x, 5):.0f}-{100 * np.percentile(x, 95):.0f})"


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("result")
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data"))
    ap.add_argument("--from", dest="y0", type=int, default=2007)
    ap.add_argument("--to", dest="y1", type=int, default=2010)
    a = ap.parse_args()
    if not (2000 <= a.y0 < a.y1 <= 2012):
        fail(f"--from {a.y0} --to {a.y1}: both years must lie in the fitting window 2000-2012, first before last")
    rec, names = record(os.path.join(a.data, RECORD))
    h = Homicides(a.result)
    years, per_rep = h.annual_replicates()  # [replicate, state, year]
    if a.y0 not in years or a.y1 not in years:
        fail(f"{a.result} does not cover {a.y0} and {a.y1} whole (it has {years.min()}-{years.max()})")
    n = per_rep.shape[1]
    if n != len(names):
        fail(f"{a.result} has {n} states, the record {len(names)}")
    j0, j1 = int(np.flatnonzero(years == a.y0)[0]), int(np.flatnonzero(years == a.y1)[0])
    m0, m1 = per_rep[:, :, j0], per_rep[:, :, j1]  # [replicate, state]
    r0 = np.array([rec[(i, a.y0)] for i in range(n)])
    r1 = np.array([rec[(i, a.y1)] for i in range(n)])
    rise_rec, rise_mod = (r1 - r0).sum(), (m1 - m0).sum(axis=1)
    wave = [i for i in range(n) if names[i] in WAVE]
    groups = [(names[i], [i]) for i in wave] + [("the seven together", wave),
                                                 ("rest of Mexico", [i for i in range(n) if i not in wave]),
                                                 ("Mexico", list(range(n)))]
    print(f"| state | {a.y0}, INEGI | {a.y0}, model | {a.y1}, INEGI | {a.y1}, model | ratio, INEGI | ratio, model "
          f"| share of the national rise, INEGI | share, model |")
    print("|---|---|---|---|---|---|---|---|---|")
    n_rep = per_rep.shape[0]
    resamples = np.random.default_rng(2010).integers(0, n_rep, size=(1000, n_rep))  # fixed: same table every run
    for label, idx in groups:
        x0, x1 = m0[:, idx].sum(axis=1), m1[:, idx].sum(axis=1)
        g0, g1 = r0[idx].sum(), r1[idx].sum()
        share_rec = (g1 - g0) / rise_rec if rise_rec else float("nan")
        # share of the mean national rise (a ratio of means: a replicate whose own national rise is near
        # zero would make a per-replicate share meaningless), 5-95 % over bootstrap resamples of replicates
        share_mod = np.mean(x1 - x0) / np.mean(rise_mod) if np.mean(rise_mod) else float("nan")
        boot = np.array([np.mean((x1 - x0)[b]) / np.mean(rise_mod[b]) for b in resamples])
        boot = boot[np.isfinite(boot)]
        share_txt = (f"{100 * share_mod:.0f} % ({100 * np.percentile(boot, 5):.0f}-{100 * np.percentile(boot, 95):.0f})"
                     if np.isfinite(share_mod) and boot.size else "n/a")
        print(f"| {label} | {g0:,.0f} | {rng(x0)} | {g1:,.0f} | {rng(x1)} | {g1 / g0:.2f} | "
              f"{np.mean(x1 / x0):.2f} ({np.percentile(x1 / x0, 5):.2f}-{np.percentile(x1 / x0, 95):.2f}) | "
              f"{100 * share_rec:.0f} % | {share_txt} |")
    print()
    print(f"Record: INEGI deaths by assault by state of occurrence ({RECORD}, development data; its national row, the sum "
          f"of the states, differs by up to about 2 % from the national series by registration of the history table). Model: "
          f"{per_rep.shape[0]} replicates, mean (5-95 % range); the model's share is of the mean national rise "
          f"{a.y0}-{a.y1} (5-95 % over 1,000 bootstrap resamples of the replicates). No parameter was fitted to this table.")


if __name__ == "__main__":
    main()
