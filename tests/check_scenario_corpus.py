#!/usr/bin/env python3
"""Run the malformed and extreme scenario corpus (tests/scenario_corpus/cases.tsv).

Every case is given to `cartelsim check` and to `cartelsim run -o ...`; both must exit with the
expected status, the message must name the expected file, line and key ("FILE:LINE: KEY: ..."),
and a failed run must leave nothing in its output directory. Cases named gen_* are generated here
(a FIFO, a directory, a file over the size limit, 100,000-line files). Parse time must grow linearly
with the length of the file: 100,000 timeline entries may take at most 30 times the CPU time of
10,000 (a quadratic reader takes 100 times as long).

Usage: check_scenario_corpus.py CARTELSIM SOURCE_DIR WORK_DIR
"""
import os
import re
import resource
import shutil
import subprocess
import sys
import time

cs, src, work = (os.path.abspath(a) for a in sys.argv[1:4])
corpus = os.path.join(src, "tests", "scenario_corpus")
shutil.rmtree(work, ignore_errors=True)
shutil.copytree(corpus, work)
os.chdir(work)
# The same memory limit on every machine; under LeakSanitizer, libconfig's own leak on a syntax error
# after a string is not ours (tests/lsan-libconfig.supp).
supp = os.path.join(src, "tests", "lsan-libconfig.supp")
env = dict(os.environ, CARTELSIM_MEMORY_LIMIT_MB="16384",
           LSAN_OPTIONS=(os.environ.get("LSAN_OPTIONS", "") + ":suppressions=" + supp).lstrip(":"))


def timeline(n):
    """n policy entries, latest date first (the reader must sort them)."""
    lines = ["policy = ("]
    for i in range(n):
        m = 551 - (i % 300)
        lines.append('%s{ at = "%04d-%02d"; set = { demand.naloxone.coverage = %.4f; }; }'
                     % ("," if i else " ", 2000 + m // 12, m % 12 + 1, (i % 97) / 100.0))
    lines.append(");")
    return "\n".join(lines) + "\n"


def generate():
    os.mkfifo("gen_fifo.cfg")
    with open("gen_include_fifo.cfg", "w") as f:
        f.write('@include "gen_fifo.cfg"\n')
    os.mkdir("gen_dir.cfg")
    with open("gen_too_big.cfg", "wb") as f:
        f.truncate((16 << 20) + 1)
    with open("gen_many_settings.cfg", "w") as f:
        f.write("".join("k%d = %d;\n" % (i, i) for i in range(100000)))
    with open("gen_many_duplicates.cfg", "w") as f:
        f.write("sim.seed = 1;\n" * 100000)
    with open("gen_long_timeline.cfg", "w") as f:
        f.write(timeline(100000))
    with open("gen_timeline_10k.cfg", "w") as f:
        f.write(timeline(10000))


fails = []


def fail(msg):
    fails.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def run(args, timeout=60):
    t0 = time.monotonic()
    try:
        p = subprocess.run([cs] + args, capture_output=True, text=True, errors="replace", timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return None, "", "timed out after %d s" % timeout, timeout
    return p.returncode, p.stdout, p.stderr, time.monotonic() - t0


generate()
cases = []
with open(os.path.join(corpus, "cases.tsv")) as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        name, status, file, lineno, key, frag = line.rstrip("\n").split("\t")
        cases.append((name, int(status), file, int(lineno), key, frag))

for name, status, file, lineno, key, frag in cases:
    where = file + (":%d" % lineno if lineno else "") + ": " + ("" if key == "-" else key + ": ")
    rc, out, err, secs = run(["check", name])
    if rc != status:
        fail("%s: check exit status %s, expected %d: %s" % (name, rc, status, err.strip()))
        continue
    if status == 0:
        if frag not in out:
            fail("%s: check output lacks %r" % (name, frag))
        else:
            print("ok: %s: valid (%.2f s)" % (name, secs))
        continue
    first = err.strip().splitlines()[0] if err.strip() else ""
    if not first.startswith("cartelsim: " + where) or frag not in first:
        fail("%s: message %r, expected 'cartelsim: %s...%s...'" % (name, first, where, frag))
        continue
    outdir = "out_" + name.replace(".", "_")
    os.mkdir(outdir)
    rc2, _, err2, _ = run(["run", name, "-q", "-j", "1", "-o", os.path.join(outdir, "r.h5")])
    left = os.listdir(outdir)
    # the free disk space a message may quote moves while other tests write: compare without it
    same = re.sub(r"[0-9.]+ GiB free", "N GiB free", (err2.strip().splitlines() or [""])[0]) == \
        re.sub(r"[0-9.]+ GiB free", "N GiB free", first)
    if rc2 != status or not same or left:
        fail("%s: run: status %s, message %r, left %s" % (name, rc2, err2.strip(), left))
        continue
    print("ok: %s: %s (%.2f s)" % (name, first, secs))

# Linear parse time: 10,000 and 100,000 timeline entries. A check of growth, not of speed: the CPU
# time of the child (not the wall clock, which other jobs on the machine stretch: 0.28 s and 8.71 s
# of wall time under ASan beside a scenario run), the least of three runs each.
def cpu_seconds(args):
    best = None
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        run(args)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = t if best is None else min(best, t)
    return best


t10 = cpu_seconds(["check", "gen_timeline_10k.cfg"])
t100 = cpu_seconds(["check", "gen_long_timeline.cfg"])
if t100 > 2.0 and t100 > 30 * max(t10, 0.01):
    fail("parse time not linear: 10,000 entries %.2f s, 100,000 entries %.2f s of CPU" % (t10, t100))
else:
    print("ok: parse time 10,000 timeline entries %.2f s, 100,000 %.2f s of CPU" % (t10, t100))

print("%d cases, %d failed" % (len(cases), len(fails)))
sys.exit(1 if fails else 0)
