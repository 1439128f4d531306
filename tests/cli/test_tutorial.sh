#!/usr/bin/env bash
# docs/tutorial.md runs as written: every ```sh block, in order, in a scratch copy of the layout the
# tutorial assumes (build/, scenarios/, analysis/, results/), and each leaves what it promises.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
mkdir -p build results
ln -s "$CS" build/cartelsim
cp -r "$SRC/scenarios" scenarios
ln -s "$SRC/analysis" analysis
/usr/bin/python3 - "$SRC/docs/tutorial.md" <<'PY' > steps.txt || fail "extract the tutorial's commands"
import re, sys
blocks = re.findall(r"```sh\n(.*?)```", open(sys.argv[1], encoding="utf-8").read(), re.S)
for i, b in enumerate(blocks):
    open(f"step{i + 1:02d}.sh", "w").write(b)
print(len(blocks))
PY
for s in step*.sh; do
  echo "tutorial: $s: $(head -1 "$s" | cut -c1-80)"
  CARTELSIM="$CS" bash -e "$s" > "$s.out" 2>&1 || fail "$s failed: $(tail -5 "$s.out")"
done
[ "$(cat steps.txt)" -ge 7 ] || fail "only $(cat steps.txt) command blocks in the tutorial"
grep -q 'at = "2028-12"; set = { mexico.deployment.troops = 200000' step02.sh.out || fail "the ramp does not end at 200,000 in 2028-12"
grep -q "my_deployment.*homicides_total" step04.sh.out || fail "compare printed no homicides row"
for f in results/tut-deploy.png results/tut-report.html results/tut-deploy-tidy.csv results/tut-deploy-wide.csv; do
  [ -s "$f" ] || fail "the tutorial did not write $f"
done
finish
