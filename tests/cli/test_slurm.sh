#!/usr/bin/env bash
# cluster/slurm/submit.sh on a one-node Slurm cluster started here (munged, slurmctld and slurmd of
# Debian's slurm-wlm and munge, with their own configuration, sockets, ports and state under the
# scratch directory): a job array of shards with a merge that depends on it, and a sweep with its
# collection; files identical to a run on this machine. Skips (77), saying why, when Slurm is not
# installed or its daemons cannot start here (e.g. a container without the privileges they need).
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
PY=/usr/bin/python3
skip() { echo "SKIP: $*"; exit 77; }
for b in munged slurmctld slurmd sbatch sinfo; do
  command -v $b > /dev/null || [ -x /usr/sbin/$b ] || skip "$b not installed (Debian: slurm-wlm munge; make test-deps)"
done
[ -r /etc/munge/munge.key ] || skip "no /etc/munge/munge.key (Debian's munge creates it)"
[ "$(id -u)" = 0 ] || skip "the test starts slurmd, which needs root"
PATH=$PATH:/usr/sbin
D=$WORK/slurm
mkdir -p "$D/state" "$D/spool" "$D/log"
pids=()
stop() {
  for f in "$D/slurmd.pid" "$D/slurmctld.pid" "$D/munged.pid"; do
    [ -s "$f" ] && kill "$(cat "$f")" 2> /dev/null
  done
  sleep 0.5
}
trap stop EXIT
# Ports of this test run only (other runs on this machine may have their own cluster).
port=$((20000 + ($$ % 20000)))
host=$(hostname)
munged --force --socket="$D/munge.sock" --key-file=/etc/munge/munge.key --pid-file="$D/munged.pid" \
  --log-file="$D/log/munged.log" --seed-file="$D/munge.seed" 2> "$D/log/munged.err" \
  || skip "munged cannot start: $(cat "$D/log/munged.err")"
cat > "$D/slurm.conf" << CONF
ClusterName=cartelsimtest
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$D/munge.sock
CredType=cred/munge
SlurmctldPort=$port
SlurmdPort=$((port + 1))
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$D/slurm.conf
slurmctld -f "$SLURM_CONF" 2> "$D/log/ctld.err" || skip "slurmctld cannot start: $(cat "$D/log/ctld.err")"
slurmd -f "$SLURM_CONF" 2> "$D/log/d.err" || skip "slurmd cannot start: $(cat "$D/log/d.err")"
up=0
for _ in $(seq 60); do
  sinfo -h -o %t 2> /dev/null | grep -q idle && { up=1; break; }
  sleep 0.5
done
[ $up = 1 ] || skip "the Slurm node did not come up within 30 s: $(tail -3 "$D/log/slurmd.log" 2> /dev/null)"
pass "one-node Slurm cluster up ($host, ports $port-$((port + 1)))"

export CARTELSIM=$CS
SAME="$PY $SRC/tests/cli/same_results.py"
R=(--set sim.end=2004-12 --set sim.agent_scale=2000 -r 4)
"$CS" run "$SRC/scenarios/baseline.cfg" "${R[@]}" -q -o whole.h5 > /dev/null || fail "local run"
"$SRC/cluster/shards.sh" "$SRC/scenarios/baseline.cfg" 3 slurm.h5 "${R[@]}" > /dev/null || fail "shards.sh"
timeout 300 "$SRC/cluster/slurm/submit.sh" --wait slurm.h5.shards > ids.txt 2> submit.err || fail "submit.sh: $(cat submit.err)"
[ "$(ls slurm.h5.shards/slurm-*_*.out 2> /dev/null | wc -l)" = 3 ] || fail "three array tasks should have run"
$SAME whole.h5 slurm.h5 || fail "the merged shards of the job array differ from the local run"
pass "job array of 3 shards + dependent merge (jobs $(cat ids.txt)) = the local run"

printf 'point,demand.treatment.capacity\n0,5e5\n1,2e6\n' > design.csv
"$CS" sweep design.csv "$SRC/scenarios/baseline.cfg" "${R[@]:0:4}" -r 2 -o sweep 2> /dev/null || fail "sweep"
"$CS" sweep design.csv "$SRC/scenarios/baseline.cfg" "${R[@]:0:4}" -r 2 -o sweep-local --local -j 2 2> /dev/null || fail "sweep --local"
timeout 300 "$SRC/cluster/slurm/submit.sh" --wait sweep > /dev/null 2> sweep.err || fail "sweep on Slurm: $(cat sweep.err)"
cmp -s sweep/results.csv sweep-local/results.csv || fail "the sweep's results.csv differs from --local's"
# A failing task: the final step never runs.
"$SRC/cluster/shards.sh" "$SRC/scenarios/baseline.cfg" 2 broken.h5 "${R[@]}" > /dev/null
sed -i '2s/--shard 1\/2/--shard 7\/2/' broken.h5.shards/commands.txt
timeout 300 "$SRC/cluster/slurm/submit.sh" --wait broken.h5.shards > /dev/null 2>&1 && fail "a failed task should fail the final step"
[ -e broken.h5 ] && fail "no merged file after a failed task"
pass "a sweep as a job array + collection = sweep --local; a failed task stops the merge"
finish
