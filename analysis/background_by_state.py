#!/usr/bin/python3
"""Where the homicides unrelated to organised crime happen: the `background_homicides` column of
scenarios/data/states.csv, derived from INEGI's state-by-year record of 2000-2006.

Each state's value is its rate of homicides (deaths by assault by state of occurrence, per resident,
2000-2006 pooled: the sum of its homicides over the sum of its CONAPO mid-year populations) against
the national rate of the same years. conflict.c spreads the national background rate
(conflict.background_rate, per 100,000 residents) over the states in proportion to it, so a state
with twice the national rate of the years before the war on drugs gets twice the background. The
pre-2007 record is used because organised crime was then a small share of homicides (about 1,776 of
9,921 in 2005, Duran-Martinez et al. 2010): a state's homicides of those years say where the
ordinary homicides of Mexico happen (Guerrero, Oaxaca, Chihuahua, Sinaloa and Estado de Mexico high,
Yucatan, Aguascalientes and Nuevo Leon low). The share of organised crime is taken to be the same in
every state, which overstates the background of the states where it was larger before 2007 (Sinaloa,
Chihuahua, Baja California, Michoacan). Nothing after 2006 is read.

  background_by_state.py [--data DIR]            print the column, state by state, as Markdown
  background_by_state.py [--data DIR] --check F  exit 1 unless F's column matches it (to 0.001)
"""
import argparse
import collections
import csv
import os
import sys

RECORD = "mx_homicides_inegi_occurrence_state_year_2000_2012.csv"
YEARS = range(2000, 2007)


def weights(data):
    path = os.path.join(data, RECORD)
    if not os.path.exists(path):
        sys.exit(f"background_by_state.py: no {RECORD} in {data} (give the record's folder with --data)")
    hom = collections.defaultdict(float)
    pop = collections.defaultdict(float)
    names = {}
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            if int(r["year"]) in YEARS:
                c = int(r["cve_ent"])
                hom[c] += float(r["homicides_occurred"])
                pop[c] += float(r["pop_conapo_mid_year"])
                names[c] = r["state"]
    if len(hom) != 32:
        sys.exit(f"background_by_state.py: {path}: {len(hom)} states with records of 2000-2006, expected 32")
    national = sum(hom.values()) / sum(pop.values())
    return [(names[c], hom[c] / pop[c] * 1e5, hom[c] / pop[c] / national) for c in sorted(hom)], national * 1e5


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.environ.get("DATA", "../shared/data"),
                    help="folder of the INEGI record (default $DATA, else ../shared/data)")
    ap.add_argument("--check", metavar="STATES_CSV", help="compare with this states.csv instead of printing")
    a = ap.parse_args()
    rows, national = weights(a.data)
    if a.check:
        with open(a.check, newline="") as f:
            got = [r for r in csv.DictReader(line for line in f if not line.startswith("#"))]
        if len(got) != len(rows):
            sys.exit(f"background_by_state.py: {a.check}: {len(got)} states, expected {len(rows)}")
        bad = [(g["code"], g.get("background_homicides"), w) for g, (_, _, w) in zip(got, rows)
               if g.get("background_homicides") is None or abs(float(g["background_homicides"]) - w) > 1e-3]
        for code, v, w in bad:
            print(f"{a.check}: {code}: background_homicides {v}, the record of 2000-2006 gives {w:.3f}")
        print(f"background_by_state.py: {a.check}: {len(rows) - len(bad)} of {len(rows)} states match")
        sys.exit(1 if bad else 0)
    print("| state | homicides per 100,000 a year, 2000-2006 | against the national rate |")
    print("|---|---|---|")
    for name, rate, w in rows:
        print(f"| {name} | {rate:.2f} | {w:.3f} |")
    print(f"| Mexico | {national:.2f} | 1 |")


if __name__ == "__main__":
    main()
