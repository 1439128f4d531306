#!/usr/bin/python3
"""Every parameter declared in model/params.def is read by the model: fail, naming each one, when a
parameter id is referenced by no C source or header under model/ (model/cli/ included) other than
params.c, which only builds the table.

Ids are those of the X-macros: PARAM(P_X, ...) declares P_X; DPARAM(P_X, ...) declares the per-drug ids
P_X, P_X_D1, P_X_D2 and P_X_D3 (read as PD(p, P_X, drug)), and counts as read when any of them is named.
Comments and string literals are ignored, so a parameter that is only mentioned does not count.

    tests/check_params_used.py [SOURCE_DIR]   (default: the repository holding this script)
"""
import os
import re
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(SRC, "model")

# Comments and string or character literals (so that a "/*" inside a string does not open a comment).
TOKENS = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)


def code_only(text):
    return TOKENS.sub(lambda m: " " if m.group(0)[0] == "/" else '""', text)


def declared():
    """(id, is_per_drug) for every PARAM and DPARAM of params.def, in order."""
    text = code_only(open(os.path.join(MODEL, "params.def")).read())
    ids = [(m.group(2), m.group(1) == "DPARAM") for m in re.finditer(r"\b(D?PARAM)\s*\(\s*(\w+)\s*,", text)]
    if not ids:
        sys.exit(f"check_params_used.py: no PARAM or DPARAM found in {MODEL}/params.def")
    return ids


def referenced():
    """Identifiers named in the code of model/**/*.c, *.h and the tables *.def other than params.c and params.def."""
    names = set()
    for root, _, files in os.walk(MODEL):
        for f in files:
            if f.endswith((".c", ".h", ".def")) and not (root == MODEL and f in ("params.c", "params.def")):
                names |= set(re.findall(r"\b[A-Za-z_]\w*\b", code_only(open(os.path.join(root, f)).read())))
    return names


def main():
    names = referenced()
    unread = []
    for pid, per_drug in declared():
        forms = [pid] + ([f"{pid}_D{d}" for d in (1, 2, 3)] if per_drug else [])
        if not any(x in names for x in forms):
            unread.append(pid + (" (per drug)" if per_drug else ""))
    for pid in unread:
        print(f"FAIL: parameter {pid} of model/params.def is never read by the model "
              f"(no source under model/ but params.c names it)", file=sys.stderr)
    if unread:
        print(f"{len(unread)} parameter(s) unread: wire them into the model or remove them from params.def",
              file=sys.stderr)
        return 1
    print(f"ok: every parameter of model/params.def is read by the model ({len(declared())} declarations)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
