#!/usr/bin/env bash
# A real result file opens in xarray (h5netcdf engine) with named dimensions and decoded dates.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
"$CS" run "$SRC/scenarios/baseline.cfg" "${SMALL[@]}" -o nc.h5 -q > /dev/null || fail "run"
/usr/bin/python3 "$SRC/tests/cli/check_netcdf.py" nc.h5 || fail "netCDF/xarray check"
finish
