#!/usr/bin/env bash
# docs/parameters.md is generated from model/params.def: fail when it is stale (run `make docs`).
source "$(dirname "$0")/lib.sh" "$@"
"$CS" params --markdown > "$WORK/parameters.md" || fail "params --markdown"
diff -u "$SRC/docs/parameters.md" "$WORK/parameters.md" > "$WORK/diff.txt" \
  || fail "docs/parameters.md is stale: run 'make docs' ($(head -c 2000 "$WORK/diff.txt"))"
finish
