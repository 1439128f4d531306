#!/usr/bin/env bash
# shards.sh SCENARIO.cfg N OUT.h5 [cartelsim run options...]
#
# Writes the commands of a run split into N shards, for any engine that runs one command per task:
#   OUT.h5.shards/commands.txt  line I+1: cartelsim run SCENARIO --shard I/N -o OUT.h5.shards/shard-I.h5
#   OUT.h5.shards/final.sh      the merge into OUT.h5, to run when every shard is done
# Then: cluster/slurm/submit.sh OUT.h5.shards (Slurm job array + dependent merge),
#       cluster/dask_submit.py OUT.h5.shards (Dask), or: sh commands.txt && sh final.sh (here).
# The cartelsim binary is $CARTELSIM, or cartelsim on PATH. Paths are made absolute, so the commands
# run from any directory of a machine that shares the file system.
set -eu
if [ $# -lt 3 ]; then
  echo "usage: $0 SCENARIO.cfg N OUT.h5 [cartelsim run options...]" >&2
  exit 2
fi
scenario=$1 n=$2 out=$3
shift 3
case $n in '' | *[!0-9]* | 0) echo "$0: N must be a positive integer, got '$n'" >&2; exit 2 ;; esac
[ -r "$scenario" ] || { echo "$0: $scenario: cannot read the scenario" >&2; exit 2; }
cs=${CARTELSIM:-$(command -v cartelsim || true)}
[ -x "$cs" ] || { echo "$0: no cartelsim binary (set CARTELSIM=/path/to/cartelsim)" >&2; exit 2; }
abs() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s/%s\n' "$PWD" "$1" ;; esac; }
cs=$(abs "$cs") scenario=$(abs "$scenario") out=$(abs "$out")
dir=$out.shards
mkdir -p "$dir"
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
extra=""
for a in "$@"; do extra="$extra $(q "$a")"; done
tmp=$dir/commands.txt.$$.tmp
: > "$tmp"
parts=""
for ((i = 0; i < n; i++)); do
  echo "$(q "$cs") run $(q "$scenario")$extra --shard $i/$n -o $(q "$dir/shard-$i.h5") -q" >> "$tmp"
  parts="$parts $(q "$dir/shard-$i.h5")"
done
mv "$tmp" "$dir/commands.txt"
echo "$(q "$cs") merge -q $(q "$out")$parts" > "$dir/final.sh.$$.tmp" && mv "$dir/final.sh.$$.tmp" "$dir/final.sh"
echo "$dir"
