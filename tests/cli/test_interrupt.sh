#!/usr/bin/env bash
# SIGINT or SIGTERM during a run: non-zero exit, a message, nothing at the final path, no temporary.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
for sig in INT TERM; do
  "$CS" run "$SRC/scenarios/baseline.cfg" -r 400 -j 1 -o long.h5 > out.txt 2> err.txt &
  pid=$!
  sleep 1
  kill -s $sig $pid
  wait $pid; rc=$?
  [ $rc -ne 0 ] || fail "SIG$sig: exit status 0"
  grep -q "interrupted by SIG$sig: no result written" err.txt || fail "SIG$sig: message: $(cat err.txt)"
  [ ! -e long.h5 ] && ! ls long.h5*.tmp > /dev/null 2>&1 || fail "SIG$sig: a file was left behind"
  pass "SIG$sig: status $rc, $(cat err.txt)"
done
finish
