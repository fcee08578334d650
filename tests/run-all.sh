#!/usr/bin/env bash
# The whole pipeline CI runs (`bash .ci/run`): set up the machine, configure, build, run every
# test (unit and integration, real servers included). Exits non-zero on the first failing stage.
#
#   bash tests/run-all.sh                 # build dir: build/
#   BUILD_DIR=build-x bash tests/run-all.sh
#   SKIP_SETUP=1 bash tests/run-all.sh    # do not check/install Debian packages
#   CTEST_ARGS="-L integration" bash tests/run-all.sh
#   SANITIZE=1 FUZZ=1 bash tests/run-all.sh   # also the clang ASan+UBSan and fuzzing stages below
#   FUZZ=1 FUZZ_SECONDS=300 bash tests/run-all.sh   # fuzz each target longer (default 30 s)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build=${BUILD_DIR:-build}
jobs=$(nproc)

stage() { printf '\n=== %s (%s)\n' "$1" "$(date +%H:%M:%S)"; }
started=$(date +%s)

if [ -z "${SKIP_SETUP:-}" ]; then
  stage "set-up"
  bash install/setup-debian.sh
fi

if [ ! -d ../shared ]; then
  echo "run-all: ../shared is missing beside the repository; corpus tests will fail" >&2
fi

stage "configure ($build)"
# A compiler cache, when the machine has one, makes a re-run (or a second checkout) rebuild only
# what changed; CI machines without ccache build everything, as before.
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build" -G Ninja "${launcher[@]}"

stage "build (-j$jobs)"
cmake --build "$build" -j "$jobs"

stage "test"
# Integration scripts start their own servers on free ports, so two can run side by side.
# shellcheck disable=SC2086  # CTEST_ARGS is a list of words by design
ctest --test-dir "$build" --output-on-failure -j 2 --timeout 600 ${CTEST_ARGS:-}

# ASan+UBSan build (it also carries the fuzz targets): unit tests and an integration subset, then
# every fuzz target for FUZZ_SECONDS (docs/testing.md, "Sanitizers and fuzzing"). Opt-in until the
# stages have passed end to end once: they were written on a machine too loaded to finish the
# clang build, and a CI stage that has never run is not yet a gate.
if [ -n "${SANITIZE:-}" ]; then
  stage "sanitize (ASan+UBSan)"
  bash tests/sanitize.sh
fi
if [ -n "${FUZZ:-}" ]; then
  stage "fuzz (${FUZZ_SECONDS:-30} s per target)"
  if [ -z "${SANITIZE:-}" ]; then SAN_STEPS=build bash tests/sanitize.sh; fi
  FUZZ_SECONDS=${FUZZ_SECONDS:-30} bash fuzz/run.sh
fi

stage "done in $(( $(date +%s) - started )) s"
