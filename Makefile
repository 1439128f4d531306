# cartelsim: thin wrapper around CMake. `make run` (the main job) and `make test` are the README's
# two commands; both install missing Debian packages first (with apt-get, saying what).
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
PY         := /usr/bin/python3
DEB_PACKAGES := build-essential cmake pkg-config libgsl-dev libhdf5-dev libconfig-dev hdf5-tools \
                python3-numpy python3-h5py python3-matplotlib python3-pandas python3-xarray python3-h5netcdf

MAKEFLAGS += --no-print-directory

.PHONY: all deps build run test test-fast bench docs clean

all: build

deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "cartelsim: installing missing Debian packages: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

build: deps
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

# All tests, in the normal build and under AddressSanitizer + UndefinedBehaviorSanitizer.
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCARTELSIM_SANITIZE=ON >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

test-fast: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	./$(BUILD)/bench/bench_demand

docs: build
	./$(BUILD)/cartelsim params --markdown > docs/parameters.md

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
