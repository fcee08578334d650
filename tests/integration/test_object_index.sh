#!/usr/bin/env bash
# The object index beside the repository ($GIT_DIR/pushgate/object-index, docs/gitops.md): the
# hook writes it, later pushes read unchanged files' summaries from it, a corrupt or stale index is
# ignored and rewritten, and — the contract — a push judged through the index is judged exactly as
# the same push without one: the same sequence of pushes into two repositories, one keeping its
# index and one losing it before every push, gives the same output push after push.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

git_repository() {
  printf 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: %s\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://example.com/repo.git\n  ref: {branch: main}\n' "$1"
}

# kustomization NAME SOURCE [DEPENDS-ON]: sourceRef name at 9:11.
kustomization() {
  printf 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: %s\n  namespace: flux-system\nspec:\n  sourceRef:\n    kind: GitRepository\n    name: %s\n  path: ./apps\n' "$1" "$2"
  if [ -n "${3:-}" ]; then printf '  dependsOn:\n    - name: %s\n' "$3"; fi
}

# The index is binary (format 5, docs/gitops.md): a 64-byte header (magic, format, key length,
# record count, payload bytes), the key padded to 8 bytes, 56 bytes per record, the payloads.
index_number() {  # FILE OFFSET BYTES: an unsigned little-endian integer of the header
  od -An -t "u$3" -j "$2" -N "$3" --endian=little "$1" | tr -d ' '
}
index_records() { index_number "$1/pushgate/object-index" 16 8; }

index_header_ok() {
  local index="$1/pushgate/object-index" key records payloads size
  [ -f "$index" ] || fail "no object index at $index"
  [ "$(head -c 7 "$index")" = PGOBJIX ] ||
    fail "the object index does not start with its magic: $(head -c 8 "$index" | od -c | head -1)"
  [ "$(index_number "$index" 8 4)" = 5 ] || fail "the object index is not of format 5"
  key=$(index_number "$index" 12 4)
  records=$(index_number "$index" 16 8)
  payloads=$(index_number "$index" 24 8)
  size=$(wc -c <"$index")
  [ "$size" -eq $((64 + (key + 7) / 8 * 8 + records * 56 + payloads)) ] ||
    fail "the object index is not whole: $size bytes for $records records"
}

repo_with_flux() {
  repo_with_base file
  git_repository fleet | add_file clusters/prod/fleet.yaml
  kustomization infra fleet | add_file clusters/prod/infra.yaml
  kustomization apps fleet infra | add_file clusters/prod/apps.yaml
  for i in 1 2 3 4 5; do
    printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm%s}\n' "$i" | add_file "apps/cm$i.yaml"
  done
  commit "flux: fleet, infra and apps"
  push origin main
  expect_push_ok
  index_header_ok "$BARE"
}

index_written_then_used() {
  repo_with_flux
  local files
  files=$(index_records "$BARE")
  [ "$files" -ge 9 ] || fail "expected every YAML file of the tree in the index, found $files"
  # Renaming the source: the unchanged Kustomizations are judged from their indexed summaries.
  git_repository fleet2 | add_file clusters/prod/fleet.yaml
  commit "flux: rename the source"
  push origin main
  expect_push_rejected
  expect_finding clusters/prod/apps.yaml:9:11 gitops/flux-source-ref
  expect_finding clusters/prod/infra.yaml:9:11 gitops/flux-source-ref
  index_header_ok "$BARE"
}

corrupt_index_ignored_and_rewritten() {
  repo_with_flux
  # Summaries edited to hide the Kustomizations: their checksums catch it, nothing of them is
  # used (the same length, so the file's size and table still hold).
  sed -i 's/Kustomization/Kustomizatiom/g' "$BARE/pushgate/object-index"
  grep -qa 'Kustomizatiom' "$BARE/pushgate/object-index" || fail "the edit did not apply"
  git_repository fleet2 | add_file clusters/prod/fleet.yaml
  commit "flux: rename the source"
  push origin main
  expect_push_rejected
  expect_finding clusters/prod/apps.yaml:9:11 gitops/flux-source-ref
  expect_finding clusters/prod/infra.yaml:9:11 gitops/flux-source-ref
  index_header_ok "$BARE"
  ! grep -qa 'Kustomizatiom' "$BARE/pushgate/object-index" || fail "the index was not rewritten"
  grep -qa 'Kustomization' "$BARE/pushgate/object-index" || fail "the index lost the Kustomizations"
  # Truncated (a full disk): ignored as well.
  head -c 100 "$BARE/pushgate/object-index" >"$CASE_DIR/short" && cp "$CASE_DIR/short" "$BARE/pushgate/object-index"
  push origin main
  expect_push_rejected
  expect_finding clusters/prod/infra.yaml:9:11 gitops/flux-source-ref
  index_header_ok "$BARE"
  # Unwritable: the push is judged all the same (the index is a cache, never a decision).
  rm -rf "$BARE/pushgate" && printf 'not a folder\n' >"$BARE/pushgate"
  push origin main
  expect_push_rejected
  expect_finding clusters/prod/infra.yaml:9:11 gitops/flux-source-ref
}

# One step of the sequence below, applied to the current clone.
edit_step() {
  case $1 in
    1) git_repository fleet2 | add_file clusters/prod/fleet.yaml ;;
    2) kustomization infra fleet2 | add_file clusters/prod/infra.yaml ;;
    3) kustomization apps fleet2 infra | add_file clusters/prod/apps.yaml ;;
    4) git rm -q clusters/prod/infra.yaml ;;
    5) kustomization infra fleet2 apps | add_file clusters/prod/infra.yaml ;;
    6) kustomization apps fleet2 | add_file clusters/prod/apps.yaml ;;
    7) printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm9}\n' | add_file apps/cm9.yaml ;;
    8) git rm -q clusters/prod/fleet.yaml ;;
    9) git_repository fleet2 | add_file clusters/prod/sources/fleet.json.yaml ;;
    10) printf 'a: [\n' | add_file clusters/prod/broken.yaml ;;
    11) git rm -q clusters/prod/broken.yaml && kustomization extra fleet3 | add_file clusters/prod/extra.yaml ;;
    12) git_repository fleet3 | add_file clusters/prod/fleet3.yaml ;;
  esac
}

indexed_pushes_equal_unindexed_pushes() {
  local indexed plain step
  repo_with_flux
  indexed=$BARE
  local indexed_clone=$CLONE
  bare_repo "${CASE_ID}-plain"
  plain=$BARE
  git -C "$indexed_clone" push -q "$plain" main:main >/dev/null 2>&1 || fail "seeding the plain repository failed"
  for step in 1 2 3 4 5 6 7 8 9 10 11 12; do
    cd "$indexed_clone"
    edit_step "$step"
    commit "step $step"
    # Every step is pushed to both, accepted or not; a rejected step stays in the clone, so the
    # next push carries it again (as a developer's retry would).
    rm -rf "$plain/pushgate"
    push "$plain" HEAD:main
    cp "$CASE_DIR/remote.txt" "$CASE_DIR/plain-$step.txt"
    local plain_status=$PUSH_STATUS
    BARE=$indexed
    push origin HEAD:main
    cp "$CASE_DIR/remote.txt" "$CASE_DIR/indexed-$step.txt"
    [ "$plain_status" = "$PUSH_STATUS" ] ||
      fail "step $step: exit $PUSH_STATUS through the index, $plain_status without"
    diff -u "$CASE_DIR/plain-$step.txt" "$CASE_DIR/indexed-$step.txt" >"$CASE_DIR/diff-$step.txt" ||
      fail "step $step: the indexed push said something else: $(cat "$CASE_DIR/diff-$step.txt")"
    index_header_ok "$indexed"
  done
  # The sequence must exercise both verdicts and the cross-file rules, or it proves nothing.
  cat "$CASE_DIR"/indexed-*.txt >"$CASE_DIR/all.txt"
  grep -q 'gitops/flux-source-ref' "$CASE_DIR/all.txt" || fail "no flux-source-ref finding in the sequence"
  grep -q 'gitops/flux-depends-on' "$CASE_DIR/all.txt" || fail "no flux-depends-on finding in the sequence"
}

run_case "the hook writes the index and judges unchanged files from it" index_written_then_used
run_case "a corrupt, truncated or unwritable index is never trusted" corrupt_index_ignored_and_rewritten
run_case "pushes judged through the index equal the same pushes without one" indexed_pushes_equal_unindexed_pushes
it_finish
