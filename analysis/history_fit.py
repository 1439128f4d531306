#!/usr/bin/python3
"""Compare a baseline result with the record of 2000-2025: Mexican homicides (INEGI), cartel members
(Prieto-Curiel et al. 2023) and organisations (major: at least cartels.major_size members), year by
year, as a Markdown table, and the weekly flows of members in 2022.

Usage: analysis/history_fit.py RESULT.h5 [--years 2000-2025]
Annual totals of weekly flows count each week in the calendar year of its first day; stocks are taken
at the last week of the year. Model columns: mean over replicates and the 5-95 % range.
Calibration used 2000-2012 only (docs/model.md section 3.13); later years are held out."""
import argparse
import csv
import os
import signal
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from resultfile import strings  # noqa: E402

# INEGI definitive homicides (docs/sources-cartels.md sections 3 and 4.3); 2016, 2017: preliminary.
INEGI = {2005: 9921, 2006: 10452, 2007: 8867, 2008: 14006, 2009: 19803, 2010: 25757, 2011: 27213,
         2012: 25967, 2013: 23063, 2014: 20010, 2015: 20762, 2016: 23953, 2017: 31174, 2018: 36685,
         2019: 36661, 2020: 36773, 2021: 35700, 2022: 33287, 2023: 32252}
MEMBERS = {2012: 115000, 2022: 175000}
GROUPS = {2006: "4-7 major", 2007: "7 active (MCO)", 2011: "11 recognised, >=28 groups", 2012: "60-80 small and medium (PGR)",
          2015: "9-20 major; more than 25 active (MCO)", 2020: "about 150"}
# Mapping Criminal Organizations in Mexico (MCO, Mexico Violence Resource Project; its authors'
# description, docs/sources-second-wave.md (d)): up to 11 groups at once in Guerrero in mid-2012.
MCO_GUERRERO_2012 = 11


# States where the most widespread organisation operated (docs/sources-second-wave.md, section (a)):
# 2008 Sinaloa 23 (Federal Police map, as reported by 24 Horas 2012-03-05); end of 2011 Los Zetas 17
# (Stratfor from the organised-crime prosecutors, SIEDO/PGR) or 21 (Federal Police map), Sinaloa 16-19.
WIDEST = {2008: "23 (Sinaloa)", 2011: "17-21 (Zetas)"}
# The CJNG (born 2009-2010): presence counts of 2015, 2017, 2020 (held out).
WIDEST_NEW = {2015: "10", 2017: ">= 22", 2020: "23-28"}


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # piping into `head` ends quietly
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("result")
    ap.add_argument("--years", default="2000-2025")
    ap.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data"),
                    help="directory of the development record (mx_homicides_national_year_1990_2012.csv), for 2000-2004")
    a = ap.parse_args()
    y0, y1 = (int(x) for x in a.years.split("-"))
    national = os.path.join(a.data, "mx_homicides_national_year_1990_2012.csv")
    if os.path.exists(national):  # INEGI's registered homicides of the years before the table above
        with open(national, newline="") as fh:
            for row in csv.DictReader(fh):
                INEGI.setdefault(int(row["year"]), int(float(row["inegi_registered_preferred"])))
    try:
        f = h5py.File(a.result, "r")
        s = f["series"]
        days = f["time"][:]
        hom, mem, orgs = s["homicides_total"][:], s["members"][:], s["organisations_active"][:]
        major = s["organisations_major"][:]
        flows = {k: s[k][:] for k in ("recruits", "members_arrested", "members_killed")}
    except (OSError, KeyError) as e:
        print(f"history_fit.py: {a.result}: {e} (a result of cartelsim with the cartel dynamics is needed)",
              file=sys.stderr)
        sys.exit(2)
    year = (2000 + days / 365.25).astype(int)
    fmt = lambda v: f"{v.mean():,.0f} ({np.percentile(v, 5):,.0f}-{np.percentile(v, 95):,.0f})"
    print("| year | homicides, INEGI (registered) | homicides, model | members, published | members, model | organisations, published | "
          "major organisations, model | all organisations, model |")
    print("|---|---|---|---|---|---|---|---|")
    for y in range(y0, y1 + 1):
        sel = year == y
        if not sel.any():
            continue
        last = np.where(sel)[0][-1]
        print(f"| {y}{' (held out)' if y > 2012 else ''} | {format(INEGI[y], ',') if y in INEGI else ''} | "
              f"{fmt(hom[:, sel].sum(axis=1))} | {format(MEMBERS[y], ',') if y in MEMBERS else ''} | {fmt(mem[:, last])} | "
              f"{GROUPS.get(y, '')} | {fmt(major[:, last])} | {fmt(orgs[:, last])} |")
    if "organisations" in f and year.max() >= 2012:
        # the groups the kingpin strategy spawned: organisations born from December 2006 (the campaign's
        # start) to the end of 2012, all of them and those still active then (born and died are week indices;
        # the time coordinate counts days since 2000-01-01, as history_fit reads it above)
        o = f["organisations"]
        rep, born, died = o["replicate"][()], o["born"][()], o["died"][()]
        t06, t12 = (int(np.searchsorted(days, (np.datetime64(d) - np.datetime64("2000-01-01")) / np.timedelta64(1, "D")))
                    for d in ("2006-12-01", "2013-01-01"))
        t12 -= 1  # the last week that starts in 2012
        n = int(rep.max()) + 1 if len(rep) else 0
        ever = np.array([((rep == r) & (born >= t06) & (born <= t12)).sum() for r in range(n)])
        alive = np.array([((rep == r) & (born >= t06) & (born <= t12) & ((died < 0) | (died > t12))).sum()
                          for r in range(n)])
        if n:
            print()
            print(f"Organisations born from December 2006 to the end of 2012 (the PGR: the strategy spawned 60 to 80 small "
                  f"and medium-sized groups, December 2012): {fmt(ever)} in all, {fmt(alive)} still active at the end of "
                  f"2012 (a check; nothing was fitted to it).")
    sel = year == 2022
    if sel.any():
        weeks = sel.sum()
        print()
        print("Flows of members in 2022, per week (Prieto-Curiel et al. 2023: 350-370 recruits, about 110 arrested "
              "and 125 killed a week): " + "; ".join(f"{k.replace('_', ' ')} {fmt(v[:, sel].sum(axis=1) / weeks)}"
                                                    for k, v in flows.items()) + ".")
    if "criminal_groups" in s and "widest_organisation" in s and "plazas_held" in s:
        print()
        print("Territory and groups at the end of each year (held out after 2012): plazas held, criminal groups (an organisation's presence in a state "
              "with at least cartels.cell_members members; CIDE-PPD about 150 in 2020, Crisis Group 198 in 2019), and the "
              "states where the most widespread organisation operates (holds a plaza, itself or through the groups it adopted), "
              "of all organisations and of those born since 2000 (published counts in the columns beside them; "
              "docs/sources-second-wave.md). cartels.outreach.rate is fitted to the widest organisation's states at the end of "
              "2008 and 2011 (a fit, not a check: docs/model.md 3.13); no parameter was fitted to the other counts:")
        print()
        print("| year | plazas held | criminal groups | states of the widest organisation, published | model "
              "| states of the widest new organisation, published (CJNG) | model |")
        print("|---|---|---|---|---|---|---|")
        for y in (2006, 2008, 2010, 2011, 2012, 2015, 2017, 2020, 2023):
            sel = year == y
            if sel.any():
                last = np.where(sel)[0][-1]
                print(f"| {y}{' (held out)' if y > 2012 else ''} | {fmt(s['plazas_held'][:, last])} | "
                      f"{fmt(s['criminal_groups'][:, last])} | {WIDEST.get(y, '')} | {fmt(s['widest_organisation'][:, last])} | "
                      f"{WIDEST_NEW.get(y, '')} | {fmt(s['widest_new_organisation'][:, last])} |")
        names = list(strings(s["state_name"])) if "state_name" in s else []
        mid12 = np.where(year == 2012)[0]
        if "criminal_groups_by_state" in s and "GRO" in names and len(mid12):
            by = s["criminal_groups_by_state"][:, mid12[len(mid12) // 2], :]  # [replicate, state], mid-2012
            top = sorted(range(len(names)), key=lambda i: -by[:, i].mean())[:3]
            print()
            print(f"Groups by state in mid-2012 (a check; nothing was fitted to it): Guerrero {fmt(by[:, names.index('GRO')])} "
                  f"against up to {MCO_GUERRERO_2012} at once in the Mapping Criminal Organizations in Mexico data "
                  f"(its authors' description; docs/sources-second-wave.md); the model's most fragmented states then: "
                  + ", ".join(f"{names[i]} {by[:, i].mean():.1f}" for i in top) + ".")

if __name__ == "__main__":
    main()
