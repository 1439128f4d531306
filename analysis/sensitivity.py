#!/usr/bin/python3
"""One-at-a-time sensitivity of key outcomes to every parameter whose source is an assumption.

For each such parameter (read from `cartelsim params`, so the list follows model/params.def), run the
scenario with the value halved and doubled (clipped to the parameter's range), same seed (common
random numbers), and report the change of the key outcomes in a target year against the unchanged
run. The key outcomes are those of the run summary, declared in model/outcomes.def and read from
`cartelsim outcomes --json`: a flow counts as its total over the year (each week with its share of
days in the year), a stock as its mean over the weeks of the year. Writes a Markdown table
(docs/sensitivity.md by default).

    analysis/sensitivity.py [--cartelsim build/cartelsim] [--scenario scenarios/baseline.cfg]
                            [--year 2035] [--replicates 4] [--scale 400] [-o docs/sensitivity.md]

The binary is --cartelsim, else $CARTELSIM, else build/cartelsim of this repository.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

import h5py
import numpy as np

from resultfile import days_since, find_cartelsim, key_outcomes


def read_params(cs):
    """Parse `cartelsim params`: path = default [min .. max] unit (type, kind) / meaning / source."""
    text = subprocess.run([cs, "params"], check=True, capture_output=True, text=True).stdout
    rows = []
    for block in re.split(r"\n(?=\S)", text.strip()):
        head = block.splitlines()[0]
        m = re.match(r"(\S+) = (\S+)\s+\[(\S+) \.\. (\S+)\] (\S+)\s+\((\w+), (\w+)\)", head)
        src = re.search(r"source: (.*)", block)
        if m and src and m.group(6) == "real":
            rows.append(dict(path=m.group(1), default=float(m.group(2)), lo=float(m.group(3)), hi=float(m.group(4)),
                             unit=m.group(5), source=src.group(1)))
    return rows


def outcomes(path, year, keys):
    """Each key outcome in the calendar year, one value per replicate: flows summed with each week's
    share of days in the year, stocks averaged over the weeks that start in it."""
    with h5py.File(path, "r") as f:
        days, epoch = days_since(f["series/time"], path)  # start of each week
        y0, y1 = [float((np.datetime64(f"{y}-01-01") - epoch) / np.timedelta64(1, "D")) for y in (year, year + 1)]
        share = np.clip(np.minimum(days + 7, y1) - np.maximum(days, y0), 0, 7) / 7
        inside = (days >= y0) & (days < y1)
        res = {}
        for o in keys:
            x = f["series/" + o["series"]][:]  # [replicate, time] or [replicate, time, axis]
            x = x.sum(axis=2) if x.ndim == 3 else x
            per_rep = (x * share).sum(axis=1) if o["how"] == "flow" else x[:, inside].mean(axis=1)
            res[o["series"]] = per_rep
        return res


def cell(v, b):
    """The change of the mean over replicates, in per cent of the reference's, and whether it stands
    out from the path noise: more than two standard errors of the paired differences (replicate r of
    the variant against replicate r of the reference, common random numbers)."""
    mb = b.mean()
    if not mb:
        return "n/a"
    change = 100 * (v.mean() / mb - 1)
    if len(v) < 2:
        return f"{change:+.1f}"
    se = 100 * np.std(v - b, ddof=1) / np.sqrt(len(v)) / abs(mb)
    return f"{change:+.1f}" if abs(change) > 2 * se or se == 0 else f"({change:+.1f})"


def header(o):
    return o["title"] + (" /yr" if o["how"] == "flow" else "")


def shown(o, v):
    """A reference value in the unit of the run summary."""
    x = v / o["divisor"]
    num = f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"
    return f"{o['title']} {num} {o['unit']}" + ("/yr" if o["how"] == "flow" else "")


class SetByTimeline(Exception):
    """The scenario's timeline sets the parameter (a path of values), so --set cannot vary it."""


def run(cs, scenario, out, sets):
    cmd = [cs, "run", scenario, "-o", out, "-q"] + [a for s in sets for a in ("--set", s)]
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode == 2 and "timeline sets it again" in r.stderr:
        raise SetByTimeline(r.stderr.strip())
    if r.returncode:
        sys.exit(f"sensitivity.py: {' '.join(cmd)} failed:\n{r.stderr}")


# Assumptions whose default is 0 (a rule turned off, which halving and doubling cannot move): the
# two values each is tried at. conflict.execution_rear: halfway, and the rule before 2026-12-04 (the
# whole organisation purges at war); cartels.hire_share and conflict.splinter_rivalry: the range their
# grids covered (model.md 3.8, 3.10).
PROBES = {"conflict.execution_rear": [0.5, 1.0], "cartels.hire_share": [0.02, 0.05],
          "conflict.splinter_rivalry": [0.05, 0.2]}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cartelsim", help="the cartelsim binary (default: $CARTELSIM, else build/cartelsim)")
    ap.add_argument("--scenario", default="scenarios/baseline.cfg")
    ap.add_argument("--year", type=int, default=2035)
    ap.add_argument("--replicates", type=int, default=4)
    ap.add_argument("--scale", type=float, default=400)
    ap.add_argument("-o", "--output", default="docs/sensitivity.md")
    ap.add_argument("--prefix", nargs="*", default=[],
                    help="only parameters whose path starts with one of these (e.g. cartels. conflict.)")
    ap.add_argument("--outcomes", nargs="*", default=[], help="only these key outcomes (series names)")
    ap.add_argument("--append", action="store_true", help="append the table as a section of the output file")
    ap.add_argument("--title", default=None, help="the title of the appended section")
    a = ap.parse_args()
    a.cartelsim = find_cartelsim(a.cartelsim)
    keys = key_outcomes(a.cartelsim)
    unknown = set(a.outcomes) - {o["series"] for o in keys}
    if unknown:
        sys.exit(f"sensitivity.py: not key outcomes: {' '.join(sorted(unknown))} (see `cartelsim outcomes`)")
    if a.outcomes:
        keys = [o for o in keys if o["series"] in a.outcomes]
    common = [f"sim.replicates={a.replicates}", f"sim.agent_scale={a.scale}", f"sim.end={a.year}-12"]
    params = [p for p in read_params(a.cartelsim) if p["source"].startswith("assumption")
              and (p["default"] != 0 or p["path"] in PROBES)
              and (not a.prefix or any(p["path"].startswith(x) for x in a.prefix))]
    with tempfile.TemporaryDirectory() as tmp:
        base_file = os.path.join(tmp, "base.h5")
        run(a.cartelsim, a.scenario, base_file, common)
        base = outcomes(base_file, a.year, keys)
        noise_file = os.path.join(tmp, "noise.h5")
        with h5py.File(base_file, "r") as f:
            ref_seed = int(f.attrs["seed"])
        seed = ref_seed + 7919
        run(a.cartelsim, a.scenario, noise_file, common + [f"sim.seed={seed}"])
        noise = outcomes(noise_file, a.year, keys)
        title = (f"## {a.title or 'Organisation parameters'} (scenario `{a.scenario}`, {a.replicates} replicates)"
                 if a.append else "# cartelsim sensitivity to assumed parameters")
        lines = [
            title,
            "",
            f"Generated by `analysis/sensitivity.py` (scenario `{a.scenario}`, {a.replicates} replicates, 1 agent = "
            f"{a.scale:g} people, same seed for every run). Every parameter whose source in `model/params.def` is an "
            f"*assumption* is halved and doubled (clipped to its range) one at a time (one whose default is 0, a rule "
            f"turned off, is tried at the two values of the script's PROBES instead); cells give the change of the "
            f"outcome in {a.year} against the unchanged run, in per cent. Large entries mark the assumptions that most "
            f"deserve better evidence. A row of zeros means the parameter does not act in this scenario: price "
            f"elasticities, for instance, act only when prices move away from their reference level. The "
            f"organisation outcomes are heavy-tailed across replicates (one split of a large organisation and "
            f"its war can double a replicate's homicides). A change in parentheses is within two standard errors of "
            f"the paired differences over the replicates (replicate r of the changed run against replicate r of "
            f"the unchanged one): not told apart from the noise of the paths. The first row is the unchanged run "
            f"with another seed (`sim.seed` = {seed}): every cell of it is noise, the size to hold the other rows "
            f"against (its cells are not paired, so they carry no parentheses).",
            "",
            f"Reference values in {a.year}: " + "; ".join(shown(o, base[o["series"]].mean()) for o in keys) + ".",
            "",
            "The costs of the levers (`costs.*`) show zeros: they do not act on the model's outcomes, only on the cost "
            "ratios of `cartelsim compare`, which are proportional to each of them. Parameters of levers that are off "
            "in the scenario (US strikes, deportations beyond the calibration's, tariffs) show zeros too; their rows "
            "in a scenario where they act are in the sections that follow. Parameters that the scenario's timelines "
            "set as a path of values are marked: one --set cannot vary them. Regenerate with "
            "`analysis/sensitivity_all.sh` (about 20 minutes on two cores).",
            "",
            "| parameter | default | tried | " + " | ".join(header(o) for o in keys) + " |",
            "|---|---|---|" + "---|" * len(keys),
            f"| another seed (noise) | {ref_seed} | {seed} | "
            + " | ".join(f"{100 * (noise[o['series']].mean() / base[o['series']].mean() - 1):+.1f}"
                         if base[o["series"]].mean() else "n/a" for o in keys) + " |",
        ]
        for p in params:
            tries = PROBES.get(p["path"]) or [p["default"] * f for f in (0.5, 2.0)]
            for t in tries:
                v = min(max(t, p["lo"]), p["hi"])
                if v == p["default"]:
                    continue
                out = os.path.join(tmp, "s.h5")
                try:
                    run(a.cartelsim, a.scenario, out, common + [f"{p['path']}={v!r}"])
                except SetByTimeline:
                    lines.append(f"| `{p['path']}` | {p['default']:g} {p['unit']} | set by the scenario's timeline "
                                 f"(a path of values, not varied here) |" + " |" * (len(keys) - 1))
                    print(lines[-1], file=sys.stderr)
                    break
                res = outcomes(out, a.year, keys)
                cells = [cell(res[o["series"]], base[o["series"]]) for o in keys]
                lines.append(f"| `{p['path']}` | {p['default']:g} {p['unit']} | {v:g} | " + " | ".join(cells) + " |")
                print(lines[-1], file=sys.stderr)
    with open(a.output, "a" if a.append else "w") as f:
        f.write(("\n" if a.append else "") + "\n".join(lines) + "\n")
    print(f"wrote {a.output}")


if __name__ == "__main__":
    main()
