#!/usr/bin/env bash
# Bad input: exit status 2, a message naming file, line and key (with a suggestion where one helps),
# and nothing written.
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK"
expect() { # name, expected fragment, scenario text
  local name=$1 frag=$2
  printf '%b' "$3" > "$name.cfg"
  "$CS" run "$name.cfg" -o "out_$name.h5" -q > out.txt 2> err.txt
  local rc=$?
  [ $rc -eq 2 ] || fail "$name: exit status $rc, expected 2"
  grep -qF -- "$frag" err.txt || fail "$name: stderr lacks '$frag': $(cat err.txt)"
  [ ! -e "out_$name.h5" ] && ! ls "out_$name".h5*.tmp > /dev/null 2>&1 || fail "$name: an output file was written"
  "$CS" check "$name.cfg" > /dev/null 2>&1; [ $? -eq 2 ] || fail "$name: check should exit 2 too"
  pass "$name: $(cat err.txt)"
}
expect unknown "unknown.cfg:3: demand.treatment.capacty: unknown parameter (did you mean demand.treatment.capacity?)" \
  'name = "x";\n\ndemand = { treatment = { capacty = 2.0e6; }; };\n'
expect removed "removed.cfg:2: supply.precursor.tariff: removed: tariffs tied to fentanyl act through China's and Mexico's cooperation" \
  'name = "x";\nsupply.precursor.tariff = 0.2;\n'
expect type "type.cfg:1: demand.naloxone.coverage: wrong type: expected a number" 'demand.naloxone.coverage = "high";\n'
expect range "range.cfg:2: demand.treatment.capacity: value -5 is below the minimum 0 (persons; valid range 0 to 1e+08)" \
  'name = "x";\ndemand.treatment.capacity = -5;\n'
expect date "date.cfg:1: sim.start: bad date \"2000-13\"" 'sim = { start = "2000-13"; };\n'
expect outside "outside.cfg:2: demand.naloxone.coverage: policy change at 2050-01 is outside the run (2000-01 to 2045-12)" \
  'name = "x";\npolicy = ( { at = "2050-01"; set = { demand.naloxone.coverage = 0.5; }; } );\n'
# --set errors and usage errors
"$CS" run "$SRC/scenarios/baseline.cfg" -o x.h5 --set demand.cocaine.elastcity=-1 2> err.txt; rc=$?
[ $rc -eq 2 ] && grep -q "did you mean demand.cocaine.elasticity" err.txt && [ ! -e x.h5 ] || fail "--set typo: $rc $(cat err.txt)"
"$CS" run 2> /dev/null; [ $? -eq 2 ] || fail "run without a scenario should exit 2"
"$CS" frobnicate 2> /dev/null; [ $? -eq 2 ] || fail "unknown command should exit 2"
"$CS" run does-not-exist.cfg 2> err.txt; [ $? -eq 2 ] && grep -q "does-not-exist.cfg: cannot read scenario file: No such file" err.txt || fail "missing file"
"$CS" run "$SRC/scenarios/baseline.cfg" -o "$WORK/" -q 2> err.txt; [ $? -eq 2 ] && grep -q "needs a file name, not a directory" err.txt || fail "-o DIR fails before the run"
"$CS" run "$SRC/scenarios/baseline.cfg" --seed 4294967296 -o x.h5 2> err.txt; [ $? -eq 2 ] && grep -q "^cartelsim: --seed: sim.seed: value 4294967296 is above the maximum 4294967295" err.txt || fail "--seed range: $(cat err.txt)"
printf 'sim = {\n  start = "2010-01";\n  end = "2005-12";\n};\n' > order.cfg
"$CS" check order.cfg 2> err.txt; [ $? -eq 2 ] && grep -q "order.cfg:3: sim.end: 2005-12 is before sim.start 2010-01" err.txt || fail "end before start: $(cat err.txt)"
"$CS" params extra 2> /dev/null; [ $? -eq 2 ] || fail "params with an extra argument should exit 2"
# Broken data files: file, line and column named, exit 2, nothing written.
data_error() { # name, expected fragment, sed expression applied to a copy of scenarios/data/FILE, FILE
  rm -rf data_$1 && cp -r "$SRC/scenarios/data" data_$1 && sed -i "$3" data_$1/$4
  CARTELSIM_DATA=data_$1 "$CS" run "$SRC/scenarios/baseline.cfg" -o d_$1.h5 -q > /dev/null 2> err.txt; rc=$?
  [ $rc -eq 2 ] && grep -qF -- "$2" err.txt && [ ! -e d_$1.h5 ] || fail "data $1: status $rc: $(cat err.txt)"
  pass "data $1: $(cat err.txt)"
}
data_error state "plazas.csv:4: state: unknown state code \"XX\"" 's/^1,Aguascalientes,AGS,/1,Aguascalientes,XX,/' plazas.csv
data_error adjacency "broken adjacency" '0,/;SON/s/;SON//' states.csv
data_error column "population_2020: missing column" 's/population_2020/pop2020/' states.csv
data_error background "states.csv:7: background_homicides: -1 is outside [0, 100]" 's/^BCS,\(\([^,]*,\)\{4\}\)0.586,/BCS,\1-1,/' states.csv
data_error orgplaza "home_plazas: unknown plaza id" 's/^sinaloa,\([^,]*\),\([^,]*\),\([^,]*\),/sinaloa,\1,\2,\3,9999;/' organisations.csv
finish
