#!/usr/bin/env bash
# analysis/report.py: a self-contained HTML page of a scenario against its base (question and header,
# the compare table, plots, provenance), rendered in headless Chromium (Debian's chromium): the
# screenshot is not blank and the page holds the table with a row per key outcome and window.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
RUN=(--set sim.end=2030-12 --set sim.agent_scale=4000 -r 4 -q)
"$CS" run "$SRC/scenarios/baseline.cfg" "${RUN[@]}" -o base.h5 > /dev/null || fail "run baseline"
"$CS" run "$SRC/scenarios/kingpin_strategy.cfg" "${RUN[@]}" -o kingpin.h5 > /dev/null || fail "run kingpin"
CARTELSIM="$CS" /usr/bin/python3 "$SRC/analysis/report.py" base.h5 kingpin.h5 --window 2026-2030 -o report.html \
  || fail "report.py"
n_out=$("$CS" outcomes --json | /usr/bin/python3 -c "import json, sys; print(len(json.load(sys.stdin)))")
/usr/bin/python3 - report.html "$n_out" <<'PY' || fail "the page lacks its parts"
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
table = page[page.index("<table id='compare'>"):]
table = table[:table.index("</table>")]
rows = re.findall(r"<tr(?: class='ns')?><td>2026-2030</td>", table)
assert len(rows) == int(sys.argv[2]), f"{len(rows)} table rows for {sys.argv[2]} key outcomes"
for part in ("Question and sources", "kingpin_strategy.cfg", "paired differences", "Provenance",
             "leadership.kingpin_intensity", "data:image/png;base64,"):
    assert part in page, part
print(f"ok: {len(rows)} rows, header, plots and provenance in the page")
PY
command -v chromium > /dev/null || { fail "chromium not installed (make test installs it)"; finish; }
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$WORK/chromium" --window-size=1200,1600 \
  --screenshot="$WORK/report.png" "file://$WORK/report.html" > chromium.log 2>&1 || fail "chromium: $(tail -3 chromium.log)"
/usr/bin/python3 - report.png <<'PY' || fail "the rendered page is blank"
import sys
import matplotlib.image as mpimg
img = mpimg.imread(sys.argv[1])
std = float(img[..., :3].std())
dark = float((img[..., :3].mean(axis=2) < 0.5).mean())
assert img.shape[0] >= 1000 and std > 0.05 and dark > 0.01, (img.shape, std, dark)
print(f"ok: screenshot {img.shape[1]}x{img.shape[0]}, contrast {std:.2f}, {100 * dark:.1f} % ink")
PY
finish
