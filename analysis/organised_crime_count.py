#!/usr/bin/python3
"""Organised-crime homicides of 2007-2010 against the federal government's count (a check).

Usage: analysis/organised_crime_count.py RESULT.h5

The Calderon government's database of homicides "presumably related to rivalry between criminal
organisations" (executions, confrontations between groups and with the forces, attacks; released by
the Presidency in January 2011 and by the PGR in January 2012): 2,826 in 2007, 6,838 in 2008, 9,614
in 2009 and 15,273 in 2010, half of 2010's in Chihuahua, Sinaloa and Tamaulipas (docs/sources-cartels.md
section 3). The model's organised-crime homicides are every type but "other" (series `homicides`),
and by state `organised_crime_homicides_by_state`. A Markdown table on standard output, for
docs/validation-results.md (make validation): mean over replicates and 5-95 % range. No parameter was
fitted to these figures (the calibration uses INEGI's homicides of all kinds and Duran-Martinez et al.'s
drug-related homicides of 2005)."""
import os
import signal
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from resultfile import days_since, fail, strings  # noqa: E402

PGR = {2007: 2826, 2008: 6838, 2009: 9614, 2010: 15273}
THREE = ("CHIH", "SIN", "TAMPS")  # half of the count of 2010 (the Presidency, January 2011)


def rng(x, fmt="{:,.0f}"):
    return f"{fmt.format(np.mean(x))} ({fmt.format(np.percentile(x, 5))}-{fmt.format(np.percentile(x, 95))})"


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if len(sys.argv) != 2 or sys.argv[1].startswith("-"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        sys.exit(2)
    path = sys.argv[1]
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        fail(f"cannot open {path}: {e}")
    with f:
        s = f["series"]
        for name in ("homicides", "organised_crime_homicides_by_state", "time"):
            if name not in s:
                fail(f"{path}: no series/{name} (a result of an older cartelsim?)")
        days, epoch = days_since(s["time"], path)
        year = (epoch + days.astype("timedelta64[D]")).astype("datetime64[Y]").astype(int) + 1970
        types = list(strings(s["homicide_type_name"]))
        hom = s["homicides"][()]
        oc = hom[:, :, [i for i, t in enumerate(types) if t != "other"]].sum(axis=2)
        by_state = s["organised_crime_homicides_by_state"][()]
        labels = list(strings(f["state_name"]))  # the codes of states.csv
    if year.max() < 2010:
        fail(f"{path} ends before 2010")
    print("| year | organised-crime homicides, federal count | model | model / count |")
    print("|---|---|---|---|")
    for y in sorted(PGR):
        m = oc[:, year == y].sum(axis=1)
        print(f"| {y} | {PGR[y]:,} | {rng(m)} | {np.mean(m) / PGR[y]:.2f} |")
    r0, r1 = oc[:, year == 2007].sum(axis=1), oc[:, year == 2010].sum(axis=1)
    print(f"| 2010 / 2007 | x{PGR[2010] / PGR[2007]:.2f} | x{np.mean(r1) / np.mean(r0):.2f} (ratio of means) | |")
    idx = [i for i, c in enumerate(labels) if c in THREE]
    if len(idx) != len(THREE):
        fail(f"{path}: states {', '.join(THREE)} not found among {', '.join(map(str, labels))}")
    y10 = by_state[:, year == 2010, :].sum(axis=1)
    share = y10[:, idx].sum(axis=1) / np.maximum(y10.sum(axis=1), 1e-9)
    print(f"| share of 2010's in Chihuahua, Sinaloa and Tamaulipas | about 50 % | {rng(100 * share, '{:.0f}')} % | |")
    print()
    print("Count: the federal government's database of homicides presumably related to criminal rivalry "
          "(the Presidency, January 2011; the PGR, January 2012; docs/sources-cartels.md section 3); "
          f"model: {oc.shape[0]} replicates, every homicide type but \"other\", mean (5-95 % range). A check: "
          "no parameter was fitted to it.")


if __name__ == "__main__":
    main()
