#!/usr/bin/python3
"""same_results.py A.h5 B.h5: exit 0 when two result files hold the same results, dataset by dataset:
every dataset of /series, /summary, /events, /organisations and the root coordinates, with equal
shapes, types and bits (NaN equal to NaN in the same place). Prints the first difference otherwise."""
import sys

import h5py
import numpy as np

GROUPS = ("series", "summary", "events", "organisations")


def datasets(f, group):
    out = {}
    f[group].visititems(lambda name, obj: out.__setitem__(name, obj) if isinstance(obj, h5py.Dataset) else None)
    return out


def main(a_path, b_path):
    a, b = h5py.File(a_path, "r"), h5py.File(b_path, "r")
    checked = 0
    for g in GROUPS:
        if (g in a) != (g in b):
            sys.exit(f"/{g} in only one of the files")
        if g not in a:
            continue
        da, db = datasets(a, g), datasets(b, g)
        if set(da) != set(db):
            sys.exit(f"/{g}: different datasets: {sorted(set(da) ^ set(db))}")
        for k in sorted(da):
            x, y = da[k][()], db[k][()]
            if x.shape != y.shape or x.dtype != y.dtype:
                sys.exit(f"/{g}/{k}: shape {x.shape} {x.dtype} against {y.shape} {y.dtype}")
            if x.tobytes() != y.tobytes():
                idx = np.argwhere(np.asarray(x != y).reshape(x.shape) if x.shape else [[0]])
                sys.exit(f"/{g}/{k} differs first at {tuple(idx[0]) if len(idx) else '?'}")
            checked += 1
    for k in ("replicate", "time"):
        if a[k][()].tobytes() != b[k][()].tobytes():
            sys.exit(f"/{k} differs")
    for k in ("replicates", "replicates_total", "seed", "ticks"):
        if a.attrs.get(k) != b.attrs.get(k):
            sys.exit(f"root attribute {k}: {a.attrs.get(k)} against {b.attrs.get(k)}")
    if a["scenario/config"][()] != b["scenario/config"][()]:
        sys.exit("/scenario/config differs")
    print(f"same results: {checked} datasets of {', '.join('/' + g for g in GROUPS)} bit-identical")


if __name__ == "__main__":
    main(*sys.argv[1:3])
