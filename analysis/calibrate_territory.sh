#!/usr/bin/env bash
# calibrate_territory.sh [BUILD]: the grid cartels.entry.rate and diversification.productivity were
# chosen on (docs/model.md 3.13): the baseline to 2012 only, 8 replicates a point, scored by
# analysis/territory_fit.py against INEGI homicides 2000-2012 (national and by state) and ENVIPE's
# extortion of 2012. Nothing after 2012 is run or read.
set -euo pipefail
BUILD=${1:-build}; D=results/calibration; mkdir -p "$D"
files=()
for entry in ${ENTRY_GRID:-0 0.25 0.5 1}; do
  for prod in ${PROD_GRID:-50000 100000 200000}; do
    f="$D/entry-$entry-prod-$prod.h5"
    "$BUILD/cartelsim" run scenarios/baseline.cfg --set sim.end=2012-12 --set cartels.entry.rate=$entry \
      --set diversification.productivity=$prod -q -o "$f" > /dev/null
    files+=("$f")
  done
done
/usr/bin/python3 analysis/territory_fit.py --data "${DATA:-../shared/data}" "${files[@]}"
