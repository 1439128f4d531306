# cartelsim: thin wrapper around CMake. `make run` (the main job) and `make test` are the README's
# two commands; both install missing Debian packages first (with apt-get, saying what; .ci/apt-wait
# waits, with a message, while another installation holds the package manager's lock).
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
PY         := /usr/bin/python3
DEB_PACKAGES := build-essential cmake pkg-config libgsl-dev libhdf5-dev libconfig-dev hdf5-tools \
                python3-numpy python3-h5py python3-matplotlib python3-pandas python3-xarray python3-h5netcdf
# The tests also run the reading examples of the docs in R and Octave (tests/cli/test_readers.sh) and
# the cluster engines of cluster/ (Dask; a one-node Slurm cluster the test starts: tests/cli/test_slurm.sh).
TEST_PACKAGES := r-base-core r-cran-ncdf4 r-cran-hdf5r octave octave-netcdf chromium \
                 python3-dask python3-distributed slurm-wlm munge

MAKEFLAGS += --no-print-directory

.PHONY: all deps test-deps build run test test-fast check-scenarios bench docs effects validation fuzz clean

all: build

deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "cartelsim: installing missing Debian packages: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO .ci/apt-wait update -q && $$SUDO .ci/apt-wait install -y -q --no-install-recommends $$missing; \
	fi

test-deps:
	@missing=$$(for p in $(TEST_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "cartelsim: installing missing Debian packages for the tests: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO .ci/apt-wait update -q && $$SUDO .ci/apt-wait install -y -q --no-install-recommends $$missing; \
	fi

build: deps
	@echo "cartelsim: building ($(BUILD)/, RelWithDebInfo)"
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

# The main job: the baseline scenario, its summary table, the result file and plots (outcomes, the
# genealogy of fragmentation, homicides by state and year).
run: build
	./$(BUILD)/cartelsim run scenarios/baseline.cfg -o results/baseline.h5
	$(PY) analysis/plot.py results/baseline.h5 -o results/baseline.png
	$(PY) analysis/genealogy.py results/baseline.h5 -o results/baseline-genealogy.png
	$(PY) analysis/homicide_map.py results/baseline.h5 --per-capita -o results/baseline-homicide-map.png
	@echo "cartelsim: wrote results/baseline.h5, results/baseline.png, results/baseline-genealogy.png and results/baseline-homicide-map.png"

# Tests. ctest prints a line as each test ends and the output of any that fails. The directional
# scenario checks (CTest label "scenarios") take minutes: `make check-scenarios` runs them, in the
# normal build only; `make test` and `make test-fast` leave them out (cli_scenarios_smoke still runs
# every scenario file end to end).
CTEST      := ctest --output-on-failure
LONG_TESTS := ^scenarios$$
# Tests of label normal_only (the Dask and Slurm engines, the HTML report, the tutorial: Python over
# ordinary runs) run in the normal build only.
ASAN_SKIP  := ^(scenarios|normal_only)$$
SANITIZERS := ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1

# All tests but the long scenario checks, in the normal build and under AddressSanitizer + UBSan.
test: build test-deps
	@echo "cartelsim: unit and CLI tests (normal build, $(BUILD)/)"
	cd $(BUILD) && $(CTEST) -j $(JOBS) -LE '$(LONG_TESTS)'
	@echo "cartelsim: building with AddressSanitizer+UBSan ($(ASAN_BUILD)/, Debug)"
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCARTELSIM_SANITIZE=ON >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS) -- --no-print-directory
	@echo "cartelsim: the same tests under the sanitizers ($(ASAN_BUILD)/)"
	cd $(ASAN_BUILD) && $(SANITIZERS) $(CTEST) -j $(JOBS) -LE '$(ASAN_SKIP)'
	@echo "cartelsim: all tests passed, normal and sanitized (the scenario directions: make check-scenarios)"

# The same tests in the normal build only, without the sanitizers.
test-fast: build test-deps
	@echo "cartelsim: unit and CLI tests (normal build, $(BUILD)/; no sanitizers)"
	cd $(BUILD) && $(CTEST) -j $(JOBS) -LE '$(LONG_TESTS)'

# The directional scenario checks (tests/cli/test_scenarios.sh) at their full scale, normal build.
# One test after the other with their output (-V, lines prefixed with the test number): each run uses
# every core already, and each prints a line per scenario it runs.
check-scenarios: build
	@echo "cartelsim: directional scenario checks and natural experiments (normal build, $(BUILD)/; a few minutes)"
	cd $(BUILD) && $(CTEST) -V -L '$(LONG_TESTS)'
	@echo "cartelsim: scenario checks passed"

# The speed of one replicate, demand alone and whole model (bench_replicate); of 32 replicates with
# -j1 and -j2 and of one replicate at 1 agent = 1 person (bench_many.sh, about 2 minutes); then peak
# memory for 8 and BENCH_MANY replicates (bench_memory.sh; 1000 replicates take about 15-25 minutes
# on two cores). Every part runs; the target exits non-zero if any target was missed.
BENCH_MANY ?= 1000
bench: build
	@st=0; ./$(BUILD)/bench/bench_replicate || st=1; \
	bash bench/bench_many.sh $(BUILD) || st=1; \
	bash bench/bench_memory.sh $(BUILD) $(BENCH_MANY) || st=1; exit $$st

docs: build
	./$(BUILD)/cartelsim params --markdown > docs/parameters.md

# The README's scenario table from real runs: every scenario of analysis/scenario_checks.py with the
# baseline, same seed, default scale (a few minutes), then analysis/scenario_effects.py.
EFFECT_RUNS := baseline $(shell $(PY) -c "import sys; sys.path.insert(0, 'analysis'); from scenario_checks import EFFECTS; print(' '.join(dict.fromkeys(e[0] for e in EFFECTS)))" 2>/dev/null)
effects: build
	@mkdir -p results/effects
	@for s in $(EFFECT_RUNS); do echo "cartelsim: running $$s for the scenario table"; \
	  ./$(BUILD)/cartelsim run scenarios/$$s.cfg -o results/effects/$$s.h5 > results/effects/$$s.txt 2>/dev/null || exit 1; done
	$(PY) analysis/scenario_effects.py results/effects --readme README.md --summary results/effects/baseline.txt

# The generated part of the validation (docs/validation-results.md): history replay, natural
# experiments, Prieto-Curiel et al.'s experiments, from runs of the current code (a few minutes).
validation: build
	bash analysis/validation_report.sh $(BUILD) docs/validation-results.md

# The scenario reader's libFuzzer target (clang only; tests/fuzz/fuzz_scenario.c), seeded with
# tests/scenario_corpus and scenarios/, for FUZZ_SECONDS seconds. A finding (crash, sanitizer report,
# failed property) is written to $(FUZZ_BUILD)/findings/ and fails the target; without clang it says
# so and does nothing.
fuzz: SHELL := /bin/bash
fuzz:
	@if ! command -v clang > /dev/null; then echo "cartelsim: make fuzz needs clang (apt-get install clang): skipped"; exit 0; fi; \
	echo "cartelsim: fuzzing the scenario reader for $(FUZZ_SECONDS) s ($(FUZZ_BUILD)/, clang, libFuzzer)"; \
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCARTELSIM_FUZZ=ON > /dev/null && \
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_scenario -- --no-print-directory && \
	rm -rf $(FUZZ_BUILD)/work && mkdir -p $(FUZZ_BUILD)/work/new $(FUZZ_BUILD)/findings && cp scenarios/*.cfg $(FUZZ_BUILD)/work/ && \
	cd $(FUZZ_BUILD)/work && LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan-libconfig.supp \
	  ../tests/fuzz_scenario -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
	  -print_final_stats=1 -artifact_prefix=$(CURDIR)/$(FUZZ_BUILD)/findings/ new $(CURDIR)/tests/scenario_corpus $(CURDIR)/scenarios \
	  2>&1 | grep -vE '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse)|NEW_FUNC'; \
	st=$${PIPESTATUS[0]}; found=$$(ls $(CURDIR)/$(FUZZ_BUILD)/findings); \
	if [ -n "$$found" ]; then echo "cartelsim: the fuzzer found inputs in $(FUZZ_BUILD)/findings/: add each to tests/scenario_corpus"; exit 1; fi; \
	[ "$$st" -eq 0 ] || { echo "cartelsim: the fuzzer failed (status $$st)"; exit 1; }

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
