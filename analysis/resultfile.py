"""Reading helpers shared by the analysis scripts (plot.py, genealogy.py, homicide_map.py): error
messages named after the running script, text and string columns in any of the storages HDF5 and
netCDF use, and the CF time coordinate ("days since YYYY-MM-DD") of a cartelsim result file."""
import os
import re
import sys

import numpy as np


def fail(msg):
    """Report a problem with the input, named after the running script, and exit with status 2."""
    print(f"{os.path.basename(sys.argv[0])}: {msg}", file=sys.stderr)
    sys.exit(2)


def warn(msg):
    print(f"{os.path.basename(sys.argv[0])}: warning: {msg}", file=sys.stderr)


def text(value):
    """An HDF5 text attribute or scalar string dataset value (bytes, str or 0-d array) as str."""
    if isinstance(value, np.ndarray) and value.shape == ():
        value = value.item()
    if isinstance(value, np.ndarray) and value.dtype.kind == "S" and value.ndim == 1:
        value = b"".join(value.tolist())  # a 1-D char array
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace").rstrip("\0")
    return str(value)


def strings(ds):
    """A 1-D column of strings as a numpy array of str, whatever the storage: a netCDF char array
    [n, strlen] of 'S1', fixed-length strings 'S<n>' or variable-length strings."""
    a = ds[()]
    if a.dtype.kind == "S" and a.ndim == 2:  # char array: glue each row's characters together
        a = np.ascontiguousarray(a).view(f"S{a.shape[1]}").reshape(a.shape[0]) if a.shape[1] else \
            np.full(a.shape[0], b"", dtype="S1")
    elif a.ndim != 1:
        fail(f"{ds.name}: expected a 1-D column of strings or a 2-D char array, found shape {a.shape}")
    if a.dtype.kind == "U":
        return a.astype(str)
    if a.dtype.kind not in "SO":
        fail(f"{ds.name}: expected strings, found {a.dtype}")
    uniq, inv = np.unique(a, return_inverse=True)  # decode each distinct value once
    dec = np.array([text(u) for u in uniq] if len(uniq) else [], dtype=str)
    return dec[inv] if len(a) else np.array([], dtype=str)


def days_since(ds, path):
    """(days [time] as float, epoch as datetime64[D]) of a CF time coordinate in 'days since YYYY-MM-DD'."""
    units = text(ds.attrs.get("units", ""))
    m = re.fullmatch(r"\s*days since (\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00(?:\.0*)?)?Z?)?\s*", units)
    if not m:
        fail(f"{path}: unsupported time units '{units}' in {ds.name} (expected 'days since YYYY-MM-DD')")
    return np.asarray(ds[()], dtype=float), np.datetime64(m.group(1), "D")
