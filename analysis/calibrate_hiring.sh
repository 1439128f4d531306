#!/usr/bin/env bash
# calibrate_hiring.sh: the grid cartels.hire_share was judged on, refitting cartels.saturation with
# it (docs/model.md 3.8, 2026-12-04): the baseline to 2012 only, 64 replicates a point, scored by
# analysis/territory_fit.py against INEGI homicides 2000-2012 (national and by state).
# cartels.recruitment_rate stays at its source (Prieto-Curiel et al. 2023). Nothing after 2012 is
# run or read.
exec "$(dirname "$0")/calibrate_grid.sh" --replicates 64 cartels.hire_share=0,0.02,0.05 cartels.saturation=0.15,0.2,0.3
