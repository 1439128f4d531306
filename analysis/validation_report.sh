#!/usr/bin/env bash
# validation_report.sh BUILD OUT.md: run the history and the natural-experiment scenarios (same seed,
# 8 replicates at the default scale to 2032; the ban expiry and the shortage with 256 coarse
# replicates) and write the generated part of cartelsim's validation (docs/validation-results.md): the history replay
# against the record, the natural experiments against the published studies, and the experiments of
# Prieto-Curiel et al. Called by `make validation`; every figure comes from these runs.
set -euo pipefail
BUILD=${1:-build}; OUT=${2:-docs/validation-results.md}
CS=$BUILD/cartelsim; PY=/usr/bin/python3; D=results/validation
mkdir -p "$D"
for s in baseline no_cocaine_shortage regulated_cannabis pc_halve_recruitment pc_double_incapacitation; do
  echo "cartelsim: validation run $s (8 replicates to 2032)" >&2
  "$CS" run "scenarios/$s.cfg" --set sim.end=2032-12 -q -o "$D/$s.h5" > /dev/null
done
# The ban expiry's effect is small beside the border states' wars: the 256 replicates at
# sim.agent_scale=2000 of its test (tests/cli/test_natural_experiments.sh), not the 8 above.
for s in baseline awb_counterfactual; do
  echo "cartelsim: validation run $s (256 replicates to 2006, sim.agent_scale=2000)" >&2
  "$CS" run "scenarios/$s.cfg" --set sim.end=2006-12 --set sim.agent_scale=2000 -r 256 -q -o "$D/$s-awb.h5" > /dev/null
done
for s in baseline no_cocaine_shortage; do
  echo "cartelsim: validation run $s (256 replicates to 2009, sim.agent_scale=2000)" >&2
  "$CS" run "scenarios/$s.cfg" --set sim.end=2009-12 --set sim.agent_scale=2000 -r 256 -q -o "$D/$s-256.h5" > /dev/null
done
tmp=$(mktemp "$OUT.XXXXXX")
{
  echo "# cartelsim validation: generated results"
  echo
  echo "Written by \`make validation\` (analysis/validation_report.sh) from runs of the current code; do not edit by"
  echo "hand. The narrative and the known gaps are in [validation.md](validation.md). Calibration used 2000-2012 only;"
  echo "2013 onwards is held out."
  echo
  echo "## History replay 2000-2025 (baseline, 8 replicates)"
  echo
  $PY analysis/history_fit.py "$D/baseline.h5"
  echo
  echo "## The 2008-2011 wave by state (baseline, 2007 against 2010)"
  echo
  if [ -f ../shared/data/mx_homicides_inegi_occurrence_state_year_2000_2012.csv ]; then
    $PY analysis/state_wave.py "$D/baseline.h5" --data ../shared/data
  else
    echo "(not written: INEGI's state-by-year record, ../shared/data/mx_homicides_inegi_occurrence_state_year_2000_2012.csv, is not on this machine)"
  fi
  echo
  echo "## Organised-crime homicides against the federal count, 2007-2010 (baseline)"
  echo
  $PY analysis/organised_crime_count.py "$D/baseline.h5"
  echo
  echo "## The US side: overdose deaths, seizures, revenue (baseline)"
  echo
  $PY analysis/supply_side.py "$D/baseline.h5"
  echo
  echo "## Local crime: sizes against published figures (baseline)"
  echo
  $PY analysis/local_crime.py "$D/baseline.h5"
  echo
  echo "## Natural experiments"
  echo
  $PY analysis/natural_experiments.py summary "$D/baseline.h5" "$D/awb_counterfactual-awb.h5" "$D/regulated_cannabis.h5" \
    "$D/baseline-256.h5" "$D/no_cocaine_shortage-256.h5" --awb-baseline "$D/baseline-awb.h5"
  echo
  echo "In detail:"
  echo
  echo '```'
  echo "(256 replicates at sim.agent_scale=2000)"
  $PY analysis/natural_experiments.py awb "$D/baseline-awb.h5" "$D/awb_counterfactual-awb.h5"
  echo
  $PY analysis/natural_experiments.py removals "$D/baseline.h5"
  echo
  $PY analysis/natural_experiments.py crime_after_removals "$D/baseline.h5"
  echo
  $PY analysis/natural_experiments.py groups_after_removals "$D/baseline.h5"
  echo
  $PY analysis/natural_experiments.py cannabis "$D/baseline.h5" "$D/regulated_cannabis.h5"
  echo
  echo "(8 replicates at the default scale: too few for an effect of this size, shown for the noise; the fitted share is the one below)"
  $PY analysis/natural_experiments.py shortage "$D/baseline.h5" "$D/no_cocaine_shortage.h5"
  echo "(256 replicates, sim.agent_scale=2000: the runs conflict.value_elasticity was fitted with)"
  $PY analysis/natural_experiments.py shortage "$D/baseline-256.h5" "$D/no_cocaine_shortage-256.h5"
  echo
  $PY analysis/natural_experiments.py sinaloa2024 "$D/baseline.h5"
  echo '```'
  echo
  echo "## Prieto-Curiel, Campedelli & Hope (2023): their experiments from 2022"
  echo
  $PY analysis/prieto_curiel.py "$D/baseline.h5" "$D/pc_halve_recruitment.h5" "$D/pc_double_incapacitation.h5"
} > "$tmp"
mv "$tmp" "$OUT"
echo "cartelsim: wrote $OUT" >&2
