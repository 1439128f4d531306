# lib.sh: shared set-up for the CLI tests. Usage in a test: source lib.sh "$@"
# Arguments: path of the cartelsim binary, source directory, scratch directory.
set -u
CS=$1
SRC=$2
WORK=$3
rm -rf "$WORK" && mkdir -p "$WORK"
FAILS=0
# A short, coarse run of the real baseline: fast enough for every test.
SMALL=(--set sim.end=2004-12 --set sim.agent_scale=2000 -r 2)
fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }
pass() { echo "ok: $*"; }
finish() { # a failed test keeps its scratch directory to look at; a passed one removes it (results of
           # hundreds of MB: together about 5 GB over the normal and sanitized suites)
  if [ "$FAILS" -gt 0 ]; then echo "$FAILS check(s) failed (its files: $WORK)" >&2; exit 1; fi
  local t; t=$(trap -p EXIT) # the test's own EXIT trap first (it stops daemons whose pid files are in $WORK)
  if [ -n "$t" ]; then eval "set -- $t"; trap - EXIT; eval "$3"; fi
  cd / && rm -rf "$WORK"
  echo "all checks passed"; exit 0
}
