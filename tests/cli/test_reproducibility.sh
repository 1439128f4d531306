#!/usr/bin/env bash
# Same scenario and seed: bit-identical series, events and organisations with -j1 and -j2, and again
# from the stored scenario (run --from); a different seed gives different series.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
run() { "$CS" run "$SRC/scenarios/baseline.cfg" "${SMALL[@]}" -r 3 -q "$@" > /dev/null || fail "run $*"; }
run -j 1 -o j1.h5
run -j 2 -o j2.h5
h5diff -q j1.h5 j2.h5 /series /series || fail "-j1 and -j2 differ"
h5diff -q j1.h5 j2.h5 /events /events || fail "-j1 and -j2: /events differ"
h5diff -q j1.h5 j2.h5 /organisations /organisations || fail "-j1 and -j2: /organisations differ"
"$CS" run --from j1.h5 -o from.h5 -q -j 2 > /dev/null || fail "run --from"
h5diff -q j1.h5 from.h5 /series /series || fail "run --from does not reproduce the series"
h5diff -q j1.h5 from.h5 /summary /summary || fail "run --from does not reproduce the summary"
h5diff -q j1.h5 from.h5 /events /events || fail "run --from does not reproduce the events"
run --seed 7 -o s7.h5
h5diff -q j1.h5 s7.h5 /series/users_heavy /series/users_heavy > /dev/null && fail "another seed should differ"
pass "bit-identical for -j1, -j2 and --from"
finish
