#!/usr/bin/env bash
# docs/parameters.md is generated from model/params.def: fail when it is stale (run `make docs`);
# docs/output-format.md must list every series of model/metrics.def.
source "$(dirname "$0")/lib.sh" "$@"
"$CS" params --markdown > "$WORK/parameters.md" || fail "params --markdown"
diff -u "$SRC/docs/parameters.md" "$WORK/parameters.md" > "$WORK/diff.txt" \
  || fail "docs/parameters.md is stale: run 'make docs' ($(head -c 2000 "$WORK/diff.txt"))"
# docs/output-format.md lists every output series of model/metrics.def.
for name in $(sed -n 's/^METRIC([A-Z_]*, "\([a-z_]*\)".*/\1/p' "$SRC/model/metrics.def"); do
  grep -q "\`$name\`" "$SRC/docs/output-format.md" || fail "docs/output-format.md does not list the series $name"
done
finish
