#!/usr/bin/env bash
# A real result file opens in xarray (h5netcdf engine) with named dimensions and decoded dates.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
"$CS" run "$SRC/scenarios/baseline.cfg" "${SMALL[@]}" -o nc.h5 -q > /dev/null || fail "run"
/usr/bin/python3 "$SRC/tests/cli/check_netcdf.py" nc.h5 || fail "netCDF/xarray check"
# The organisation table: one row per organisation, parents as indices, readable as a netCDF table.
/usr/bin/python3 - nc.h5 "$SRC/scenarios/data/organisations.csv" <<'PY' || fail "/organisations table"
import sys, xarray as xr
ds = xr.open_dataset(sys.argv[1], engine="h5netcdf", group="organisations")
rows = [l for l in open(sys.argv[2]) if l.strip() and not l.startswith("#")][1:]
assert ds.sizes["organisation"] == len(rows), (ds.sizes, len(rows))
ids = list(ds.organisation_name.values)
assert ids[0] == rows[0].split(",")[0], ids[:3]
parent = {r.split(",")[0]: r.split(",")[2] for r in rows}
for i, o in enumerate(ids):
    p = int(ds.parent.values[i])
    assert (ids[p] if p >= 0 else "") == parent[o], (o, p, parent[o])
print("organisations table: OK,", len(ids), "rows")
PY
finish
