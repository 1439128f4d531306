#!/usr/bin/env bash
# calibrate_grid.sh [--replicates R] NAME=V1,V2,... [NAME=V1,V2,... ...]: run the baseline to 2012
# only (8 replicates a point unless -r) on the full grid of the given parameter values, with
# BUILD/cartelsim (BUILD=build unless set), and score every point with analysis/territory_fit.py
# against the record of 2000-2012 (INEGI homicides national and by state, ENVIPE's extortion of 2012).
# The grids behind the fitted values of docs/model.md 3.13 are analysis/calibrate_territory.sh and
# analysis/calibrate_conflict.sh. Nothing after 2012 is run or read.
set -euo pipefail
BUILD=${BUILD:-build}; D=results/calibration; mkdir -p "$D"; R=8
if [ "${1:-}" = "--replicates" ]; then R=$2; shift 2; fi
[ $# -ge 1 ] || { echo "usage: calibrate_grid.sh [--replicates R] NAME=V1,V2,... ..." >&2; exit 2; }
points=("")
for spec in "$@"; do
  name=${spec%%=*}; values=${spec#*=}
  [ "$name" != "$spec" ] || { echo "calibrate_grid.sh: '$spec' is not NAME=V1,V2,..." >&2; exit 2; }
  next=()
  for p in "${points[@]}"; do
    IFS=, read -ra vs <<< "$values"
    for v in "${vs[@]}"; do next+=("$p $name=$v"); done
  done
  points=("${next[@]}")
done
files=()
for p in "${points[@]}"; do
  sets=(); tag=""
  for kv in $p; do sets+=(--set "$kv"); tag="$tag${tag:+,}$kv"; done
  f="$D/$tag.h5"
  "$BUILD/cartelsim" run scenarios/baseline.cfg --set sim.end=2012-12 -r "$R" "${sets[@]}" -q -o "$f" > /dev/null
  files+=("$f")
done
/usr/bin/python3 analysis/territory_fit.py --data "${DATA:-../shared/data}" "${files[@]}"
