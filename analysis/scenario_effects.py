#!/usr/bin/python3
"""The README's scenario table from real runs: for every scenario of analysis/scenario_checks.py run in
DIR beside baseline.h5 (same seed), each declared effect as a paired change against the baseline with
its 90 % t interval over replicates; an effect whose interval contains zero is marked "(n.s.)".

    analysis/scenario_effects.py DIR [--scenarios scenarios] [--readme README.md] [--summary RUN.txt]

Without --readme the table is printed; with it, the part of the file between the lines
<!-- scenario-effects:begin --> and <!-- scenario-effects:end --> is replaced (atomically); with --summary,
the part between <!-- summary:begin --> and <!-- summary:end --> gets the closing table of that
baseline run (the text `cartelsim run` printed). `make effects` runs the scenarios and calls this script.
"""
import argparse
import os
import re
import sys
import tempfile

import h5py

from resultfile import fail
from scenario_checks import EFFECTS, effect

BEGIN, END = "<!-- scenario-effects:begin -->", "<!-- scenario-effects:end -->"
S_BEGIN, S_END = "<!-- summary:begin -->", "<!-- summary:end -->"


def replace(doc, begin, end, text, path):
    if begin not in doc or end not in doc:
        fail(f"{path}: no {begin} ... {end} lines to replace")
    return doc[:doc.index(begin) + len(begin)] + "\n" + text + "\n" + doc[doc.index(end):]


def description(path):
    m = re.search(r'^description\s*=\s*"([^"]*)"', open(path, encoding="utf-8").read(), re.M)
    return m.group(1) if m else ""


def fmt(m, lo, hi, base):
    if not base:
        return f"{m:+.3g} ({lo:+.3g} to {hi:+.3g})"
    pct = lambda x: 100 * x / abs(base)
    ns = " (n.s.)" if lo <= 0 <= hi else ""
    return f"{pct(m):+.0f} % ({pct(lo):+.0f} to {pct(hi):+.0f}){ns}"


def table(directory, scen_dir):
    if not os.path.exists(os.path.join(directory, "baseline.h5")):
        fail(f"{directory}: no baseline.h5")
    with h5py.File(os.path.join(directory, "baseline.h5"), "r") as f:
        n_rep = f["series"]["homicides_total"].shape[0]
    rows = ["| file | question | what moves: paired change against the baseline, 90 % interval over replicates "
            "(years 2028-2032 unless given; n.s.: the interval contains zero) |", "|---|---|---|",
            "| `baseline.cfg` | the reference path 2000-2045 (history to 2025) | |"]
    order = []
    for run, *_ in EFFECTS:
        if run not in order:
            order.append(run)
    for run in order:
        if not os.path.exists(os.path.join(directory, run + ".h5")):
            fail(f"{directory}: no {run}.h5 (run every scenario of analysis/scenario_checks.py first)")
        parts = []
        for r, name, kw, _ in EFFECTS:
            if r == run:
                m, lo, hi, base, _n = effect(directory, run, name, kw)
                parts.append(f"{kw.get('title', name)} {fmt(m, lo, hi, base)}")
        rows.append(f"| `{run}.cfg` | {description(os.path.join(scen_dir, run + '.cfg'))} | {'; '.join(parts)} |")
    rows.append("")
    rows.append(f"Measured with `make effects` ({n_rep} replicates of each scenario, the default scale, same seed); "
                "every row is regenerated from the runs, none is written by hand.")
    return "\n".join(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0], epilog=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("--scenarios", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scenarios"))
    ap.add_argument("--readme")
    ap.add_argument("--summary", help="the text a baseline run printed, for the README's example")
    a = ap.parse_args()
    text = table(a.dir, a.scenarios)
    if not a.readme:
        print(text)
        return
    doc = replace(open(a.readme, encoding="utf-8").read(), BEGIN, END, text, a.readme)
    if a.summary:
        run = open(a.summary, encoding="utf-8").read().strip("\n")
        if "key outcomes" not in run:
            fail(f"{a.summary}: not the output of a cartelsim run")
        doc = replace(doc, S_BEGIN, S_END, "```\n" + run[run.index(next(l for l in run.splitlines() if "key outcomes" in l)):] + "\n```", a.readme)
    new = doc
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(a.readme)), prefix=".readme.")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(new)
    os.replace(tmp, a.readme)
    print(f"{a.readme}: scenario table regenerated from {a.dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
