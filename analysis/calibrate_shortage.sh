#!/usr/bin/env bash
# calibrate_shortage.sh [VALUES]: the runs conflict.value_elasticity is fitted with (docs/model.md
# 3.13): for each value, the baseline and no_cocaine_shortage to 2009, R paired replicates (R=64 unless set) at
# sim.agent_scale=2000, and the share of the 2006-2009 rise of homicides the shortage explains
# (analysis/natural_experiments.py shortage; Castillo, Mejia & Restrepo 2020: 10-14 %).
set -euo pipefail
BUILD=${BUILD:-build}; R=${R:-64}; D=results/calibration; mkdir -p "$D"
for v in ${1:-2 4 6}; do
  for s in baseline no_cocaine_shortage; do
    "$BUILD/cartelsim" run "scenarios/$s.cfg" --set sim.end=2009-12 --set sim.agent_scale=2000 -r "$R" \
      --set conflict.value_elasticity="$v" -q -o "$D/$s-$R-value-$v.h5" > /dev/null
  done
  echo "conflict.value_elasticity=$v:"
  /usr/bin/python3 analysis/natural_experiments.py shortage "$D/baseline-$R-value-$v.h5" "$D/no_cocaine_shortage-$R-value-$v.h5" | sed -n 2,3p
done
