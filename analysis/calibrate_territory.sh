#!/usr/bin/env bash
# calibrate_territory.sh: the grid cartels.entry.rate and diversification.productivity were chosen on
# (docs/model.md 3.13): the baseline to 2012 only, 8 replicates a point, scored by
# analysis/territory_fit.py against INEGI homicides 2000-2012 (national and by state) and ENVIPE's
# extortion of 2012. Nothing after 2012 is run or read. (Since 2026-12-04 ENVIPE's extortion is
# fitted by diversification.predation_productivity, analysis/calibrate_predation.sh, and
# diversification.productivity, which no longer sets extortion, is an assumption.)
exec "$(dirname "$0")/calibrate_grid.sh" cartels.entry.rate=0,0.25,0.5,1 diversification.productivity=50000,100000,200000
