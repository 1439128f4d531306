#!/usr/bin/env bash
# Every scenario in scenarios/ validates, and each policy scenario moves its outcomes the way its
# header says against the baseline, same seed (common random numbers), at a small scale, 2026-2040.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
for f in "$SRC"/scenarios/*.cfg; do
  "$CS" check "$f" > /dev/null || fail "check $f"
done
# Market and demand scenarios: 4 replicates, 2026-2032 (their effects are large beside the noise).
RUN=(--set sim.end=2032-12 --set sim.agent_scale=500 -r 4 -q)
mkdir -p market cartels
for s in baseline interdiction_surge precursor_control demand_treatment regulated_cannabis; do
  "$CS" run "$SRC/scenarios/$s.cfg" "${RUN[@]}" -o "market/$s.h5" > /dev/null || fail "run $s"
done
/usr/bin/python3 "$SRC/tests/cli/compare_scenarios.py" market market || fail "scenario directions (market)"
# Cartel scenarios: a split of a large organisation and the war that follows make single replicates
# heavy-tailed, so 8 replicates to 2040 (a coarse demand scale: the organisations do not depend on it).
RUN=(--set sim.end=2040-12 --set sim.agent_scale=4000 -r 8 -q)
for s in baseline kingpin_strategy militarized_crackdown economic_opportunity institution_building; do
  "$CS" run "$SRC/scenarios/$s.cfg" "${RUN[@]}" -o "cartels/$s.h5" > /dev/null || fail "run $s"
done
/usr/bin/python3 "$SRC/tests/cli/compare_scenarios.py" cartels cartels || fail "scenario directions (cartels)"
finish
