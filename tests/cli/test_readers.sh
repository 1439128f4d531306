#!/usr/bin/env bash
# The reading examples of README.md and docs/output-format.md run verbatim: every ```python, ```r and
# ```octave block, against a real result file at results/baseline.h5 (as the examples assume), with
# Debian's python3-xarray/h5py, R (r-cran-ncdf4, r-cran-hdf5r) and Octave (octave-netcdf). The
# packages come with `make test` (TEST_PACKAGES of the Makefile).
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
mkdir -p results
"$CS" run "$SRC/scenarios/baseline.cfg" "${SMALL[@]}" -o results/baseline.h5 -q > /dev/null || fail "run"
/usr/bin/python3 - "$SRC/README.md" "$SRC/docs/output-format.md" <<'PY' || fail "extract the examples"
import re, sys
n = 0
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    for lang, body in re.findall(r"```(python|r|octave)\n(.*?)```", text, re.S):
        n += 1
        ext = {"python": "py", "r": "R", "octave": "m"}[lang]
        open(f"example{n:02d}.{ext}", "w").write(body)
print(f"{n} examples")
PY
for f in example*.*; do
  case $f in
    *.py) cmd=(/usr/bin/python3 "$f") ;;
    *.R) command -v Rscript > /dev/null || { fail "$f: Rscript not installed (make test installs r-base-core)"; continue; }
         cmd=(Rscript "$f") ;;
    *.m) command -v octave > /dev/null || { fail "$f: octave not installed (make test installs octave)"; continue; }
         cmd=(octave --no-gui --quiet --no-window-system "$f") ;;
  esac
  if "${cmd[@]}" > "$f.out" 2>&1; then
    echo "ok: $f ($(head -c 60 "$f" | head -1))"
  else
    fail "$f does not run as written: $(tail -5 "$f.out")"
  fi
done
grep -q '"cannabis" *"cocaine" *"opioids" *"methamphetamine"\|cannabis.*cocaine.*opioids.*methamphetamine' example*.R.out \
  || fail "R does not read the drug labels as strings"
grep -q "opioids" example*.m.out || fail "Octave does not read the drug labels as strings"
finish
