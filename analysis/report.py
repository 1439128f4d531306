#!/usr/bin/python3
"""A report page of one scenario against its base run, as a single self-contained HTML file.

    analysis/report.py BASE.h5 SCENARIO.h5 [-o report.html] [--window 2026-2030 ...] [--cartelsim PATH]

The page holds: the scenario's question and header (the comment block that opens its file in
scenarios/), the table of `cartelsim compare` (key outcomes, paired differences over replicates with a
90 % interval, for each window), yearly plots of both runs (median and 5-95 % band over replicates) and
of the paired differences (median and 5-95 % of the per-replicate differences), and the provenance
(cartelsim version and git revision, seed, replicates, the parameters and policy changes in which the
two runs differ), and the costs of the scenario's levers with what they buy (from `cartelsim compare`). Images are
embedded, so the file can be mailed or opened offline.
"""
import argparse
import base64
import html
import io
import json
import os
import re
import subprocess
import sys

import h5py
import numpy as np

from resultfile import days_since, fail, find_cartelsim, text

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
PLOTTED = [("homicides_total", "Homicides in Mexico", "flow"), ("members", "Cartel members", "stock"),
           ("revenue", "Cartel revenue (US$2010)", "flow"), ("overdose_deaths", "US overdose deaths", "flow"),
           ("guns", "Guns held by the organisations", "stock"), ("organisations_active", "Active organisations", "stock")]


def yearly(path, name, how):
    """(years, [replicate, year]) calendar-year totals of a flow (weeks split by days) or means of a stock."""
    with h5py.File(path, "r") as f:
        g = f["series"]
        if name not in g:
            return None, None
        days, epoch = days_since(g["time"], path)
        x = g[name][()]
    x = x.sum(axis=2) if x.ndim == 3 else x
    start = epoch + np.round(days).astype("timedelta64[D]")
    day = start[:, None] + np.arange(7)[None, :].astype("timedelta64[D]")
    year_of_day = day.astype("datetime64[Y]").astype(int) + 1970
    years = np.arange(year_of_day.min(), year_of_day.max() + 1)
    out = np.full((x.shape[0], len(years)), np.nan)
    for i, y in enumerate(years):
        share = (year_of_day == y).mean(axis=1)
        if how == "flow":
            if np.isclose((year_of_day == y).sum(), 365 + (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)), atol=0.5):
                out[:, i] = (x * share).sum(axis=1)
        elif (share > 0.5).any():
            out[:, i] = x[:, share > 0.5].mean(axis=1)
    keep = ~np.isnan(out).all(axis=0)
    return years[keep], out[:, keep]


def figure_png(base, scen, name, title, how, base_label, scen_label):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yb, xb = yearly(base, name, how)
    ys, xs = yearly(scen, name, how)
    if yb is None or ys is None:
        return None
    years = np.intersect1d(yb, ys)
    xb, xs = xb[:, np.isin(yb, years)], xs[:, np.isin(ys, years)]
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 3.2))
    for x, label, c in ((xb, base_label, "#555555"), (xs, scen_label, "#c0392b")):
        a.fill_between(years, np.percentile(x, 5, axis=0), np.percentile(x, 95, axis=0), color=c, alpha=0.18, lw=0)
        a.plot(years, np.median(x, axis=0), color=c, lw=1.8, label=label)
    a.set_title(title + (" per year" if how == "flow" else ", yearly mean"), fontsize=10, loc="left")
    a.legend(fontsize=8, frameon=False)
    d = xs - xb
    b.fill_between(years, np.percentile(d, 5, axis=0), np.percentile(d, 95, axis=0), color="#c0392b", alpha=0.18, lw=0)
    b.plot(years, np.median(d, axis=0), color="#c0392b", lw=1.8)
    b.axhline(0, color="#888888", lw=0.8)
    b.set_title("paired difference, scenario - base", fontsize=10, loc="left")
    for ax in (a, b):
        ax.grid(True, color="#e5e5e5", lw=0.6)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode()


def scenario_header(name):
    """The comment block that opens scenarios/NAME.cfg, or ''."""
    path = os.path.join(REPO, "scenarios", name + ".cfg")
    if not os.path.exists(path):
        return ""
    lines = []
    for line in open(path, encoding="utf-8"):
        if not line.startswith("#"):
            break
        lines.append(line[1:].strip())
    return "\n".join(lines).strip()


def run_info(path):
    with h5py.File(path, "r") as f:
        a = {k: text(v) for k, v in f.attrs.items() if k in ("scenario_name", "scenario_variant", "scenario_description",
                                                              "cartelsim_version", "created", "replicates")}
        a["seed"] = text(f.attrs.get("seed", ""))
        prov = f.get("provenance")
        a["git"] = text(prov.attrs.get("git_revision", "")) if prov is not None else ""
        sc = f["scenario"]
        paths = [text(x) for x in sc["parameter_path"][()]] if sc["parameter_path"].ndim == 1 else None
        config = text(sc["config"][()])
    return a, config, paths


def config_settings(config):
    """(base parameter settings, policy lines) of a resolved scenario text."""
    base = dict(re.findall(r"^([a-z_][a-z0-9_.]*) = (.*);$", config, re.M))
    m = re.search(r"\npolicy = \((.*?)\n\);", config, re.S)
    policy = [l.strip().rstrip(",") for l in (m.group(1).splitlines() if m else []) if l.strip()]
    return base, policy


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0], epilog=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("base")
    ap.add_argument("scenario")
    ap.add_argument("-o", "--output", default="report.html")
    ap.add_argument("--window", action="append", help="YYYY-YYYY (default 2026-2030 and 2031-2040)")
    ap.add_argument("--cartelsim")
    a = ap.parse_args()
    cs = find_cartelsim(a.cartelsim)
    windows = a.window or ["2026-2030", "2031-2040"]
    cmd = [cs, "compare", a.base, a.scenario, "--format", "json"] + [x for w in windows for x in ("--window", w)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode:
        fail(f"`{' '.join(cmd)}` failed: {r.stderr.strip()}")
    rows_all = json.loads(r.stdout)
    rows = [x for x in rows_all if "base" in x]
    cost_rows = [x for x in rows_all if "base" not in x]
    ib, cb, _ = run_info(a.base)
    isn, cs_cfg, _ = run_info(a.scenario)
    name = isn.get("scenario_name", "scenario")
    base_name = ib.get("scenario_name", "base")
    header = scenario_header(name)
    bb, pb = config_settings(cb)
    bs, ps = config_settings(cs_cfg)
    changed = [(k, bb.get(k, "(default)"), v) for k, v in bs.items() if bb.get(k) != v]
    new_policy = [p for p in ps if p not in pb]
    e = html.escape
    out = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
           f"<title>cartelsim report: {e(name)}</title>",
           "<style>body{font-family:sans-serif;max-width:1080px;margin:2em auto;color:#222}"
           "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 7px;text-align:right}"
           "th{background:#f2f2f2}td:first-child,td:nth-child(2){text-align:left}.ns{color:#999}"
           "pre{background:#f7f7f7;padding:10px;white-space:pre-wrap;font-size:12px}</style></head><body>",
           f"<h1>{e(name)} against {e(base_name)}</h1>",
           f"<p>{e(isn.get('scenario_description', ''))} {e(isn.get('scenario_variant', ''))}</p>"]
    if header:
        out.append(f"<h2>Question and sources</h2><pre>{e(header)}</pre>")
    out.append("<h2>Key outcomes: paired differences over replicates</h2>")
    out.append(f"<p>Same seed ({e(isn.get('seed', ''))}), {rows[0]['replicates'] if rows else '?'} replicates; the "
               "interval is a 90 % Student t interval of the mean paired difference; <span class='ns'>grey</span>: "
               "it contains zero; sign: the share of replicates whose difference has the sign of the mean.</p>")
    out.append("<table id='compare'><tr><th>window</th><th>outcome</th><th>unit</th><th>base</th><th>change</th>"
               "<th>relative</th><th>90 % interval</th><th>sign</th></tr>")
    for row in rows:
        cls = " class='ns'" if row["interval_contains_zero"] else ""
        out.append(f"<tr{cls}><td>{e(row['window'])}</td><td>{e(row['outcome'])}</td><td>{e(row['unit'])}</td>"
                   f"<td>{row['base']:.4g}</td><td>{row['change']:+.4g}</td><td>{100 * row['relative']:+.1f} %</td>"
                   f"<td>{row['low']:+.4g} to {row['high']:+.4g}</td><td>{100 * row['same_sign']:.0f} %</td></tr>")
    out.append("</table>")
    out.append("<h2>Costs and what they buy</h2><p>Public spending of the scenario's levers against the base "
               "(US$2010, costs per unit declared in <code>model/params.def</code>, section costs, many of them "
               "assumptions), discounted, and the cost per outcome averted with its 90 % interval (the cost over the "
               "effect's interval; not estimable where that interval contains zero).</p>")
    out.append("<table id='costs'><tr><th>window</th><th>item</th><th>US$2010</th><th>90 % interval</th></tr>")
    for c in cost_rows:
        if c["outcome"] == "policy_cost":
            out.append(f"<tr><td>{e(c['window'])}</td><td>cost against the base (discounted at "
                       f"{100 * c.get('discount_rate', 0):.1f} % a year)</td><td>{c['change']:+.4g}</td><td></td></tr>")
        elif c.get("estimable"):
            out.append(f"<tr><td>{e(c['window'])}</td><td>{e(c['outcome'])}</td><td>{c['change']:.4g}</td>"
                       f"<td>{c['low']:.4g} to {c['high']:.4g}</td></tr>")
        else:
            out.append(f"<tr class='ns'><td>{e(c['window'])}</td><td>{e(c['outcome'])}</td><td>not estimable</td>"
                       f"<td>the effect's interval contains zero</td></tr>")
    out.append("</table>")
    out.append("<h2>The two runs over time</h2>")
    for series, title, how in PLOTTED:
        png = figure_png(a.base, a.scenario, series, title, how, base_name, name)
        if png:
            out.append(f"<p><img alt='{e(title)}' src='data:image/png;base64,{png}' width='1000'></p>")
    out.append("<h2>Provenance</h2><ul>")
    for label, info in ((base_name, ib), (name, isn)):
        out.append(f"<li>{e(label)}: cartelsim {e(info.get('cartelsim_version', ''))}, git {e(info.get('git', ''))}, "
                   f"seed {e(info.get('seed', ''))}, {e(info.get('replicates', ''))} replicates, written "
                   f"{e(info.get('created', ''))}</li>")
    out.append("</ul><p>Parameters the scenario sets otherwise than the base:</p><ul>")
    out += [f"<li><code>{e(k)}</code>: {e(b)} &rarr; {e(v)}</li>" for k, b, v in changed] or ["<li>none</li>"]
    out.append("</ul><p>Policy changes of the scenario that the base does not have:</p><ul>")
    out += [f"<li><code>{e(p)}</code></li>" for p in new_policy] or ["<li>none</li>"]
    out.append(f"</ul><p style='color:#777;font-size:12px'>Files: {e(a.base)}, {e(a.scenario)}. Made by "
               "analysis/report.py.</p></body></html>")
    tmp = a.output + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    os.replace(tmp, a.output)
    print(f"wrote {a.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
