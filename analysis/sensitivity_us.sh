#!/usr/bin/env bash
# sensitivity_us.sh [BUILD] [OUT.md]: the assumed parameters of the US levers (uspolicy., deportation.,
# border.), each in a scenario where its lever acts (in the baseline strikes, deportations beyond the
# calibration's and tariffs are off, so their rows there are zeros). docs/sensitivity-us-levers.md;
# about 15 minutes on two cores. analysis/sensitivity_all.sh writes the whole docs/sensitivity.md.
set -euo pipefail
BUILD=${1:-build}; OUT=${2:-docs/sensitivity-us-levers.md}
PY=/usr/bin/python3
bin=$(mktemp -d)/cartelsim; cp "$BUILD/cartelsim" "$bin"
tmp=$(mktemp "$OUT.XXXXXX")
{
  echo "# cartelsim sensitivity to the assumptions of the US levers"
  echo
  echo "Written by \`analysis/sensitivity_us.sh\` from runs of the current code; the method is that of"
  echo "[sensitivity.md](sensitivity.md) (each assumption halved and doubled, same seed, change of the key outcomes"
  echo "in 2035 in per cent), each group in a scenario where its levers act."
} > "$tmp"
$PY analysis/sensitivity.py --cartelsim "$bin" -o "$tmp" --append --prefix uspolicy.fto. uspolicy.strikes. uspolicy.cooperation. uspolicy.hostility. uspolicy.retaliation. \
  --scenario scenarios/strikes_without_consent.cfg --title "Designation, strikes, cooperation and hostility"
$PY analysis/sensitivity.py --cartelsim "$bin" -o "$tmp" --append --prefix uspolicy.tariff. \
  --scenario scenarios/fentanyl_tariffs.cfg --title "Tariff responses"
$PY analysis/sensitivity.py --cartelsim "$bin" -o "$tmp" --append --prefix deportation. border. leadership.prison_extradition_rate \
  --scenario scenarios/mass_deportation_border_wall.cfg --title "Deportation, the border and extradition from prison"
mv "$tmp" "$OUT"
echo "cartelsim: wrote $OUT" >&2
