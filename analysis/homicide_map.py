#!/usr/bin/python3
"""Heat table of homicides by Mexican state and calendar year in a cartelsim result.

Rows are the states of the series homicides_by_state (INEGI codes), ordered north to south by the
mean latitude of the state's plazas (/scenario/data/plazas.csv; file order if that table is missing);
columns are calendar years. A cell is the year's homicides, mean over replicates: each replicate's
weekly values (persons/week, the week starting at the time coordinate) are summed over the year, a
week that straddles New Year counting in each year with the share of its seven days that falls there
(so a year holds 365 or 366 days' worth, never 53 weeks). Calendar years the run does not cover
completely are left out (all partial years are shown, with a warning, if no year is complete).

With --per-capita, cells are per 100,000 people: each state's population is interpolated linearly
between the 2000 and 2020 census counts of /scenario/data/states.csv (taken as the populations of the
calendar years 2000 and 2020) and held flat before 2000 and after 2020. --csv writes the same table,
one row per state and year (columns state, year, value), states in the order of the rows.

Examples:
  analysis/homicide_map.py results/baseline.h5
  analysis/homicide_map.py results/baseline.h5 --per-capita --csv homicide_rates.csv -o rates.png
"""
import argparse
import csv
import io
import os
import signal
import sys

import h5py
import numpy as np

from resultfile import days_since, fail, strings, text, warn

PROG = "homicide_map.py"
SERIES = "homicides_by_state"
POP_COLUMNS = (("pop2000", "population_2000"), ("pop2020", "population_2020"))  # either name is accepted


def scale_of(ds, dim):
    """The first dimension scale attached to a dimension of ds, or None."""
    try:
        return ds.dims[dim][0] if len(ds.dims[dim]) else None
    except (KeyError, IndexError, RuntimeError, ValueError):
        return None


def axis_labels(f, ds, dim, fallback):
    """Labels of a series axis: the attached coordinate if it holds strings, else its `<axis>_name`
    char array (next to it, at the root or in /summary, as cartelsim writes label axes)."""
    scale = scale_of(ds, dim)
    axis = scale.name.rsplit("/", 1)[-1] if scale is not None else fallback
    if scale is not None and (scale.dtype.kind in "SOU"):
        return axis, strings(scale)
    group = ds.parent.name.rstrip("/")
    for cand in (f"{group}/{axis}_name", f"/{axis}_name", f"/summary/{axis}_name", f"{group}/{axis}", f"/{axis}"):
        if cand in f and isinstance(f[cand], h5py.Dataset) and f[cand].dtype.kind in "SOU":
            return axis, strings(f[cand])
    fail(f"{f.filename}: no labels for axis {dim} ('{axis}') of {ds.name} (looked for {axis}_name)")


def csv_rows(f, name):
    """The rows (dicts) of a CSV text stored in /scenario/data/<name>, comment lines (#) skipped, or None."""
    key = "scenario/data/" + name
    if key not in f:
        return None
    body = text(f[key][()])
    lines = [ln for ln in body.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


class Homicides:
    """The homicides_by_state series of a result file and the state tables it needs."""

    def __init__(self, path):
        if not os.path.isfile(path):
            fail(f"cannot open {path}: no such file")
        try:
            f = h5py.File(path, "r")
        except OSError as e:
            fail(f"cannot open {path}: {e}")
        with f:
            if "series" not in f:
                fail(f"{path} is not a cartelsim result file (no /series group)")
            if int(f.attrs.get("complete", 0)) != 1:
                warn(f"{path} is not marked complete")
            if SERIES not in f["series"]:
                version = text(f.attrs.get("cartelsim_version", "unknown"))
                fail(f"{path} has no series {SERIES}: it was written "
                     f"before the cartel dynamics (version attribute {version}); re-run the scenario with the current "
                     f"cartelsim: cartelsim run --from {path} -o NEW.h5")
            ds = f["series"][SERIES]
            if ds.ndim != 3:
                fail(f"{path}: {ds.name} should be [replicate, time, state], found shape {ds.shape}")
            _, self.states = axis_labels(f, ds, 2, "state")
            if len(self.states) != ds.shape[2]:
                fail(f"{path}: {ds.name} has {ds.shape[2]} states but its axis has {len(self.states)} labels")
            tscale = scale_of(ds, 1)
            tds = tscale if tscale is not None and tscale.ndim == 1 and tscale.dtype.kind == "f" else \
                f["time"] if "time" in f else f["series/time"] if "series/time" in f else None
            if tds is None:
                fail(f"{path} has no time coordinate (/time)")
            self.days, self.epoch = days_since(tds, path)
            if self.days.shape != (ds.shape[1],):
                fail(f"{path}: {ds.name} has {ds.shape[1]} weeks but {tds.name} has {self.days.size}")
            self.units = text(ds.attrs.get("units", "persons/week"))
            if self.units and not self.units.endswith("/week"):
                warn(f"{ds.name} has units '{self.units}', not a weekly flow; summed over each year all the same")
            self.data = np.asarray(ds[()], dtype=float)  # [replicate, time, state]
            self.name = text(f.attrs["scenario"] if "scenario" in f.attrs else
                             f.attrs.get("scenario_name", os.path.basename(path)))
            self.state_rows = csv_rows(f, "states.csv")
            self.plaza_rows = csv_rows(f, "plazas.csv")
        self.path = path
        self.replicates = self.data.shape[0]

    def annual(self):
        """(years, table [state, year]): calendar-year totals, mean over replicates; complete years
        only (all years, with a warning, if none is complete)."""
        years, per_rep = self.annual_replicates()
        return years, per_rep.mean(axis=0)

    def annual_replicates(self):
        """(years, table [replicate, state, year]): calendar-year totals of each replicate (weeks that
        straddle two years are shared by days); complete years only, as annual()."""
        start = self.epoch + np.floor(self.days).astype("int64").astype("timedelta64[D]")
        end = start + np.timedelta64(7, "D")
        years = np.arange(start.min().astype("datetime64[Y]"),
                          (end.max() - np.timedelta64(1, "D")).astype("datetime64[Y]") + np.timedelta64(1, "Y"))
        y0 = years.astype("datetime64[D]")
        y1 = (years + np.timedelta64(1, "Y")).astype("datetime64[D]")
        lo = np.maximum(start[None, :], y0[:, None])
        hi = np.minimum(end[None, :], y1[:, None])
        share = np.clip((hi - lo).astype(int), 0, 7) / 7.0  # [year, time]: share of week t in year y
        complete = (start.min() <= y0) & (end.max() >= y1)
        keep = np.flatnonzero(complete)
        if keep.size == 0:
            warn(f"no complete calendar year in {self.path}; partial years shown")
            keep = np.flatnonzero(share.sum(axis=1) > 0)
        data = self.data
        if np.isnan(data).any():
            warn(f"{SERIES} holds missing values (NaN) in {self.path}; they count as 0")
            data = np.nan_to_num(data)
        per_rep = np.einsum("yt,rts->rsy", share[keep], data)  # [replicate, state, year]
        return years[keep].astype(int) + 1970, per_rep

    def populations(self, years):
        """[state, year] population interpolated between the 2000 and 2020 census counts."""
        if self.state_rows is None:
            fail(f"{self.path} has no /scenario/data/states.csv: --per-capita needs the state populations")
        cols = self.state_rows[0].keys() if self.state_rows else []
        names = []
        for alternatives in POP_COLUMNS:
            found = [c for c in alternatives if c in cols]
            if not found or "code" not in cols:
                fail(f"{self.path}: /scenario/data/states.csv lacks a column code or "
                     f"{' or '.join(alternatives)} (has {', '.join(cols)})")
            names.append(found[0])
        pop = {}
        for r in self.state_rows:
            try:
                pop[r["code"].strip()] = (float(r[names[0]]), float(r[names[1]]))
            except (TypeError, ValueError):
                fail(f"{self.path}: /scenario/data/states.csv: bad population for state '{r['code']}'")
        missing = [s for s in self.states if s not in pop]
        if missing:
            fail(f"{self.path}: no population in /scenario/data/states.csv for {', '.join(missing)}")
        p0 = np.array([pop[s][0] for s in self.states])[:, None]
        p1 = np.array([pop[s][1] for s in self.states])[:, None]
        w = np.clip((np.asarray(years, dtype=float) - 2000.0) / 20.0, 0.0, 1.0)[None, :]
        return p0 + (p1 - p0) * w

    def north_to_south(self):
        """(row order, how it was chosen): states by decreasing mean plaza latitude; states without
        plazas after them in file order; file order if plazas.csv is missing."""
        rows = self.plaza_rows
        if not rows or "lat" not in rows[0] or "state" not in rows[0]:
            return list(range(len(self.states))), "rows in file order"
        lat = {}
        for r in rows:
            try:
                lat.setdefault(r["state"].strip(), []).append(float(r["lat"]))
            except (TypeError, ValueError):
                continue
        mean = [np.mean(lat[s]) if s in lat else -np.inf for s in self.states]
        without = [s for s in self.states if s not in lat]
        if without:
            warn(f"no plaza with a latitude in {', '.join(without)}; those states are listed last")
        return sorted(range(len(self.states)), key=lambda i: (-mean[i], i)), "rows north to south by mean plaza latitude"


def draw(h, years, table, per_capita, how, out):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker as mticker

    ns, ny = table.shape
    width = float(np.clip(2.6 + 0.26 * ny, 7.0, 16.0))
    height = float(np.clip(1.9 + 0.24 * ns, 4.0, 12.0))
    fig, ax = plt.subplots(figsize=(width, height))
    top = np.nanmax(table) if table.size and np.isfinite(table).any() else 1.0
    mesh = ax.pcolormesh(np.arange(ny + 1) - 0.5, np.arange(ns + 1) - 0.5, table, cmap="magma_r",
                         vmin=0, vmax=top if top > 0 else 1.0, shading="flat", edgecolors="white", linewidth=0.3)
    ax.set_ylim(ns - 0.5, -0.5)
    ax.set_yticks(np.arange(ns))
    ax.set_yticklabels([h.states[i] for i in h.order], fontsize=8 if ns <= 40 else 6)
    step = 1 if ny <= 16 else 2 if ny <= 32 else 5
    ticks = [j for j in range(ny) if years[j] % step == 0] or list(range(ny))
    ax.set_xticks(ticks)
    ax.set_xticklabels([str(years[j]) for j in ticks], fontsize=8, rotation=90 if step == 1 and ny > 10 else 0)
    ax.tick_params(length=0)
    for s in ax.spines.values():
        s.set_visible(False)
    ax.set_xlabel("calendar year")
    ax.set_ylabel("state (INEGI code)")
    unit = "homicides per 100,000 people per year" if per_capita else "homicides per year"
    cb = fig.colorbar(mesh, ax=ax, fraction=0.035, pad=0.02)
    cb.set_label(unit + f" (mean of {h.replicates} replicate{'s' if h.replicates != 1 else ''})", fontsize=9)
    cb.ax.tick_params(labelsize=8)
    if not per_capita and top >= 1000:
        cb.ax.yaxis.set_major_formatter(mticker.FuncFormatter(lambda x, _: f"{x:,.0f}"))
    cb.outline.set_visible(False)
    fig.suptitle(f"{h.name}: homicides by state" + (" per 100,000 people" if per_capita else ""), fontsize=13,
                 fontweight="bold", y=1 - 0.1 / height, va="top")
    national = table.sum(axis=0) if not per_capita else None
    sub = f"calendar-year totals, mean over replicates; {how}"
    if national is not None and ny:
        sub += f"; national total {national.min():,.0f}-{national.max():,.0f} per year"
    fig.text(0.5, 1 - 0.45 / height, sub, ha="center", va="top", fontsize=9, color="#444444")
    fig.text(0.5, 0.06 / height, os.path.basename(h.path), ha="center", va="bottom", fontsize=8, color="#666666")
    fig.tight_layout(rect=(0, 0.2 / height, 1, 1 - 0.6 / height))
    try:
        fig.savefig(out, dpi=130)
    except (OSError, ValueError) as e:
        fail(f"cannot write {out}: {e}")
    plt.close(fig)


def write_csv(path, states, years, table):
    try:
        with open(path, "w", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["state", "year", "value"])
            for i, s in enumerate(states):
                for j, y in enumerate(years):
                    w.writerow([s, int(y), format(float(table[i, j]), ".10g")])
    except OSError as e:
        fail(f"cannot write {path}: {e}")


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog=PROG, description=__doc__.split("\n")[0],
        epilog="\n".join(__doc__.split("\n")[2:]), formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("result", metavar="RESULT.h5", help="result file written by `cartelsim run`")
    p.add_argument("-o", "--output", metavar="OUT.png",
                   help="image to write (PNG, PDF or SVG by extension; default RESULT-homicide-map.png next to the file)")
    p.add_argument("--per-capita", action="store_true", help="homicides per 100,000 people instead of counts")
    p.add_argument("--csv", metavar="OUT.csv", help="also write the table as CSV (state, year, value)")
    return p.parse_args(argv)


def main(argv):
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # piping into `head` ends quietly
    args = parse_args(argv)
    h = Homicides(args.result)
    years, table = h.annual()
    if args.per_capita:
        table = table / h.populations(years) * 1e5
    h.order, how = h.north_to_south()
    table = table[h.order]
    if args.csv:
        write_csv(args.csv, [h.states[i] for i in h.order], years, table)
        print(f"wrote {args.csv}")
    out = args.output or os.path.splitext(args.result)[0] + "-homicide-map.png"
    draw(h, years, table, args.per_capita, how, out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
