#!/usr/bin/env bash
# Runs the libFuzzer targets of a sanitizer build (tests/sanitize.sh makes one; docs/testing.md,
# "Fuzzing"). For each target: first every committed regression input under
# fuzz/regressions/<target>/ once (a fixed crash must stay fixed), then fuzzing for FUZZ_SECONDS
# from the committed seeds (fuzz/seeds/<target>/) plus seeds gathered now from tests/fixtures and
# ../shared/corpus. Exits non-zero when any target crashes, leaks, trips UBSan or times out.
#
#   bash fuzz/run.sh                          # every target in $SAN_BUILD_DIR (default build-san)
#   bash fuzz/run.sh yaml_reader_fuzz         # one target (or several)
#   FUZZ_SECONDS=600 bash fuzz/run.sh config_loader_fuzz   # longer, on demand
#
# Knobs: SAN_BUILD_DIR (build-san), FUZZ_SECONDS (30 per target), FUZZ_WORK (where corpora and
# crashes go; $SAN_BUILD_DIR/fuzz-work), FUZZ_PARALLEL (targets at a time; one per core),
# FUZZ_ARGS (more libFuzzer flags, e.g. "-only_ascii=1").
# The corpus a target grows is kept in $FUZZ_WORK/corpus/<target> and reused by the next run;
# crashes land in $FUZZ_WORK/crashes/<target>/ (crash-*, leak-*, timeout-*, oom-*).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build=${SAN_BUILD_DIR:-build-san}
seconds=${FUZZ_SECONDS:-30}
work=${FUZZ_WORK:-$build/fuzz-work}
shared=${PUSHGATE_SHARED_DIR:-$root/../shared}
mkdir -p "$work"
work=$(cd "$work" && pwd)
build=$(cd "$build" 2>/dev/null && pwd || echo "$root/$build")

if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for source in fuzz/*_fuzz.cc; do targets+=("$(basename "$source" .cc)"); done
fi

# Seeds gathered at run time (not committed): files named like `pattern` under the given folders,
# at most `limit` of them, none over 64 KiB, every n-th file so that the sample spans the corpus.
gather() {  # gather DEST LIMIT FIND-ARGS... -- FOLDERS...
  local dest=$1 limit=$2
  shift 2
  local find_args=() folders=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do find_args+=("$1"); shift; done
  shift
  for f in "$@"; do [ -d "$f" ] && folders+=("$f"); done
  [ ${#folders[@]} -gt 0 ] || return 0
  local files
  mapfile -t files < <(find "${folders[@]}" -type f \( "${find_args[@]}" \) -size -64k | LC_ALL=C sort)
  local n=${#files[@]} step=1 i=0
  [ "$n" -gt "$limit" ] && step=$(( (n + limit - 1) / limit ))
  while [ "$i" -lt "$n" ]; do
    cp "${files[$i]}" "$dest/$(printf '%s' "${files[$i]}" | md5sum | cut -c1-16)"
    i=$(( i + step ))
  done
}

seed_target() {  # seed_target TARGET DEST
  local dest=$2
  case $1 in
    yaml_reader_fuzz)
      gather "$dest" 300 -name '*.yaml' -o -name '*.yml' -- tests/fixtures "$shared/corpus" ;;
    json_reader_fuzz)
      gather "$dest" 100 -name '*.json' -- tests/fixtures "$shared/corpus" "$shared/kubernetes/jsonschema" ;;
    config_loader_fuzz)
      gather "$dest" 100 -name '*.yaml' -- tests/fixtures/config examples ;;
    kustomization_fuzz)
      gather "$dest" 200 -name 'kustomization.yaml' -o -name 'kustomization.yml' -- "$shared/corpus" ;;
    schema_compiler_fuzz)
      gather "$dest" 50 -name '*.json' -- "$shared/kubernetes/jsonschema" schemas ;;
    field_path_fuzz)
      # line 1 a field path, line 2 a pattern, then a real manifest
      local files i=0
      mapfile -t files < <(find tests/fixtures/rules -type f -name '*.yaml' | LC_ALL=C sort)
      for f in "${files[@]}"; do
        { echo 'spec.template.spec.containers[*].image'; echo '^ghcr\.io/'; cat "$f"; } >"$dest/fixture-$i"
        i=$(( i + 1 ))
      done ;;
    *) ;;  # committed seeds only (codeowners, commit messages, hcl, ...)
  esac
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1}
# Fuzzes one target; its output goes to $FUZZ_WORK/<target>.log, its verdict to <target>.status.
fuzz_one() {  # fuzz_one TARGET
  local target=$1
  local bin=$build/fuzz/$target log=$work/$target.log
  local corpus=$work/corpus/$target crashes=$work/crashes/$target seeds=$work/seeds/$target
  local scratch=$work/scratch/$target status=0
  echo fail >"$work/$target.status"
  : >"$log"
  if [ ! -x "$bin" ]; then
    echo "fuzz: $bin is missing; build it: bash tests/sanitize.sh" >"$log"
    return 1
  fi
  rm -rf "$seeds" "$scratch"
  mkdir -p "$corpus" "$crashes" "$seeds" "$scratch"
  seed_target "$target" "$seeds"
  local dirs=("$corpus" "$seeds")
  [ -d "fuzz/seeds/$target" ] && dirs+=("$root/fuzz/seeds/$target")
  local flags=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536
               -print_final_stats=1 -artifact_prefix="$crashes/")
  [ -f "fuzz/dict/$target.dict" ] && flags+=(-dict="$root/fuzz/dict/$target.dict")
  # Targets run in a scratch folder: the config loader resolves the paths a config names.
  if [ -d "fuzz/regressions/$target" ] && [ -n "$(ls -A "fuzz/regressions/$target")" ]; then
    if ! (cd "$scratch" && "$bin" "$root/fuzz/regressions/$target"/*) >>"$log" 2>&1; then
      echo "fuzz: a committed regression input of $target fails again (above)" >>"$log"
      return 1
    fi
  fi
  # shellcheck disable=SC2086  # FUZZ_ARGS is a list of words by design
  (cd "$scratch" && "$bin" "${flags[@]}" ${FUZZ_ARGS:-} "${dirs[@]}") >>"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    {
      echo "fuzz: $target failed (exit $status); reproducer(s) in $crashes:"
      ls -1 "$crashes"
      echo "fuzz: replay one with: (cd $scratch && $bin $crashes/<file>)"
    } >>"$log"
    return 1
  fi
  echo ok >"$work/$target.status"
}

# Up to FUZZ_PARALLEL targets at a time (default: one per core), each on one core.
parallel=${FUZZ_PARALLEL:-$(nproc)}
running=0
for target in "${targets[@]}"; do
  printf 'fuzz: %s for %s s (%s)\n' "$target" "$seconds" "$(date +%H:%M:%S)"
  fuzz_one "$target" &
  running=$(( running + 1 ))
  if [ "$running" -ge "$parallel" ]; then
    wait -n || true
    running=$(( running - 1 ))
  fi
done
wait || true

failed=()
for target in "${targets[@]}"; do
  if [ "$(cat "$work/$target.status" 2>/dev/null)" = ok ]; then
    printf 'fuzz: %-24s ok   %s\n' "$target" \
      "$(grep -E '^stat::number_of_executed_units' "$work/$target.log" | tr -s ' ' | cut -d' ' -f2) runs"
  else
    printf '\n--- %s: FAILED (%s)\n' "$target" "$work/$target.log"
    tail -n 60 "$work/$target.log"
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (crash, leak, UB or timeout; docs/testing.md says how to make a regression test)" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} target(s) ran ${seconds} s each without a finding"
