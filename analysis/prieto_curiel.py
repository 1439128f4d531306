#!/usr/bin/python3
"""cartelsim beside Prieto-Curiel, Campedelli & Hope (2023, Science): their status quo 2022-2027 and
their two experiments, halve recruitment and double incapacitation, from 2022.

    analysis/prieto_curiel.py BASELINE.h5 HALVE.h5 DOUBLE.h5

BASELINE.h5 is the baseline, HALVE.h5 scenarios/pc_halve_recruitment.cfg and DOUBLE.h5
scenarios/pc_double_incapacitation.cfg, same seed. Members at the start of 2027 against the start of
2022 and against the status quo; members killed (their "deaths": in fights and confrontations) in
calendar 2027 against 2022 and the status quo; paired, with a 90 % t interval over replicates. Their
figures are those of their public code (ReclutamientoC.R, commit a1db30c, run with Debian's R:
docs/model.md 3.8), not of the paper's text. The differences are explained in docs/model.md 3.8.
"""
import argparse
import signal

import h5py
import numpy as np

from resultfile import days_since, fail, interval

THEIRS = {  # their code's outputs, start of 2027 against the start of 2022 / against their status quo
    "status quo": {"members vs 2022": 23.0, "deaths vs 2022": 36.4},
    "halve recruitment": {"members vs status quo": -26.7, "deaths vs status quo": -45.5, "members vs 2022": -9.9,
                          "deaths vs 2022": -25.8},
    "double incapacitation": {"members vs status quo": -13.9, "deaths vs status quo": -25.3, "members vs 2022": 5.9,
                              "deaths vs 2022": 1.7},
}


def load(path):
    with h5py.File(path, "r") as f:
        g = f["series"]
        days, epoch = days_since(g["time"], path)
        month = (epoch + np.round(days).astype("timedelta64[D]")).astype("datetime64[M]")
        year = month.astype("datetime64[Y]").astype(int) + 1970
        first = lambda y: np.flatnonzero(month == np.datetime64(f"{y}-01"))
        if not len(first(2022)) or not len(first(2027)) or not (year == 2027).any():
            fail(f"{path}: the run must cover 2022-2027")
        m = g["members"][()]
        k = g["members_killed"][()]
        return {"m22": m[:, first(2022)].mean(axis=1), "m27": m[:, first(2027)].mean(axis=1),
                "k22": k[:, year == 2022].sum(axis=1), "k27": k[:, year == 2027].sum(axis=1)}


def pct(m, lo, hi):
    return f"{m:+6.1f} % ({lo:+.1f} to {hi:+.1f})"


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # piping into `head` ends quietly
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0], epilog=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("baseline")
    ap.add_argument("halve")
    ap.add_argument("double")
    a = ap.parse_args()
    b, h, d = load(a.baseline), load(a.halve), load(a.double)
    rows = [("status quo", "members vs 2022", interval(100 * (b["m27"] / b["m22"] - 1))),
            ("status quo", "deaths vs 2022", interval(100 * (b["k27"] / b["k22"] - 1)))]
    for name, r in (("halve recruitment", h), ("double incapacitation", d)):
        rows += [(name, "members vs status quo", interval(100 * (r["m27"] / b["m27"] - 1))),
                 (name, "deaths vs status quo", interval(100 * (r["k27"] / b["k27"] - 1))),
                 (name, "members vs 2022", interval(100 * (r["m27"] / b["m22"] - 1))),
                 (name, "deaths vs 2022", interval(100 * (r["k27"] / b["k22"] - 1)))]
    print(f"| experiment | outcome (2027) | Prieto-Curiel et al., their code | cartelsim, {len(b['m22'])} paired replicates (90 % interval) |")
    print("|---|---|---|---|")
    for exp, what, (m, lo, hi) in rows:
        print(f"| {exp} | {what} | {THEIRS[exp][what]:+.1f} % | {pct(m, lo, hi)} |")
    print(f"\ncartelsim 2022: {b['m22'].mean():,.0f} members (theirs 174,125), "
          f"{b['k22'].mean() / 52.18:.0f} members killed a week (theirs 124.5)")


if __name__ == "__main__":
    main()
