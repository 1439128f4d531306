#!/usr/bin/env bash
# calibrate_conflict.sh: the grids on which a refit of conflict.execution_rate was tried after entry
# into uncontrolled plazas and local specialisation (docs/model.md 3.13 says why it was not adopted): the baseline to 2012 only, 16
# replicates a point, scored by analysis/territory_fit.py against INEGI homicides 2000-2012; the
# target is the 1,776 drug-related homicides of 2005 (Duran-Martinez et al. 2010: the model's total
# minus its "other" homicides). The second grid shows that execution_war and lethality, fitted
# earlier, are not identified better within replicate noise. Nothing after 2012 is run or read.
set -euo pipefail
here=$(dirname "$0")
"$here/calibrate_grid.sh" --replicates 16 conflict.execution_rate=0.0025,0.005,0.01
"$here/calibrate_grid.sh" --replicates 16 conflict.execution_rate=0.0025 conflict.execution_war=8,16 conflict.lethality=0.006,0.012
