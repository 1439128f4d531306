#!/usr/bin/env bash
# Every symbol the simulation library exports carries its module's prefix: a function or table of
# model/X.c is named X_... (so a reader finds its home by name). Checked with nm on libcartelsim_core.a.
# Usage: test_symbols.sh LIBRARY
set -u
lib=$1
command -v nm >/dev/null || { echo "nm not found (binutils)"; exit 1; }
bad=$(nm -g --defined-only "$lib" | awk '
  /^$/ { next }
  /:$/ { obj = $0; sub(/\.c\.o:$/, "", obj); sub(/.*\//, "", obj); next }
  NF >= 3 { sym = $3
            if (sym ~ /^(__|\.)/) next                 # compiler and sanitizer symbols
            if (index(sym, obj "_") != 1) print obj ".c: " sym }')
n=$(nm -g --defined-only "$lib" | awk 'NF >= 3' | wc -l)
if [ -n "$bad" ]; then
  echo "exported symbols without their module's prefix:"; echo "$bad"; exit 1
fi
echo "ok: $n exported symbols, each with its module's prefix"
