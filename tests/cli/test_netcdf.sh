#!/usr/bin/env bash
# A real result file opens in xarray (h5netcdf engine) with named dimensions and decoded dates.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
"$CS" run "$SRC/scenarios/baseline.cfg" "${SMALL[@]}" -o nc.h5 -q > /dev/null || fail "run"
/usr/bin/python3 "$SRC/tests/cli/check_netcdf.py" nc.h5 || fail "netCDF/xarray check"
# The organisation and event tables: one row per organisation ever alive per replicate (the founders
# of 2000 first, as in organisations.csv), parents as indices within the replicate, every split and
# birth consistent with the parents; both readable as netCDF tables.
/usr/bin/python3 - nc.h5 "$SRC/scenarios/data/organisations.csv" <<'PY' || fail "/organisations and /events tables"
import sys, xarray as xr
ds = xr.open_dataset(sys.argv[1], engine="h5netcdf", group="organisations")
ev = xr.open_dataset(sys.argv[1], engine="h5netcdf", group="events")
rows = [l for l in open(sys.argv[2]) if l.strip() and not l.startswith("#")][1:]
rep, idx, par, lin = (ds[k].values for k in ("replicate", "index", "parent", "lineage"))
ids = [str(x) for x in ds["id"].values]
parent_csv = {r.split(",")[0]: r.split(",")[2] for r in rows}
founders = [i for i in range(len(ids)) if rep[i] == 0 and idx[i] < len(rows)]
assert [ids[i] for i in founders] == [r.split(",")[0] for r in rows], ids[:12]
for i in founders:
    p = int(par[i])
    assert (ids[p] if p >= 0 else "") == parent_csv[ids[i]], (ids[i], p)
    assert lin[i] == idx[i]
row = {(int(r), int(k)): n for n, (r, k) in enumerate(zip(rep, idx))}
for n in range(len(ids)):
    if idx[n] >= len(rows):  # a splinter: its parent exists in the same replicate, same lineage
        pr = row[(int(rep[n]), int(par[n]))]
        assert lin[pr] == lin[n] and ids[n].startswith(ids[pr] + "."), (ids[n], ids[pr])
kinds = [str(k) for k in ev["kind"].values]
splits = 0
for n, k in enumerate(kinds):
    if k == "split":
        splits += 1
        child = row[(int(ev.replicate.values[n]), int(ev.other.values[n]))]
        assert par[child] == ev.organisation.values[n], n
assert splits == sum(1 for n in range(len(ids)) if idx[n] >= len(rows)), "every splinter is born of a split"
assert ev.sizes["event"] == len(kinds) and str(ev.time.dtype).startswith("datetime64"), ev.time.dtype
print("organisations and events tables: OK,", len(ids), "organisations,", len(kinds), "events,", splits, "splits")
PY
finish
