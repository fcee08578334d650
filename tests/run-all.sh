#!/usr/bin/env bash
# The whole pipeline CI runs (`bash .ci/run`): set up the machine, configure, build, run every
# test (unit and integration, real servers included). Exits non-zero on the first failing stage.
#
#   bash tests/run-all.sh                 # build dir: build/
#   BUILD_DIR=build-x bash tests/run-all.sh
#   SKIP_SETUP=1 bash tests/run-all.sh    # do not check/install Debian packages
#   CTEST_ARGS="-L integration" bash tests/run-all.sh
#   SANITIZE=0 bash tests/run-all.sh      # without the ASan+UBSan and fuzzing stages below
#   SANITIZE_UNIT=0 bash tests/run-all.sh # without the unit tests under ASan+UBSan
#   FUZZ_SECONDS=300 bash tests/run-all.sh   # fuzz each target longer (default 20 s)
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

# ASan+UBSan (docs/testing.md, "Sanitizers and fuzzing"): one clang build of the binary, the
# unit tests and the fuzz targets; the unit tests run under it (but the few that take a minute
# each there, tests/sanitizers/unit-slow.txt), then the sanitized binary runs the push, check
# and server-config integration scripts, then every fuzz target runs for FUZZ_SECONDS. On by
# default; SANITIZE=0 skips both stages, SANITIZE_UNIT=0 the unit tests in them. The full run is
# kept under 60 minutes on 2 cores.
if [ "${SANITIZE:-1}" != 0 ]; then
  stage "sanitize (ASan+UBSan)"
  steps=build,unit,integration
  [ "${SANITIZE_UNIT:-1}" = 0 ] && steps=build,integration
  SAN_STEPS=$steps bash tests/sanitize.sh
  stage "fuzz (${FUZZ_SECONDS:-20} s per target)"
  FUZZ_SECONDS=${FUZZ_SECONDS:-20} bash fuzz/run.sh
fi

stage "done in $(( $(date +%s) - started )) s"
