#!/usr/bin/env bash
# sensitivity_all.sh [BUILD] [OUT.md]: the whole of docs/sensitivity.md. Every assumed parameter in the
# baseline, then the assumptions of the US levers in scenarios where those levers act (in the baseline
# they are off, so their rows there are zeros). Uses a copy of the binary, so a rebuild during the
# runs does not change it; the scenarios are read as they are when each run starts.
set -euo pipefail
BUILD=${1:-build}; OUT=${2:-docs/sensitivity.md}
PY=/usr/bin/python3
bin=$(mktemp -d)/cartelsim; cp "$BUILD/cartelsim" "$bin"
tmp=$(mktemp "$OUT.XXXXXX")
$PY analysis/sensitivity.py --cartelsim "$bin" -o "$tmp"
$PY analysis/sensitivity.py --cartelsim "$bin" -o "$tmp" --append --prefix uspolicy. \
  --scenario scenarios/strikes_without_consent.cfg --title "US-Mexico relations parameters, where strikes and designations act"
$PY analysis/sensitivity.py --cartelsim "$bin" -o "$tmp" --append --prefix deportation. border. leadership.prison_extradition_rate \
  --scenario scenarios/mass_deportation_border_wall.cfg --title "Deportation and border parameters, where deportations and the wall act"
$PY analysis/sensitivity.py --cartelsim "$bin" -o "$tmp" --append --prefix uspolicy.tariff. \
  --scenario scenarios/fentanyl_tariffs.cfg --title "Tariff responses, where the fentanyl tariffs act"
mv "$tmp" "$OUT"
echo "cartelsim: wrote $OUT" >&2
