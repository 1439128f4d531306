#!/usr/bin/env bash
# analysis/plot.py turns a result file into a PNG.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
"$CS" run "$SRC/scenarios/baseline.cfg" "${SMALL[@]}" -o pl.h5 -q > /dev/null || fail "run"
MPLBACKEND=Agg /usr/bin/python3 "$SRC/analysis/plot.py" pl.h5 -o pl.png || fail "plot.py"
[ "$(head -c 4 pl.png | tail -c 3)" = "PNG" ] || fail "not a PNG"
MPLBACKEND=Agg /usr/bin/python3 "$SRC/analysis/plot.py" pl.h5 --series consumption --drug cocaine --annual -o c.png || fail "plot.py options"
finish
