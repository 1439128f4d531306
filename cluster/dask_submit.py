#!/usr/bin/python3
"""dask_submit.py DIR [--scheduler ADDRESS | --scheduler-file FILE] [--workers N]

Runs the commands of DIR (DIR/commands.txt, one command per line, from `cartelsim sweep` or
cluster/shards.sh) as Dask tasks, then DIR/final.sh (the merge of the shards, or the collection of a
sweep's results) once every task succeeded. Without a scheduler it starts a LocalCluster of N
workers on this machine; with --scheduler tcp://host:8786 (or a scheduler file) it submits the same
tasks, unchanged, to that cluster, whose workers must see the same file system. Each task is a plain
command with an input and an output file: the results are identical to a run here.
Exit status: 0 done, 1 a task or the final step failed, 2 bad usage."""
import argparse
import os
import subprocess
import sys


def run_command(index, line):
    """One task: a shell command line; returns (index, exit status, the end of its error output)."""
    p = subprocess.run(["bash", "-c", line + " -j 1 > /dev/null"], capture_output=True, text=True)
    return index, p.returncode, p.stderr[-2000:]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", help="directory with commands.txt and final.sh")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--scheduler", help="address of a running Dask scheduler (tcp://host:8786)")
    g.add_argument("--scheduler-file", help="scheduler file written by `dask scheduler --scheduler-file`")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="LocalCluster workers (default: cores)")
    a = ap.parse_args()
    commands = os.path.join(a.dir, "commands.txt")
    final = os.path.join(a.dir, "final.sh")
    if not os.path.isfile(commands) or not os.path.isfile(final):
        print(f"dask_submit.py: {a.dir}: needs commands.txt and final.sh", file=sys.stderr)
        return 2
    with open(commands) as f:
        lines = [ln.rstrip("\n") for ln in f if ln.strip()]

    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    elif a.scheduler_file:
        client = Client(scheduler_file=a.scheduler_file)
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=False, dashboard_address=None)
        client = Client(cluster)
    failed = 0
    try:
        futures = [client.submit(run_command, i, ln, pure=False) for i, ln in enumerate(lines)]
        for fut in as_completed(futures):
            i, status, err = fut.result()
            if status != 0:
                failed += 1
                print(f"dask_submit.py: task {i} failed (exit {status}): {lines[i]}\n{err}", file=sys.stderr)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if failed:
        print(f"dask_submit.py: {failed} of {len(lines)} tasks failed; the final step is not run", file=sys.stderr)
        return 1
    print(f"dask_submit.py: {len(lines)} tasks done; running {final}", file=sys.stderr)
    return 1 if subprocess.run(["bash", final], stdout=subprocess.DEVNULL).returncode else 0


if __name__ == "__main__":
    sys.exit(main())
