#!/usr/bin/python3
"""Every output series of model/metrics.def is described in docs/output-format.md (a row naming it in
backquotes), so a reader of a result file finds what each dataset means. Usage: check_series_documented.py SRC"""
import re
import sys

src = sys.argv[1]
names = re.findall(r'METRIC\(\s*\w+\s*,\s*\w+\s*,\s*"(\w+)"', open(f"{src}/model/metrics.def").read())
doc = open(f"{src}/docs/output-format.md").read()
missing = [n for n in names if f"`{n}`" not in doc]
if not names:
    sys.exit("no series found in model/metrics.def")
if missing:
    print("series of model/metrics.def not described in docs/output-format.md:", ", ".join(missing))
    sys.exit(1)
print(f"ok: all {len(names)} series are described in docs/output-format.md")
