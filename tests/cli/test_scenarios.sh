#!/usr/bin/env bash
# Every scenario in scenarios/ validates, and each policy scenario moves its outcomes the way its
# header says against the baseline, same seed (common random numbers), at a small scale, 2026-2040.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
for f in "$SRC"/scenarios/*.cfg; do
  "$CS" check "$f" > /dev/null || fail "check $f"
done
RUN=(--set sim.end=2040-12 --set sim.agent_scale=500 -r 4 -q)
for s in baseline interdiction_surge precursor_control demand_treatment regulated_cannabis kingpin_strategy \
         militarized_crackdown economic_opportunity institution_building; do
  "$CS" run "$SRC/scenarios/$s.cfg" "${RUN[@]}" -o "$s.h5" > /dev/null || fail "run $s"
done
/usr/bin/python3 "$SRC/tests/cli/compare_scenarios.py" . || fail "scenario directions"
finish
