#!/usr/bin/env bash
# calibrate_executions.sh: the grids conflict.execution_rate, conflict.execution_war and
# conflict.execution_rear were chosen on (docs/model.md 3.10, 2026-12-04): the baseline to 2012 only,
# 48 replicates a point, scored by analysis/territory_fit.py against INEGI homicides 2000-2012
# (national and by state). Nothing after 2012 is run or read.
set -euo pipefail
here="$(dirname "$0")"
"$here/calibrate_grid.sh" --replicates 48 conflict.execution_rear=0 conflict.execution_rate=0.002,0.003,0.004 conflict.execution_war=12,16,24
"$here/calibrate_grid.sh" --replicates 48 conflict.execution_rate=0.003 conflict.execution_war=16 conflict.execution_rear=0.1,0.25,0.5,1
