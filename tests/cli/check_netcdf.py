#!/usr/bin/python3
"""check_netcdf.py: check that a cartelsim result file reads as netCDF-4 with xarray.

Usage: check_netcdf.py RESULT.h5

Opens the file the way users do (xarray with engine="h5netcdf"; the root and the groups series,
summary and scenario) and checks named dimensions, decoded dates, units and drug labels; walks every
group with h5netcdf and h5py to check that no dimension is a made-up "phony_dim" and that every
axis of every dataset has a dimension scale. Prints "netcdf check: OK" and exits 0, or prints the
failures and exits 1. Uses only Debian packages (python3-xarray, python3-h5netcdf, python3-h5py).
"""
import sys

import h5netcdf
import h5py
import numpy as np
import xarray as xr

DRUGS = ["cannabis", "cocaine", "opioids", "methamphetamine"]


class Checker:
    def __init__(self):
        self.failures = []

    def check(self, cond, msg):
        if not cond:
            self.failures.append(msg)
        return cond


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def check_time(c, ds, where, start_date):
    if not c.check("time" in ds.coords, f"{where}: no time coordinate"):
        return
    t = ds["time"]
    if not c.check(np.issubdtype(t.dtype, np.datetime64), f"{where}: time not decoded to datetime64 ({t.dtype})"):
        return
    first = t.values[0]
    c.check(first == np.datetime64(start_date), f"{where}: time starts at {first}, start_date is {start_date}")
    steps = np.diff(t.values).astype("timedelta64[D]").astype(int)
    c.check(steps.size == 0 or bool((steps == 7).all()), f"{where}: time steps are not 7 days")


def check_root(c, path):
    with xr.open_dataset(path, engine="h5netcdf") as ds:
        for d in ("replicate", "time", "drug"):
            c.check(d in ds.dims, f"root: no dimension {d} (dims {dict(ds.dims)})")
        for a in ("Conventions", "cartelsim_version", "scenario_name", "seed", "replicates", "ticks",
                  "tick_unit", "start_date", "created", "complete"):
            c.check(a in ds.attrs, f"root: no attribute {a}")
        c.check(int(ds.attrs.get("complete", 0)) == 1, "root: complete is not 1")
        start_date = text(ds.attrs.get("start_date", "1970-01-01"))
        check_time(c, ds, "root", start_date)
        c.check(ds.sizes.get("time") == int(ds.attrs.get("ticks", -1)), "root: time length differs from ticks")
        c.check(ds.sizes.get("replicate") == int(ds.attrs.get("replicates", -1)),
                "root: replicate length differs from replicates")
    return start_date


def check_labels(c, ds, where, name, want):
    if not c.check(name in ds.variables, f"{where}: no {name}"):
        return
    got = [text(v) for v in ds[name].values]
    c.check(got == want, f"{where}: {name} decodes to {got}, expected {want}")


def check_series(c, path, start_date):
    with xr.open_dataset(path, engine="h5netcdf", group="series") as ds:
        check_time(c, ds, "series", start_date)
        for d in ("replicate", "time", "drug"):
            c.check(d in ds.coords, f"series: no coordinate {d}")
        check_labels(c, ds, "series", "drug_name", DRUGS)
        c.check("drug_name" in ds.coords, "series: drug_name is not a coordinate (coordinates attribute)")
        if c.check("users_heavy" in ds, "series: no users_heavy"):
            v = ds["users_heavy"]
            c.check(v.dims == ("replicate", "time", "drug"), f"series: users_heavy dims {v.dims}")
            c.check(bool(np.isfinite(v.values).all()), "series: users_heavy has non-finite values")
            c.check("units" in v.attrs and "long_name" in v.attrs, "series: users_heavy lacks units or long_name")
            labels = [text(x) for x in ds["drug_name"].values] if "drug_name" in ds.variables else []
            if "opioids" in labels:
                sel = v.sel(drug=labels.index("opioids"))
                c.check(sel.dims == ("replicate", "time"), "series: selecting one drug does not give (replicate, time)")
        for name, v in ds.data_vars.items():
            c.check(v.dims[:2] == ("replicate", "time"), f"series: {name} dims {v.dims}")
            c.check("units" in v.attrs, f"series: {name} has no units")
            c.check(v.dtype == np.float64, f"series: {name} is {v.dtype}")


def check_summary(c, path, start_date):
    with xr.open_dataset(path, engine="h5netcdf", group="summary") as ds:
        check_time(c, ds, "summary", start_date)
        c.check("stat" in ds.dims, f"summary: no stat dimension (dims {dict(ds.dims)})")
        check_labels(c, ds, "summary", "stat_name", ["mean", "p05", "p50", "p95"])
        check_labels(c, ds, "summary", "drug_name", DRUGS)
        if c.check("users_heavy" in ds, "summary: no users_heavy"):
            v = ds["users_heavy"]
            c.check(v.dims == ("stat", "time", "drug"), f"summary: users_heavy dims {v.dims}")
            x = v.values
            ok = np.isfinite(x).all()
            c.check(bool(ok), "summary: users_heavy has non-finite values")
            if ok:
                c.check(bool((x[1] <= x[2] + 1e-9 * abs(x[2])).all() and (x[2] <= x[3] + 1e-9 * abs(x[3])).all()),
                        "summary: users_heavy quantiles not ordered p05 <= p50 <= p95")
        for name, v in ds.data_vars.items():
            c.check(v.dims[:2] == ("stat", "time"), f"summary: {name} dims {v.dims}")


def check_scenario(c, path):
    with xr.open_dataset(path, engine="h5netcdf", group="scenario") as ds:
        for name in ("parameter_path", "parameter_value", "parameter_unit"):
            if c.check(name in ds, f"scenario: no {name}"):
                c.check(ds[name].dims == ("parameter",), f"scenario: {name} dims {ds[name].dims}")
        c.check("config" in ds and isinstance(ds["config"].values.item(), str) and ds["config"].values.item(),
                "scenario: config is not a non-empty string")
        if "parameter_path" in ds:
            paths = [text(p) for p in ds["parameter_path"].values]
            c.check("sim.seed" in paths, "scenario: sim.seed not in parameter_path")
            c.check(len(set(paths)) == len(paths), "scenario: duplicate parameter paths")
        df = ds.drop_vars("config").to_dataframe()
        c.check(len(df) == ds.sizes["parameter"], "scenario: to_dataframe does not give one row per parameter")


def check_no_phony_dims(c, path):
    """Without phony_dims, h5netcdf raises on an axis with no scale; check names on every group."""
    def walk(group, where):
        for name, dim in group.dimensions.items():
            c.check(not name.startswith("phony_dim"), f"{where}: phony dimension {name}")
        for name, var in group.variables.items():
            for d in var.dimensions:
                c.check(not d.startswith("phony_dim"), f"{where}/{name}: phony dimension {d}")
        for name, sub in group.groups.items():
            walk(sub, f"{where}/{name}")

    try:
        with h5netcdf.File(path, "r") as f:
            walk(f, "")
    except ValueError as e:  # an axis without a dimension scale
        c.check(False, f"h5netcdf: {e}")
    with h5netcdf.File(path, "r", phony_dims="sort") as f:
        walk(f, "(phony_dims=sort) ")


def check_h5py(c, path):
    """Every axis of every non-scale dataset has exactly one scale; text attributes are fixed-length."""
    def visit(name, obj):
        for key, value in obj.attrs.items():
            if key in ("DIMENSION_LIST", "REFERENCE_LIST"):
                continue
            tid = obj.attrs.get_id(key).get_type()
            if isinstance(tid, h5py.h5t.TypeStringID):
                c.check(not tid.is_variable_str(), f"/{name}: attribute {key} is a variable-length string")
        if isinstance(obj, h5py.Dataset) and not h5py.h5ds.is_scale(obj.id):
            for axis, dim in enumerate(obj.dims):
                c.check(len(dim) == 1, f"/{name}: axis {axis} has {len(dim)} dimension scales")

    with h5py.File(path, "r") as f:
        f.visititems(visit)
        c.check(f.attrs.get("complete") == 1, "h5py: root attribute complete is not 1")


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(argv) == 2 else 2
    path = argv[1]
    c = Checker()
    try:
        start_date = check_root(c, path)
        check_series(c, path, start_date)
        check_summary(c, path, start_date)
        check_scenario(c, path)
        check_no_phony_dims(c, path)
        check_h5py(c, path)
    except Exception as e:  # a file that does not even open is a failure, not a crash
        c.failures.append(f"{type(e).__name__}: {e}")
    if c.failures:
        for f in c.failures:
            print(f"netcdf check: FAIL: {f}", file=sys.stderr)
        return 1
    print("netcdf check: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
