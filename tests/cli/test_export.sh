#!/usr/bin/env bash
# cartelsim export --csv: a tidy table (run,replicate,seed,scenario,date,series,label,value,unit) and a
# BehaviorSpace-like wide table, read by pandas without options, sorted deterministically, with the
# values of the result file (weekly, and calendar-year totals with --annual, whose time column is
# `year` in both tables); files written whole.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
"$CS" run "$SRC/scenarios/baseline.cfg" --set sim.end=2003-12 --set sim.agent_scale=4000 -r 2 -q -o r.h5 > /dev/null || fail "run"
"$CS" export r.h5 --csv 2> /dev/null || fail "export"
"$CS" export r.h5 --csv --annual --series homicides_by_state,members -o y 2> /dev/null || fail "export --annual"
ls *.tmp 2> /dev/null && fail "temporary files left behind"
/usr/bin/python3 - <<'PY' || fail "exported tables disagree with the result file"
import h5py, numpy as np, pandas as pd
tidy, wide = pd.read_csv("r-tidy.csv"), pd.read_csv("r-wide.csv")
assert list(tidy.columns) == ["run", "replicate", "seed", "scenario", "date", "series", "label", "value", "unit"], tidy.columns
assert {"run", "seed", "step", "date", "homicides_total", "members"} <= set(wide.columns), wide.columns
g = h5py.File("r.h5", "r")["series"]
m = tidy[(tidy.series == "members")].sort_values(["replicate", "date"])
assert np.allclose(m.value.to_numpy().reshape(2, -1), g["members"][()], rtol=1e-9), "members"
h = wide.sort_values(["run", "step"]).homicides_total.to_numpy().reshape(2, -1)
assert np.allclose(h, g["homicides_total"][()], rtol=1e-9), "homicides_total (wide)"
od = tidy[(tidy.series == "overdose_deaths")]
assert np.allclose(od.groupby(["replicate", "date"]).value.sum().to_numpy().reshape(2, -1),
                   g["overdose_deaths"][()].sum(axis=2), rtol=1e-9), "overdose deaths by drug"
keys = ["replicate", "date"]
assert tidy[keys].apply(tuple, axis=1).is_monotonic_increasing, "tidy rows sorted by replicate and date"
y = pd.read_csv("y-tidy.csv")
assert list(y.columns) == ["run", "replicate", "seed", "scenario", "year", "series", "label", "value", "unit"], y.columns
assert "year" in pd.read_csv("y-wide.csv").columns
assert sorted(y.year.unique()) == [2000, 2001, 2002, 2003], y.date.unique()
sin = y[(y.series == "homicides_by_state") & (y.label == "SIN") & (y.replicate == 0)]
t = np.datetime64("2000-01-01") + np.round(g["time"][:]).astype("timedelta64[D]")
days = t[:, None] + np.arange(7)[None, :].astype("timedelta64[D]")
share = ((days >= np.datetime64("2001-01-01")) & (days < np.datetime64("2002-01-01"))).mean(axis=1)
states = [bytes(r).decode().rstrip("\0") for r in h5py.File("r.h5", "r")["state_name"][:]]
want = (g["homicides_by_state"][0, :, states.index("SIN")] * share).sum()
got = float(sin[sin.year == 2001].value.iloc[0])
assert abs(got - want) < 1e-6 * max(1, want), (got, want)
assert (y[y.series == "homicides_by_state"].unit == "persons/yr").all()
print(f"ok: {len(tidy)} tidy rows, {len(wide)} wide rows, yearly totals as in the file")
PY
if command -v Rscript > /dev/null; then
  Rscript -e 'x <- read.csv("r-tidy.csv"); w <- read.csv("r-wide.csv"); stopifnot(ncol(x) == 9, "members" %in% x$series, "homicides_total" %in% names(w)); cat("ok: R read.csv reads both tables,", nrow(x), "and", nrow(w), "rows\n")' \
    || fail "R's read.csv cannot read the exported tables"
else
  fail "Rscript not installed (make test installs r-base-core)"
fi
"$CS" export r.h5 --csv --series nosuch 2> err.txt; [ $? = 2 ] && grep -q "not a series" err.txt || fail "unknown series"
finish
