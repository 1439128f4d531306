#!/usr/bin/env python3
"""Score results of cartelsim against the record of 2000-2012 only: INEGI homicides nationally and by
state and year, and ENVIPE's extortion of 2012. Used to fit cartels.entry.rate and
diversification.productivity (analysis/calibrate_territory.sh), the executions
(analysis/calibrate_executions.sh) and diversification.insecure_predation with
diversification.predation_productivity (analysis/calibrate_predation.sh, on SESNSP's kidnapping
complaints 2007-2011 and ENVIPE); 2013 onwards is never read.

  territory_fit.py --data DIR RESULT.h5 [RESULT.h5 ...]

One line per result: log RMSE of the mean national homicides 2000-2012, log RMSE of state-by-year
homicides 2000-2012 (log(1 + x), 32 states x 13 years), the ratios of some years, organised-crime
homicides of 2005 (total minus "other") against Duran-Martinez et al.'s 1,776, extortion takings 2012 against ENVIPE
(13.5 bn pesos, US$0.97 bn of 2010: docs/validation-results.md), plazas held and criminal groups in
2012, and the states where the widest organisation operates at the end of 2008 (Sinaloa's 23, Federal
Police) and 2011 (Los Zetas' 17-21, PGR and Federal Police: docs/sources-second-wave.md), which
cartels.outreach.rate is fitted to (analysis/calibrate_outreach.sh), members at the end of 2012 (about
115,000, Prieto-Curiel et al. 2023), and the seven wave states' share of the mean national rise
2007-2010 (the check of analysis/state_wave.py)."""
import argparse
import csv
import os
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from resultfile import strings  # noqa: E402
from history_fit import MEMBERS  # noqa: E402
from state_wave import WAVE, record  # noqa: E402

ENVIPE_2012 = 9.7e8  # US$2010/yr, the figure analysis/local_crime.py checks against
# SESNSP kidnapping complaints (fuero comun): 438 in 2007, 1,344 in 2011 (docs/sources-second-wave.md)
DRUG_RELATED_2005 = 1776  # Duran-Martinez, Hazard & Rios 2010


def national(path):
    out = {}
    with open(path, newline="") as fh:
        for row in csv.DictReader(fh):
            out[int(row["year"])] = float(row["inegi_registered_preferred"])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("results", nargs="+")
    a = ap.parse_args()
    nat = national(os.path.join(a.data, "mx_homicides_national_year_1990_2012.csv"))
    st, st_names = record(os.path.join(a.data, "mx_homicides_inegi_occurrence_state_year_2000_2012.csv"))
    wave = [i for i, n in st_names.items() if n in WAVE]
    wave_rec = sum(st[(i, 2010)] - st[(i, 2007)] for i in wave) / sum(st[(i, 2010)] - st[(i, 2007)] for i in st_names)
    print("result | national log RMSE | state-year log RMSE | homicides 2005, 2008, 2010, 2012 / INEGI | "
          "organised-crime homicides 2005 (1,776) | extortion 2012 / ENVIPE | kidnappings 2011/2007 (SESNSP 3.07), "
          "extortion 2012/2007 | plazas held 2012 | groups 2012 | widest 2008 (23), 2011 (17-21) | "
          f"members 2012 ({MEMBERS[2012]:,}) | seven wave states' share of the 2007-2010 rise ({100 * wave_rec:.0f} %)")
    for fn in a.results:
        with h5py.File(fn, "r") as f:
            s = f["series"]
            year = (2000 + f["time"][:] / 365.25).astype(int)
            if year.max() < 2012:
                sys.exit(f"territory_fit.py: {fn} ends before 2012")
            hom, by_state = s["homicides_total"][:], s["homicides_by_state"][:]
            other = s["homicides"][:, :, list(strings(s["homicide_type_name"])).index("other")]
            ext = s["revenue_by_activity"][:, :, list(strings(s["activity_name"])).index("extortion")]
            held, groups = s["plazas_held"][:], s["criminal_groups"][:]
            widest = s["widest_organisation"][:]
            kid, exv = s["kidnapping_victims"][:], s["extortion_victims"][:]
            members = s["members"][:]
        e_nat, e_st, ratio = [], [], {}
        for y in range(2000, 2013):
            sel = year == y
            ratio[y] = hom[:, sel].sum(1).mean() / nat[y]
            e_nat.append(np.log(ratio[y]))
            m = by_state[:, sel, :].sum(1).mean(0)
            for i in range(m.size):
                if (i, y) in st:
                    e_st.append(np.log1p(m[i]) - np.log1p(st[(i, y)]))
        sel = year == 2012
        last = np.where(sel)[0][-1]
        # the share of the mean national rise 2007-2010 in the seven wave states (as analysis/state_wave.py)
        m07, m10 = (by_state[:, year == y, :].sum(1).mean(0) for y in (2007, 2010))
        share = (m10[wave] - m07[wave]).sum() / (m10 - m07).sum()
        print(f"{fn} | {np.sqrt(np.mean(np.square(e_nat))):.3f} | {np.sqrt(np.mean(np.square(e_st))):.3f} | "
              f"{', '.join(f'{ratio[y]:.2f}' for y in (2005, 2008, 2010, 2012))} | "
              f"{(hom[:, year == 2005].sum(1) - other[:, year == 2005].sum(1)).mean():,.0f} | "
              f"{ext[:, sel].sum(1).mean() / ENVIPE_2012:.2f} | "
              f"{kid[:, year == 2011].sum(1).mean() / kid[:, year == 2007].sum(1).mean():.2f} | "
              f"{exv[:, sel].sum(1).mean() / exv[:, year == 2007].sum(1).mean():.2f} | "
              f"{held[:, last].mean():.0f} | {groups[:, last].mean():.0f} | "
              f"{widest[:, np.where(year == 2008)[0][-1]].mean():.1f}, {widest[:, np.where(year == 2011)[0][-1]].mean():.1f} | "
              f"{members[:, last].mean():,.0f} | {100 * share:.0f} %")


if __name__ == "__main__":
    main()
