#!/usr/bin/python3
"""Fragmentation genealogy of the organisations of one replicate of a cartelsim result.

Each organisation is a horizontal line from its birth to its death (or the end of the run) against
the calendar year, coloured by lineage (the founding organisation of 2000 it descends from). Rows are
ordered by a depth-first walk of the parent tree, so a faction sits just under the organisation it
split from (siblings by birth); a thin vertical connector joins the parent's row to the child's row
at the child's birth. Markers on an organisation's line show leader removals (/events of kind arrest,
extradition and killing, one marker each) and mergers (a star on the absorbing organisation, with a
dotted connector from the absorbed one, whose line ends there). The founding organisations and every
organisation whose membership peaked at --min-members or more are labelled with their id at the left
end of their line (labels that would overprint a bigger one are left out). The title counts the
organisations ever alive in the replicate, those active at the end, the splits (an organisation
splitting in a week, however many factions it splits into: /events rows of kind split, counted once
per organisation and week; the factions in brackets) and the mergers (rows of kind merger).

Needs the /organisations table per replicate and the /events table, which cartelsim writes since the
cartel dynamics (issue 5); older results must be re-run (`cartelsim run --from OLD.h5 -o NEW.h5`).

Examples:
  analysis/genealogy.py results/baseline.h5
  analysis/genealogy.py results/baseline.h5 --replicate 3 --min-members 5000 -o genealogy3.pdf
"""
import argparse
import os
import signal
import sys

import h5py
import numpy as np

from resultfile import days_since, fail, strings, text, warn

PROG = "genealogy.py"
REMOVALS = [("arrest", "v", "leader arrested"), ("extradition", "^", "leader extradited"),
            ("killing", "X", "leader killed")]
MERGER_MARKER = "*"
ORG_COLUMNS = ["replicate", "index", "id", "parent", "lineage", "born", "died", "members_peak"]
EVENT_COLUMNS = ["replicate", "kind", "organisation", "other"]


def time_coordinate(f, path):
    """(days since the epoch [time], epoch as datetime64[D]) of the root (or /series) time coordinate."""
    for name in ("time", "series/time"):
        if name in f:
            ds = f[name]
            break
    else:
        fail(f"{path} has no time coordinate (/time)")
    days, epoch = days_since(ds, path)
    if days.ndim != 1 or days.size == 0:
        fail(f"{path}: {ds.name} is empty or not 1-D")
    return days, epoch


def decimal_year(epoch, days):
    """Days since epoch (datetime64[D]) as calendar years with a fraction (2000.5 = 2 July 2000)."""
    days = np.asarray(days, dtype=float)
    whole = np.floor(days)
    d = epoch + whole.astype("int64").astype("timedelta64[D]")
    y = d.astype("datetime64[Y]")
    y0 = y.astype("datetime64[D]")
    y1 = (y + np.timedelta64(1, "Y")).astype("datetime64[D]")
    frac = ((d - y0).astype(float) + (days - whole)) / (y1 - y0).astype(float)
    return y.astype(int) + 1970 + frac


class Genealogy:
    """The organisations and events of one replicate, read with h5py."""

    def __init__(self, path, replicate):
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
            version = text(f.attrs.get("cartelsim_version", "unknown"))
            if "events" not in f:
                fail(f"{path} has no /events table: it was written "
                     f"before the cartel dynamics (version attribute {version}); re-run the scenario with the current "
                     f"cartelsim: cartelsim run --from {path} -o NEW.h5")
            if "organisations" not in f:
                fail(f"{path} has no /organisations table")
            self.name = text(f.attrs["scenario"] if "scenario" in f.attrs else
                             f.attrs.get("scenario_name", os.path.basename(path)))
            days, epoch = time_coordinate(f, path)
            step = float(np.median(np.diff(days))) if days.size > 1 else 7.0
            self.epoch = epoch
            self.run_start = decimal_year(epoch, days[0])
            self.run_end = decimal_year(epoch, days[-1] + step)  # the end of the last week

            def tick_days(ticks):  # the time coordinate of each tick (extrapolated beyond the run)
                ticks = np.asarray(ticks, dtype="int64")
                inside = np.clip(ticks, 0, days.size - 1)
                return np.where((ticks >= 0) & (ticks < days.size), days[inside], days[0] + step * ticks)

            cols = list(ORG_COLUMNS)
            if "id" not in f["organisations"] and "organisation_name" in f["organisations"]:
                cols[cols.index("id")] = "organisation_name"  # the label column of the organisation axis
            org = self._columns(f, "organisations", cols, path)
            if "id" not in org:
                org["id"] = org["organisation_name"]
            ev = self._columns(f, "events", EVENT_COLUMNS + (["time"] if "time" in f["events"] else ["tick"]), path)
            reps = np.unique(org["replicate"])
            if replicate not in reps:
                have = f"{reps.min()}..{reps.max()}" if reps.size else "none"
                fail(f"no replicate {replicate} in {path} (replicates with organisations: {have})")
            sel = org["replicate"] == replicate
            self.index = org["index"][sel].astype(int)
            self.ids = org["id"][sel]
            self.parent = org["parent"][sel].astype(int)
            self.lineage = org["lineage"][sel].astype(int)
            born, died = org["born"][sel].astype(int), org["died"][sel].astype(int)
            self.peak = org["members_peak"][sel].astype(float)
            if len(np.unique(self.index)) != len(self.index):
                fail(f"{path}: /organisations/index repeats within replicate {replicate}")
            self.alive_at_end = died < 0
            self.start = decimal_year(epoch, tick_days(born))
            self.end = np.where(self.alive_at_end, self.run_end, decimal_year(epoch, tick_days(died)))
            esel = ev["replicate"] == replicate
            self.ev_kind = ev["kind"][esel]
            self.ev_org = ev["organisation"][esel].astype(int)
            self.ev_other = ev["other"][esel].astype(int)
            self.ev_year = decimal_year(epoch, ev["time"][esel] if "time" in ev else tick_days(ev["tick"][esel]))
            self.ev_week = np.floor((self.ev_year - self.run_start) * 365.25 / step + 1e-6).astype(int)
        self.path = path
        self.replicate = replicate
        self.row_of = {int(ix): k for k, ix in enumerate(self.index)}  # organisation index -> table row

    @staticmethod
    def _columns(f, group, names, path):
        g = f[group]
        missing = [n for n in names if n not in g]
        if missing:
            fail(f"{path}: /{group} lacks {', '.join('/' + group + '/' + n for n in missing)}")
        out = {}
        for n in names:
            ds = g[n]
            out[n] = strings(ds) if ds.dtype.kind in "SOU" else ds[()]
            if out[n].ndim != 1:
                fail(f"{path}: {ds.name} should be 1-D, found shape {ds.shape}")
        lengths = {n: len(v) for n, v in out.items()}
        if len(set(lengths.values())) > 1:
            fail(f"{path}: the columns of /{group} differ in length ({lengths})")
        return out

    def founders(self):
        return self.index == self.lineage

    def order(self):
        """Table rows in depth-first order of the parent tree: each organisation, then its factions
        (by birth, then index), recursively; trees of founders in index order."""
        n = len(self.index)
        children = {k: [] for k in range(n)}
        roots = []
        orphans = 0
        for k in range(n):
            p = self.row_of.get(int(self.parent[k]), -1) if self.parent[k] >= 0 else -1
            if self.parent[k] >= 0 and p < 0:
                orphans += 1
            if p < 0 or p == k:
                roots.append(k)
            else:
                children[p].append(k)
        if orphans:
            warn(f"{orphans} organisation(s) of replicate {self.replicate} name a parent that is not in the table; "
                 f"drawn as roots")
        key = lambda k: (self.start[k], self.index[k])  # noqa: E731
        order, seen = [], set()
        stack = sorted(roots, key=key, reverse=True)
        while stack:
            k = stack.pop()
            if k in seen:
                continue
            seen.add(k)
            order.append(k)
            stack.extend(sorted(children[k], key=key, reverse=True))
        if len(order) < n:  # a parent cycle: no root reaches these
            rest = [k for k in range(n) if k not in seen]
            warn(f"{len(rest)} organisation(s) of replicate {self.replicate} are on a parent cycle; drawn last")
            order.extend(sorted(rest, key=key))
        return order

    def pairs(self, kind):
        """Distinct events of a kind: the same two organisations in the same week count once, whichever
        way round (a split or merger may be written as one row or as a pair of rows)."""
        m = self.ev_kind == kind
        a, b, w = self.ev_org[m], self.ev_other[m], self.ev_week[m]
        return len({(int(t), min(int(x), int(y)), max(int(x), int(y))) for t, x, y in zip(w, a, b)})

    def episodes(self, kind):
        """Distinct (week, organisation) events of a kind: an organisation that splits into three
        factions at once (three split rows) splits once."""
        m = self.ev_kind == kind
        return len(set(zip(self.ev_week[m].tolist(), self.ev_org[m].tolist())))


def plural(count, noun):
    return f"{count} {noun}" + ("" if count == 1 else "s")


def place_labels(g, ypos, candidates, fontsize, row_pts, years_per_pt):
    """Greedy label placement: founders first, then by membership peak; a label is dropped if it
    would overprint one already placed (rows closer than a line of text and overlapping in x)."""
    rows_per_label = max(1.0, fontsize / row_pts)  # the font is at most a row high when rows are 5 pt or more
    placed = []
    founder = g.founders()
    prio = sorted(candidates, key=lambda k: (not founder[k], -g.peak[k], ypos[k]))
    for k in prio:
        width = (len(g.ids[k]) * 0.6 * fontsize + 4) * years_per_pt
        x1, x0 = g.start[k], g.start[k] - width
        if any(abs(ypos[k] - y) < rows_per_label - 1e-6 and x0 < px1 and px0 < x1 for y, px0, px1 in placed):
            continue
        placed.append((ypos[k], x0, x1))
        yield k


def lineage_colours(g):
    import matplotlib.pyplot as plt

    lineages = sorted(set(int(x) for x in g.lineage))
    palette = list(plt.get_cmap("tab10").colors) if len(lineages) <= 10 else list(plt.get_cmap("tab20").colors)
    return {lin: palette[i % len(palette)] for i, lin in enumerate(lineages)}


def draw(g, min_members, out):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    n = len(g.index)
    order = g.order()
    ypos = np.empty(n)
    ypos[order] = np.arange(n)
    row_in = float(np.interp(n, [30, 400], [0.24, 0.06]))  # inches per row: shrink with many organisations
    height = min(1.9 + max(n, 8) * row_in, 45.0)
    axes_h = height - 1.9
    row_pts = axes_h * 72 / max(n, 1)
    lw = float(np.clip(0.5 * row_pts, 0.5, 6.0))
    ms = float(np.clip(0.9 * row_pts, 3.0, 9.0))
    fontsize = float(np.clip(0.95 * row_pts, 5.0, 9.0))
    width = 11.0
    span = g.run_end - g.run_start
    left_pad = 0.16 * span  # room for the founders' labels left of 2000
    years_per_pt = (span + left_pad + 0.01 * span) / ((width - 0.8) * 72)
    fig, ax = plt.subplots(figsize=(width, height))
    colours = lineage_colours(g)
    col = [colours[int(g.lineage[k])] for k in range(n)]

    # lifetimes (at least a week, and at least 0.4 % of the run, long, so that short-lived factions show)
    x1 = np.maximum(g.end, g.start + max(1 / 52, 0.004 * span))
    ax.add_collection(LineCollection([[(g.start[k], ypos[k]), (x1[k], ypos[k])] for k in range(n)],
                                     colors=col, linewidths=lw, capstyle="butt", zorder=2))
    # parent -> child connectors at the child's birth
    conn, conn_col = [], []
    for k in range(n):
        p = g.row_of.get(int(g.parent[k]), -1) if g.parent[k] >= 0 else -1
        if p >= 0 and p != k:
            conn.append([(g.start[k], ypos[p]), (g.start[k], ypos[k])])
            conn_col.append(col[k])
    if conn:
        ax.add_collection(LineCollection(conn, colors=conn_col, linewidths=max(0.4, lw / 4), alpha=0.8, zorder=1))
    handles = [Line2D([], [], color="#777777", lw=3, label="organisation alive (colour: lineage)"),
               Line2D([], [], color="#777777", lw=0.8, label="split (parent to faction)")]

    # leader removals
    known = np.array([o in g.row_of for o in g.ev_org], dtype=bool)
    if (~known).any():
        warn(f"{int((~known).sum())} event(s) of replicate {g.replicate} name an organisation not in /organisations; "
             f"left out")
    rows = np.array([g.row_of.get(int(o), 0) for o in g.ev_org], dtype=int)
    for kind, marker, label in REMOVALS:
        m = (g.ev_kind == kind) & known
        ax.scatter(g.ev_year[m], ypos[rows[m]], marker=marker, s=ms ** 2, c="black", linewidths=0, zorder=4,
                   label=f"{label} ({int(m.sum())})")
    # mergers: star on the absorber, dotted connector from the absorbed organisation
    m = np.flatnonzero((g.ev_kind == "merger") & known)
    mx, my, mseg = [], [], []
    for e in m:
        absorber = g.row_of.get(int(g.ev_other[e]), -1)
        if absorber < 0:
            mx.append(g.ev_year[e]), my.append(ypos[rows[e]])
            continue
        mx.append(g.ev_year[e]), my.append(ypos[absorber])
        mseg.append([(g.ev_year[e], ypos[rows[e]]), (g.ev_year[e], ypos[absorber])])
    if mseg:
        ax.add_collection(LineCollection(mseg, colors="#888888", linewidths=max(0.4, lw / 5), linestyles=":",
                                         alpha=0.8, zorder=1))
    ax.scatter(mx, my, marker=MERGER_MARKER, s=(1.3 * ms) ** 2, c="white", edgecolors="black",
               linewidths=0.5, zorder=5, label=f"merger, on the absorber ({g.pairs('merger')})")

    # labels at the left end
    founder = g.founders()
    cand = [k for k in range(n) if founder[k] or g.peak[k] >= min_members]
    shown = 0
    for k in place_labels(g, ypos, cand, fontsize, row_pts, years_per_pt):
        ax.text(g.start[k] - 3 * years_per_pt, ypos[k], g.ids[k], ha="right", va="center", fontsize=fontsize,
                color=col[k], fontweight="bold" if founder[k] else "normal", clip_on=False, zorder=6)
        shown += 1

    ax.set_xlim(g.run_start - left_pad, g.run_end + 0.01 * span)
    ax.set_ylim(n - 0.5 + 0.5, -1.0)
    ax.set_yticks([])
    for s in ("left", "right", "top"):
        ax.spines[s].set_visible(False)
    ax.spines["bottom"].set_bounds(g.run_start, g.run_end)
    ax.axvline(g.run_start, color="#bbbbbb", lw=0.6, zorder=0)
    ax.axvline(g.run_end, color="#bbbbbb", lw=0.6, ls="--", zorder=0)
    import matplotlib.ticker as mticker

    ax.xaxis.set_major_locator(mticker.MaxNLocator(nbins=12, integer=True))
    ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda x, _: f"{x:.0f}" if x >= g.run_start - 1e-9 else ""))
    ax.grid(True, axis="x", color="#eeeeee", lw=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel("calendar year")
    active = int(g.alive_at_end.sum())
    fig.suptitle(f"{g.name}: fragmentation genealogy, replicate {g.replicate}", fontsize=13, fontweight="bold",
                 y=1 - 0.1 / height, va="top")
    splits, factions, mergers = g.episodes("split"), g.pairs("split"), g.pairs("merger")
    fig.text(0.5, 1 - 0.42 / height, f"{plural(n, 'organisation')} ever, {active} active at the end, "
             f"{plural(splits, 'split')}" + (f" ({plural(factions, 'faction')})" if factions != splits else "")
             + f", {plural(mergers, 'merger')}", ha="center", va="top", fontsize=10)
    scat = ax.get_legend_handles_labels()
    fig.legend(handles + scat[0], [h.get_label() for h in handles] + scat[1], loc="upper center",
               bbox_to_anchor=(0.5, 1 - 0.68 / height), ncol=3, frameon=False, fontsize=8)
    unlabelled = len(cand) - shown
    fig.text(0.5, 0.06 / height, f"rows: depth-first by parent; labels: founders and peak ≥ {min_members:,.0f} members"
             + (f" ({unlabelled} crowded out)" if unlabelled else "") + f"  |  {os.path.basename(g.path)}",
             ha="center", va="bottom", fontsize=8, color="#666666")
    fig.subplots_adjust(left=0.02, right=0.98, top=1 - 1.25 / height, bottom=0.75 / height)
    try:
        fig.savefig(out, dpi=130)
    except (OSError, ValueError) as e:
        fail(f"cannot write {out}: {e}")
    plt.close(fig)


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog=PROG, description=__doc__.split("\n")[0],
        epilog="\n".join(__doc__.split("\n")[2:]), formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("result", metavar="RESULT.h5", help="result file written by `cartelsim run`")
    p.add_argument("-o", "--output", metavar="OUT.png",
                   help="image to write (PNG, PDF or SVG by extension; default RESULT-genealogy.png next to the file)")
    p.add_argument("--replicate", type=int, default=0, metavar="R", help="replicate to draw (default 0)")
    p.add_argument("--min-members", type=float, default=2000, metavar="N",
                   help="also label organisations whose membership peaked at N or more (default 2000)")
    return p.parse_args(argv)


def main(argv):
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # piping into `head` ends quietly
    args = parse_args(argv)
    g = Genealogy(args.result, args.replicate)
    if len(g.index) == 0:
        fail(f"replicate {args.replicate} of {args.result} has no organisations")
    out = args.output or os.path.splitext(args.result)[0] + "-genealogy.png"
    draw(g, args.min_members, out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
