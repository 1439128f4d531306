"""Reading helpers shared by the analysis scripts (plot.py, genealogy.py, homicide_map.py,
sensitivity.py) and tests/cli/compare_scenarios.py: error messages named after the running script,
text and string columns in any of the storages HDF5 and netCDF use, the CF time coordinate ("days since
YYYY-MM-DD") of a cartelsim result file, and the key outcomes as the model declares them
(model/outcomes.def, through `cartelsim outcomes --json`)."""
import json
import os
import re
import subprocess
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


REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_cartelsim(path=None):
    """The cartelsim binary: path if given, else $CARTELSIM, else build/cartelsim of this repository."""
    cs = path or os.environ.get("CARTELSIM") or os.path.join(REPO, "build", "cartelsim")
    if not (os.path.isfile(cs) and os.access(cs, os.X_OK)):
        fail(f"no cartelsim binary at {cs} (build it, or give its path with --cartelsim or $CARTELSIM)")
    return cs


def key_outcomes(cs):
    """The key outcomes of model/outcomes.def (the rows of the run summary), from `cartelsim outcomes
    --json`: a list of dicts with series, how ("flow": annual total; "stock": a level), divisor, unit,
    label and title (the label standing alone), in the summary's order."""
    try:
        text = subprocess.run([cs, "outcomes", "--json"], check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        fail(f"`{cs} outcomes --json` failed: {e}")
    return json.loads(text)


# Two-sided 90 % Student t quantiles by degrees of freedom (Debian's python3 has no scipy here);
# between entries the next lower one is used, which errs on the wide side.
T90 = {1: 6.314, 2: 2.920, 3: 2.353, 4: 2.132, 5: 2.015, 6: 1.943, 7: 1.895, 8: 1.860, 9: 1.833, 10: 1.812,
       11: 1.796, 12: 1.782, 13: 1.771, 14: 1.761, 15: 1.753, 19: 1.729, 23: 1.714, 24: 1.711, 29: 1.699, 31: 1.696,
       39: 1.685}


def t90(df):
    """Two-sided 90 % Student t quantile for df >= 1 degrees of freedom."""
    if df in T90:
        return T90[df]
    return T90[max(k for k in T90 if k <= df)] if df < 40 else 1.645


def interval(x):
    """(mean, low, high): the 90 % Student t interval of the mean of x (nan bounds below 2 values)."""
    x = np.asarray(x, dtype=float)
    m = float(x.mean())
    if len(x) < 2:
        return m, float("nan"), float("nan")
    h = t90(len(x) - 1) * float(x.std(ddof=1)) / np.sqrt(len(x))
    return m, m - h, m + h
