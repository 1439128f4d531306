#!/usr/bin/python3
"""Plot series of a cartelsim result file: median over replicates with a 5-95 % band.

One panel per series, titled by the series' meaning (its long name), with its code name and how it is
counted under the title; a series with a drug axis gets one line per drug, one with another axis
(state, crossing, lineage, ...) a line for each of its ten largest labels, each label with the same
colour in every plot and line styles that tell overlapping lines apart; a dashed line marks where the
scenario's own policy begins (its first `policy` entry; the history before it is shared background). Weekly values come from
/summary (computed by cartelsim over all replicates). With --annual, each replicate's weekly values
are first aggregated by calendar year (flows, whose units end in "/week", are summed with each week
weighted by the share of its days in the year, so no year has 53 weeks; stocks are averaged the same
way) and the median and 5-95 % band are then taken over replicates; incomplete calendar years at the
ends of the run are left out.

Examples:
  analysis/plot.py results/baseline.h5
  analysis/plot.py results/baseline.h5 --series overdose_deaths users_heavy --drug opioids --annual
  analysis/plot.py results/baseline.h5 --list
"""
import argparse
import difflib
import os
import re
import signal
import sys
import zlib

import h5py
import numpy as np

from resultfile import days_since, fail, strings, text, warn

DEFAULT_SERIES = [("users_heavy", False), ("overdose_deaths", True), ("in_treatment", False),
                  ("illicit_spending", True), ("revenue", True), ("seized", True), ("homicides", True),
                  ("members", False), ("organisations_active", False)]
DRUG_COLOURS = ["#2ca02c", "#1f77b4", "#d62728", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
SINGLE_COLOUR = "#333333"


def char_labels(ds):
    """A netCDF char array [n, strlen] as a list of str."""
    return list(strings(ds))


def decode_time(ds):
    """A CF time coordinate in "days since YYYY-MM-DD" as datetime64[D]."""
    days, epoch = days_since(ds, ds.file.filename)
    return epoch + np.rint(days).astype("int64").astype("timedelta64[D]")


class Result:
    """What plot.py needs from a result file, read with h5py."""

    def __init__(self, path):
        if not os.path.isfile(path):
            fail(f"cannot open {path}: no such file")
        try:
            self.f = h5py.File(path, "r")
        except (OSError, FileNotFoundError) as e:
            fail(f"cannot open {path}: {e}")
        if "series" not in self.f or "summary" not in self.f:
            fail(f"{path} is not a cartelsim result file (no /series or /summary group)")
        if int(self.f.attrs.get("complete", 0)) != 1:
            warn(f"{path} is not marked complete")
        self.path = path
        self.warned_partial = False
        self.name = text(self.f.attrs.get("scenario_name", os.path.basename(path)))
        # where the scenario's own policy begins (its first `policy` entry; the history is background)
        self.policy_from = None
        if "scenario" in self.f and "config" in self.f["scenario"]:
            cfg = text(self.f["scenario"]["config"][()])
            m = re.search(r'\npolicy = \(\s*\{ at = "(\d{4}-\d{2})"', cfg)
            if m:
                self.policy_from = np.datetime64(m.group(1) + "-01")
        variant = text(self.f.attrs.get("scenario_variant", ""))
        if variant:  # a run with overrides is not the scenario itself
            self.name += " " + variant
        self.replicates = int(self.f.attrs.get("replicates", self.f["series/replicate"].shape[0]))
        self.dates = decode_time(self.f["summary/time"])
        self.years = self.dates.astype("datetime64[Y]").astype(int) + 1970
        self.drugs = char_labels(self.f["summary/drug_name"])
        self.stats = char_labels(self.f["summary/stat_name"])
        self.series = [n for n, d in self.f["series"].items()  # data variables, not coordinates
                       if isinstance(d, h5py.Dataset) and d.ndim >= 2 and d.dtype.kind == "f"]

    def axis(self, name):
        """Name and labels of a series' third axis (drug, product, crossing, organisation), or (None, [])."""
        ds = self.f["series"][name]
        if ds.ndim != 3:
            return None, []
        axis = ds.dims[2][0].name.rsplit("/", 1)[-1]
        return axis, char_labels(self.f["summary/" + axis + "_name"])

    def info(self, name):
        """(units, long_name, has a drug axis)."""
        ds = self.f["series"][name]
        return text(ds.attrs.get("units", "")), text(ds.attrs.get("long_name", "")), self.axis(name)[0] == "drug"

    def weekly(self, name):
        """(dates, median, p05, p95) from /summary; values are [time] or [time, drug]."""
        ds = self.f["summary"][name][()]
        pick = {s: ds[self.stats.index(s)] for s in ("p05", "p50", "p95")}
        return self.dates, pick["p50"], pick["p05"], pick["p95"]

    def annual(self, name, is_flow):
        """(dates at mid-year, median, p05, p95) over replicates of calendar-year totals (flows) or
        means (stocks), complete years only (all years if none is complete). A week that straddles
        New Year counts in each year with the share of its seven days that falls there, so every year
        holds 365 or 366 days' worth (no 53-week years)."""
        data = self.f["series"][name][()]  # [replicate, time(, drug)]
        start = self.dates.astype("datetime64[D]")
        end = start + np.timedelta64(7, "D")
        years = np.unique(np.concatenate([start.astype("datetime64[Y]"), (end - np.timedelta64(1, "D")).astype("datetime64[Y]")]))
        y0 = years.astype("datetime64[D]")
        y1 = (years + np.timedelta64(1, "Y")).astype("datetime64[D]")
        # overlap[y, t]: days of week t in year y, as a share of the week
        lo = np.maximum(start[None, :], y0[:, None])
        hi = np.minimum(end[None, :], y1[:, None])
        share = np.clip((hi - lo).astype(int), 0, 7) / 7.0
        complete = (start[0] <= y0) & (end[-1] >= y1)
        keep = np.flatnonzero(complete)
        if keep.size == 0:
            if not self.warned_partial:
                print(f"plot.py: warning: no complete calendar year in {self.path}; partial years shown",
                      file=sys.stderr)
                self.warned_partial = True
            keep = np.flatnonzero(share.sum(axis=1) > 0)
        w = share[keep]  # [year, time]
        if not is_flow:
            w = w / w.sum(axis=1, keepdims=True)
        agg = np.einsum("yt,rt...->ry...", w, data)
        q = np.quantile(agg, [0.05, 0.5, 0.95], axis=0)  # linear interpolation, as in /summary
        dates = np.array([np.datetime64(f"{int(str(y)[:4])}-07-01") for y in years[keep]])
        return dates, q[1], q[0], q[2]


def y_formatter(values):
    import matplotlib.ticker as mticker

    top = np.nanmax(np.abs(values)) if np.isfinite(values).any() else 0
    if top >= 1e9:
        return mticker.FuncFormatter(lambda x, _: f"{x / 1e9:,.3g} bn")
    if top >= 1e7:
        return mticker.FuncFormatter(lambda x, _: f"{x / 1e6:,.3g} M")
    if top >= 1000:
        return mticker.FuncFormatter(lambda x, _: f"{x:,.0f}")
    return mticker.ScalarFormatter(useOffset=False)


def plot_panel(ax, res, name, annual, drug_idx):
    units, long_name, has_drug = res.info(name)
    is_flow = units.endswith("/week")
    if annual:
        dates, mid, lo, hi = res.annual(name, is_flow)
        units = units[: -len("/week")] + "/yr" if is_flow else units
        how = "total per calendar year" if is_flow else "annual mean"
    else:
        dates, mid, lo, hi = res.weekly(name)
        how = "weekly"
    years = dates.astype("datetime64[Y]").astype(int) + 1970
    sel = (years >= res.year_from) & (years <= res.year_to)
    dates, mid, lo, hi = dates[sel], mid[sel], lo[sel], hi[sel]
    marker = "o" if annual and dates.size < 40 else None
    if has_drug:
        for d in drug_idx:
            c = DRUG_COLOURS[d % len(DRUG_COLOURS)]
            ax.fill_between(dates, lo[:, d], hi[:, d], color=c, alpha=0.2, linewidth=0)
            ax.plot(dates, mid[:, d], color=c, lw=1.6, marker=marker, ms=3, label=res.drugs[d])
        shown = mid[:, drug_idx], lo[:, drug_idx], hi[:, drug_idx]
    elif mid.ndim == 2:  # another label axis: the ten largest entries, legend in the panel
        axis, labels = res.axis(name)
        order = np.argsort(-np.nan_to_num(np.nanmean(mid, axis=0)))[:10]
        import matplotlib.pyplot as plt

        colours = plt.get_cmap("tab20").colors
        styles = ["-", "--", ":", "-."]
        for i, j in enumerate(order):
            c = colours[zlib.crc32(labels[j].encode()) % len(colours)]  # the same colour for a label in every plot
            ax.fill_between(dates, lo[:, j], hi[:, j], color=c, alpha=0.15, linewidth=0)
            ax.plot(dates, mid[:, j], color=c, lw=1.4, ls=styles[i % len(styles)], marker=marker, ms=3, label=labels[j])
        ax.legend(fontsize=7, frameon=False, ncol=2,
                  title=f"{axis}" + (f" (10 largest of {len(labels)})" if len(labels) > 10 else ""), title_fontsize=7)
        shown = mid[:, order], lo[:, order], hi[:, order]
    else:
        ax.fill_between(dates, lo, hi, color=SINGLE_COLOUR, alpha=0.2, linewidth=0)
        ax.plot(dates, mid, color=SINGLE_COLOUR, lw=1.6, marker=marker, ms=3)
        shown = mid, lo, hi
    if annual:
        long_name = re.sub(r"\s+(this week|at the end of the week)\b", "", long_name)
    # The title in words (the series' long name, its first clause), the code name and how it is counted below.
    # ("Heavy (chronic) users not in treatment, queued included" -> "Heavy users not in treatment")
    title = re.sub(r"\s*\([^)]*\)", "", re.split(r",\s", long_name)[0]).strip() if long_name else name
    title = title or name
    ax.set_title(title, fontsize=10, loc="left", pad=16)
    ax.text(0.0, 1.02, f"{name}: {how}", transform=ax.transAxes, fontsize=7.5, color="#555555", va="bottom", ha="left")
    if res.policy_from is not None and dates.size and dates[0] < res.policy_from <= dates[-1]:
        ax.axvline(res.policy_from, color="#888888", lw=0.9, ls="--")
        ax.text(res.policy_from, 0.98, " policy", transform=ax.get_xaxis_transform(), fontsize=7, color="#666666",
                va="top", ha="left")
    ax.set_ylabel("1 (share)" if units == "1" else units)
    medians = np.nanmean(np.atleast_2d(np.asarray(shown[0], dtype=float).T), axis=1) if np.ndim(shown[0]) == 2 else None
    spread = (np.nanmax(medians) / max(np.nanmin(medians[medians > 0]), 1e-300)
              if medians is not None and (medians > 0).sum() >= 2 else 1)
    if not res.linear and (res.log or spread > 100) and np.nanmin(np.ravel(shown[1])) >= 0:
        linthresh = max(np.nanmin(medians[medians > 0]), 1e-12) if medians is not None else 1
        ax.set_yscale("symlog", linthresh=linthresh)  # zero stays on the axis: linear below linthresh
        ax.set_ylim(bottom=0)
        ax.text(1.0, 1.02, f"log scale above {linthresh:.3g}, linear below", transform=ax.transAxes, fontsize=7,
                color="#888888", ha="right", va="bottom")
        ax.grid(True, color="#dddddd", lw=0.6)
        ax.set_axisbelow(True)
        ax.margins(x=0.01)
        return
    ax.yaxis.set_major_formatter(y_formatter(np.concatenate([np.ravel(s) for s in shown])))
    if np.nanmin(np.concatenate([np.ravel(shown[1]), [0.0]])) >= 0:
        ax.set_ylim(bottom=0)  # counts, money and shares: read against zero
    ax.grid(True, color="#dddddd", lw=0.6)
    ax.set_axisbelow(True)
    ax.margins(x=0.01)


def list_series(res):
    rows = [("series", "axes", "units", "meaning")]
    for n in res.series:
        units, long_name, _ = res.info(n)
        axis = res.axis(n)[0]
        rows.append((n, f"replicate,time,{axis}" if axis else "replicate,time", units, long_name))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for r in rows:
        print("  ".join(f"{r[i]:<{widths[i]}}" for i in range(3)) + "  " + r[3])
    print(f"\n{res.replicates} replicate(s), {len(res.dates)} weeks from {res.dates[0]} to {res.dates[-1]}; "
          f"drugs: {', '.join(res.drugs)}")


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="plot.py", description=__doc__.split("\n")[0],
        epilog="\n".join(__doc__.split("\n")[2:]), formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("result", metavar="RESULT.h5", help="result file written by `cartelsim run`")
    p.add_argument("-o", "--output", metavar="OUT.png",
                   help="image to write (PNG, PDF or SVG by extension; default RESULT.png next to the file)")
    default = ", ".join(n + (" (annual)" if a else "") for n, a in DEFAULT_SERIES)
    p.add_argument("--series", nargs="+", metavar="NAME",
                   help=f"series to plot, one panel each (default: {default}); `--list` shows them all")
    p.add_argument("--drug", nargs="+", metavar="NAME", help="only these drugs (default: all)")
    p.add_argument("--log", action="store_true",
                   help="logarithmic value axis for panels whose lines span more than two orders of magnitude "
                        "(so small lines are not flattened by large ones; done by itself for such panels)")
    p.add_argument("--linear", action="store_true", help="never a logarithmic axis")
    p.add_argument("--annual", action="store_true",
                   help="calendar-year values: flows (units per week) summed to per year, stocks averaged")
    p.add_argument("--from", dest="year_from", type=int, metavar="YYYY", help="first year shown")
    p.add_argument("--to", dest="year_to", type=int, metavar="YYYY", help="last year shown")
    p.add_argument("--list", action="store_true", help="list the series in the file (units, meaning) and exit")
    return p.parse_args(argv)


def main(argv):
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `plot.py --list FILE | head` ends quietly
    args = parse_args(argv)
    res = Result(args.result)
    res.log, res.linear = args.log, args.linear
    if args.list:
        list_series(res)
        return 0

    if args.series:
        panels = [(n, args.annual) for n in args.series]
        for n, _ in panels:
            if n not in res.series:
                close = difflib.get_close_matches(n, res.series, n=1)
                fail(f"no series '{n}' in {args.result}" + (f" (did you mean {close[0]}?)" if close else "")
                     + "; `plot.py --list FILE` lists them")
    else:
        panels = [(n, a or args.annual) for n, a in DEFAULT_SERIES if n in res.series]
    if args.drug:
        for d in args.drug:
            if d not in res.drugs:
                fail(f"unknown drug '{d}' (choose from {', '.join(res.drugs)})")
        drug_idx = [res.drugs.index(d) for d in args.drug]
    else:
        drug_idx = list(range(len(res.drugs)))
    res.year_from = args.year_from if args.year_from is not None else int(res.years.min())
    res.year_to = args.year_to if args.year_to is not None else int(res.years.max())
    if args.year_from is not None and args.year_to is not None and args.year_from > args.year_to:
        fail(f"--from {args.year_from} is after --to {args.year_to}")
    if not ((res.years >= res.year_from) & (res.years <= res.year_to)).any():
        fail(f"no simulated weeks between {res.year_from} and {res.year_to} "
             f"(the run covers {res.years.min()}-{res.years.max()})")

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    ncols = 1 if len(panels) == 1 else 2
    nrows = (len(panels) + ncols - 1) // ncols
    fig, axes = plt.subplots(nrows, ncols, figsize=(6.4 * ncols, 3.8 * nrows), squeeze=False)
    for ax, (name, annual) in zip(axes.flat, panels):
        plot_panel(ax, res, name, annual, drug_idx)
        loc = mdates.AutoDateLocator(minticks=4, maxticks=10)
        ax.xaxis.set_major_locator(loc)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    height = fig.get_figheight()
    top = 1  # tight_layout leaves room for the suptitle itself
    fig.suptitle(res.name, fontsize=13, fontweight="bold", y=1 - 0.08 / height, va="top")
    drug_axes = [ax for ax, (name, _) in zip(axes.flat, panels) if res.info(name)[2]]
    if drug_axes and len(drug_idx) > 1:  # one legend for all panels: the drug colours are the same
        handles, labels = drug_axes[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="upper center", ncol=len(labels), frameon=False, fontsize=9,
                   bbox_to_anchor=(0.5, 1 - 0.42 / height))
        top = 1 - 0.42 / height  # and for the legend under it
    elif drug_axes:
        drug_axes[0].legend(fontsize=8, frameon=False)
    fig.text(0.5, 0.06 / height, f"lines: median over {res.replicates} replicate(s); bands: 5-95 % of replicates"
             f"  |  {os.path.basename(args.result)}", ha="center", va="bottom", fontsize=8, color="#666666")
    fig.tight_layout(rect=(0, 0.22 / height, 1, top), h_pad=2.0, w_pad=2.0)
    out = args.output or os.path.splitext(args.result)[0] + ".png"
    try:
        fig.savefig(out, dpi=130)
    except (OSError, ValueError) as e:
        fail(f"cannot write {out}: {e}")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
