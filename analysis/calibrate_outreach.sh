#!/usr/bin/env bash
# calibrate_outreach.sh: the grid cartels.outreach.rate and conflict.execution_war were chosen on
# (docs/model.md 3.13, 2026-12-03): the baseline to 2012 only, 24 replicates a point, scored by
# analysis/territory_fit.py. The rate is read off the presence of the widest organisation at the end
# of 2008 (Sinaloa's 23 states) and 2011 (Los Zetas' 17-21), the last column; execution_war off the
# national and state-by-year log RMSE of INEGI homicides 2000-2012. Nothing after 2012 is run or read.
exec "$(dirname "$0")/calibrate_grid.sh" --replicates 24 cartels.outreach.rate=0,0.5,0.7,1 conflict.execution_war=2,3,4,5,8
