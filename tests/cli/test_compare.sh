#!/usr/bin/env bash
# cartelsim compare: paired differences of the key outcomes with a 90 % t interval, in four formats,
# agreeing with a recomputation from the files (members, a stock; homicides, a flow); refuses files
# that do not pair (other seed, other scale) and windows the runs do not cover.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
RUN=(--set sim.end=2027-12 --set sim.agent_scale=4000 -r 4 -q)
"$CS" run "$SRC/scenarios/baseline.cfg" "${RUN[@]}" -o base.h5 > /dev/null || fail "run baseline"
"$CS" run "$SRC/scenarios/pc_double_incapacitation.cfg" "${RUN[@]}" -o double.h5 > /dev/null || fail "run scenario"
"$CS" compare base.h5 double.h5 --window 2023-2027 > text.txt || fail "compare (text)"
grep -q "members .* \[" text.txt || fail "text output has no members row: $(head -3 text.txt)"
"$CS" compare base.h5 double.h5 --window 2023-2027 --format markdown | grep -q "^| pc_double_incapacitation | 2023-2027 | members" \
  || fail "markdown output"
"$CS" compare base.h5 double.h5 --window 2023-2027 --window 2026-2027 --format csv > out.csv || fail "compare (csv)"
"$CS" compare base.h5 double.h5 --window 2023-2027 --format json > out.json || fail "compare (json)"
/usr/bin/python3 - <<'PY' || fail "compare disagrees with a recomputation from the files"
import csv, json, h5py, numpy as np
rows = list(csv.DictReader(open("out.csv")))
js = json.load(open("out.json"))
assert {r["window"] for r in rows} == {"2023-2027", "2026-2027"}, "both windows in the csv"
def per_rep(path, name, how):
    g = h5py.File(path, "r")["series"]
    t = np.datetime64("2000-01-01") + np.round(g["time"][:]).astype("timedelta64[D]")
    x = g[name][()]
    if how == "stock":
        y = (t + np.timedelta64(3, "D")).astype("datetime64[Y]").astype(int) + 1970  # most days of the week
        return x[:, (y >= 2023) & (y <= 2027)].mean(axis=1)
    days = np.arange(7)[None, :] + np.arange(len(t))[:, None] * 7  # days since the first week
    y = (np.datetime64("2000-01-01") + days.astype("timedelta64[D]")).astype("datetime64[Y]").astype(int) + 1970
    share = ((y >= 2023) & (y <= 2027)).mean(axis=1)
    return (x * share).sum(axis=1) / 5
for name, how in (("members", "stock"), ("homicides_total", "flow")):
    d = per_rep("double.h5", name, how) - per_rep("base.h5", name, how)
    r = next(r for r in rows if r["outcome"] == name and r["window"] == "2023-2027")
    j = next(j for j in js if j["outcome"] == name)
    m, h = d.mean(), 2.353 * d.std(ddof=1) / np.sqrt(len(d))  # t(0.95, 3)
    for got in (float(r["change"]), j["change"]):
        assert abs(got - m) <= 1e-6 * max(1, abs(m)), f"{name}: change {got} against {m}"
    assert abs(float(r["high"]) - (m + h)) <= 1e-3 * max(1, abs(h)), f"{name}: interval {r['high']} against {m + h}"
    assert int(r["interval_contains_zero"]) == int(m - h <= 0 <= m + h)
print("ok: compare's paired changes and intervals agree with the files")
PY
"$CS" run "$SRC/scenarios/baseline.cfg" "${RUN[@]}" --seed 7 -o seed7.h5 > /dev/null || fail "run seed 7"
"$CS" compare base.h5 seed7.h5 2> err.txt > /dev/null; st=$?
[ "$st" = 2 ] && grep -q "same seed" err.txt || fail "another seed: exit $st, $(cat err.txt)"
"$CS" run "$SRC/scenarios/baseline.cfg" "${RUN[@]}" --set sim.agent_scale=2000 -o scale.h5 > /dev/null || fail "run at another scale"
"$CS" compare base.h5 scale.h5 2> err.txt > /dev/null; st=$?
[ "$st" = 2 ] && grep -q "sim.agent_scale" err.txt || fail "another scale: exit $st, $(cat err.txt)"
"$CS" compare base.h5 double.h5 --window 2030-2031 2> err.txt > /dev/null; st=$?
[ "$st" = 2 ] && grep -q "does not cover 2030-2031" err.txt || fail "window outside the run: exit $st, $(cat err.txt)"
"$CS" compare base.h5 double.h5 --outcomes homicidez 2> err.txt > /dev/null; st=$?
[ "$st" = 2 ] && grep -q "not a key outcome" err.txt || fail "unknown outcome: exit $st"
# Costs: doubling treatment capacity (0.75 million more slots) costs 0.75e6 x costs.treatment a year,
# discounted at costs.discount_rate from the window's first year; and it buys a ratio per death averted.
"$CS" run "$SRC/scenarios/demand_treatment.cfg" "${RUN[@]}" -o treat.h5 > /dev/null || fail "run demand_treatment"
"$CS" compare base.h5 treat.h5 --window 2026-2027 --format csv > cost.csv || fail "compare with costs"
unit=$("$CS" check "$SRC/scenarios/demand_treatment.cfg" | sed -n 's/^costs.treatment = \(.*\);/\1/p')
rate=$("$CS" check "$SRC/scenarios/demand_treatment.cfg" | sed -n 's/^costs.discount_rate = \(.*\);/\1/p')
/usr/bin/python3 - cost.csv "$unit" "$rate" <<'PY' || fail "the cost of doubled treatment is not what its declaration gives"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
unit, rate = float(sys.argv[2]), float(sys.argv[3])
cost = float(next(r for r in rows if r["outcome"] == "policy_cost")["change"])
want = 0.75e6 * unit * (1 + 1 / (1 + rate))
assert abs(cost - want) < 0.02 * want, (cost, want)  # the policy starts with the first week on or after 1 January
od = next(r for r in rows if r["outcome"] == "cost per overdose death averted")
print(f"ok: treatment costs {cost:.4g} US$2010 over 2026-2027 as declared; per overdose death averted: {od['change']}")
PY
pass "compare: formats, paired values, refusals, costs"
finish
