#!/usr/bin/env bash
# The sanitizer stage of CI (docs/testing.md, "Sanitizers and fuzzing"): one clang build with
# ASan + UBSan (and libFuzzer's coverage hooks, so that the same build has the fuzz targets), then
# the unit tests and a quick subset of the integration scripts against it, failing on the first
# sanitizer report: a leak, a bad access or undefined behaviour fails the stage even where the
# test's own assertions would pass.
#
#   bash tests/sanitize.sh                  # build dir: build-san/
#   SAN_BUILD_DIR=build-x bash tests/sanitize.sh
#   SAN_STEPS=build bash tests/sanitize.sh  # only configure + build (fuzz/run.sh needs the build)
#   SAN_STEPS=build,integration bash tests/sanitize.sh   # what CI runs (tests/run-all.sh)
#   SAN_INTEGRATION="test_check" bash tests/sanitize.sh   # another integration subset
#   SAN_UNIT_ALL=1 SAN_STEPS=build,unit bash tests/sanitize.sh  # the slow unit tests too
#
# Optimised at -O1 with line tables only (symbolised stacks, a third of -g's build time): this
# build finds bugs, it is not for debugging.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build=${SAN_BUILD_DIR:-build-san}
steps=${SAN_STEPS:-build,unit,integration}
jobs=$(nproc)
# Quick and representative: pushes through file:// and sshd hooks (the parsers, the engine, the
# hook and reporting paths), `pushgate check`, and the config loader with its fail-closed cases.
integration=${SAN_INTEGRATION:-test_push_wellformed test_check test_server_config}

stage() { printf '\n=== sanitize: %s (%s)\n' "$1" "$(date +%H:%M:%S)"; }

# Every report ends the process with a non-zero status (UBSan: -fno-sanitize-recover=all, and
# halt_on_error for good measure); leaks are errors; stacks are symbolised. Hooks that sshd or a
# web server starts do not inherit these, but the defaults fail on every report just the same.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=1:check_initialization_order=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:symbolize=1}
# Third-party leaks we cannot fix (each explained in the file); pushgate's own are never listed.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0}
symbolizer=$(command -v llvm-symbolizer || command -v llvm-symbolizer-14 || true)
[ -n "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH=$symbolizer

if [[ ,$steps, == *,build,* ]]; then
  stage "configure ($build)"
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=None \
    "-DCMAKE_CXX_FLAGS=-O1 -gline-tables-only" -DPUSHGATE_SANITIZE=ON -DPUSHGATE_FUZZ=ON \
    -DPUSHGATE_BENCH=OFF "${launcher[@]}" >/dev/null
  # The unit tests are built only when they are run (their objects are half of the build).
  targets=(pushgate pushgate_fuzz_targets)
  [[ ,$steps, == *,unit,* ]] && targets+=(pushgate_unit_tests)
  stage "build (-j$jobs: ${targets[*]})"
  cmake --build "$build" -j "$jobs" --target "${targets[@]}"
fi

if [[ ,$steps, == *,unit,* ]]; then
  stage "unit tests"
  # One process per test (ctest), two at a time: a report names the test that caused it. The
  # tests in tests/sanitizers/unit-slow.txt (a minute or more each under ASan, why is in the file)
  # run in the normal build only; SAN_UNIT_ALL=1 runs them here too.
  skip=()
  if [ -z "${SAN_UNIT_ALL:-}" ]; then
    slow=$(grep -v -e '^#' -e '^$' tests/sanitizers/unit-slow.txt | sed 's/[.]/[.]/g' | paste -sd'|')
    [ -n "$slow" ] && skip=(-E "^($slow)\$")
  fi
  ctest --test-dir "$build" -L unit --output-on-failure -j 2 --timeout 600 "${skip[@]}"
fi

if [[ ,$steps, == *,integration,* ]]; then
  failed=()
  for name in $integration; do
    stage "integration $name"
    PUSHGATE_BIN=$root/$build/pushgate PUSHGATE_SOURCE_DIR=$root PUSHGATE_SHARED_DIR=$root/../shared \
      bash "tests/integration/$name.sh" || failed+=("$name")
  done
  if [ ${#failed[@]} -gt 0 ]; then
    echo "sanitize: integration scripts failed under ASan+UBSan: ${failed[*]}" >&2
    exit 1
  fi
fi
stage "done"
