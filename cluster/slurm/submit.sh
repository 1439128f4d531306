#!/usr/bin/env bash
# submit.sh [--wait] DIR [sbatch options...]
#
# Submits the commands of DIR (DIR/commands.txt: one command per line, from cartelsim sweep or
# cluster/shards.sh) as a Slurm job array, one task per line (sbatch --array=0-(N-1)), and DIR/final.sh
# (the merge of the shards, or the collection of a sweep's results) as a job that starts only when
# every task succeeded (--dependency=afterok). Logs go to DIR/slurm-*.out. Prints the two job ids.
# --wait returns when the final job has ended: status 0 only when it completed (a failed task cancels it).
set -eu
wait_opt=""
if [ "${1:-}" = --wait ]; then wait_opt=--wait; shift; fi
if [ $# -lt 1 ]; then echo "usage: $0 [--wait] DIR [sbatch options...]" >&2; exit 2; fi
dir=$(cd "$1" && pwd)
shift
[ -s "$dir/commands.txt" ] || { echo "$0: $dir/commands.txt: no commands" >&2; exit 2; }
[ -s "$dir/final.sh" ] || { echo "$0: $dir/final.sh: no final step" >&2; exit 2; }
n=$(wc -l < "$dir/commands.txt")
here=$(cd "$(dirname "$0")" && pwd)
array=$(sbatch --parsable --array=0-$((n - 1)) --chdir="$dir" --output="$dir/slurm-%A_%a.out" "$@" \
  "$here/task.sbatch" "$dir/commands.txt")
array=${array%%;*}
echo "cartelsim: job array $array: $n tasks ($dir/commands.txt)" >&2
final=$(sbatch --parsable $wait_opt --dependency=afterok:"$array" --kill-on-invalid-dep=yes --job-name=cartelsim-final \
  --chdir="$dir" --output="$dir/slurm-final-%j.out" "$@" --wrap "bash $dir/final.sh") || {
  st=$?; echo "cartelsim: the final step failed (exit $st): see $dir/slurm-final-*.out" >&2; exit $st; }
final=${final%%;*}
echo "cartelsim: final step $final after job $array ($dir/final.sh)" >&2
echo "$array $final"
if [ -n "$wait_opt" ]; then # a final job cancelled because a task failed also ends the wait: say so
  state=$(scontrol show job "$final" -o 2> /dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2)
  if [ "$state" != COMPLETED ]; then
    echo "cartelsim: the final step $final ended ${state:-in an unknown state} (a task of $array failed? see $dir/slurm-*.out)" >&2
    exit 1
  fi
fi
