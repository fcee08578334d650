#!/usr/bin/env bash
# Pre-commit mode: `pushgate install --pre-commit` in a working clone, then real `git commit`s.
# What is judged is the staged index (what the commit would record), not the work tree.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

# A working repository with the pre-commit hook installed and one good commit.
clone_with_pre_commit() {
  git init -q -b main "$CASE_DIR/work"
  cd "$CASE_DIR/work" || fail "no work tree"
  run_pushgate install --pre-commit
  expect_status 0
  [ -x .git/hooks/pre-commit ] || fail "install --pre-commit wrote no executable .git/hooks/pre-commit"
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base\n' | add_file base.yaml
  try_commit "base"
  expect_commit_ok
}

# try_commit MESSAGE: sets COMMIT_STATUS; output (normalized) in $CASE_DIR/commit.txt.
try_commit() {
  COMMIT_STATUS=0
  git commit -q -m "$1" >"$CASE_DIR/commit.out" 2>&1 || COMMIT_STATUS=$?
  it_normalize <"$CASE_DIR/commit.out" >"$CASE_DIR/commit.txt"
  echo "--- git commit (exit $COMMIT_STATUS)"
  it_show "$CASE_DIR/commit.out"
}

expect_commit_ok() {
  [ "$COMMIT_STATUS" -eq 0 ] || fail "expected the commit to succeed; git commit exited $COMMIT_STATUS"
}

expect_commit_refused() {
  local head_before=$1
  [ "$COMMIT_STATUS" -ne 0 ] || fail "expected the pre-commit hook to refuse the commit"
  [ "$(git rev-parse HEAD)" = "$head_before" ] || fail "HEAD moved although the commit was refused"
}

bad_staged_file() {
  clone_with_pre_commit
  local head
  head=$(git rev-parse HEAD)
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n' | add_file app.yaml
  try_commit "duplicate key"
  expect_commit_refused "$head"
  diff -u --label expected --label actual - "$CASE_DIR/commit.txt" >&2 <<EOF ||
pushgate: rejected (1 error, 0 warnings) in N ms
app.yaml:5:3: error[yaml/duplicate-key]: key \`name\` is defined twice in this mapping (first at line 4, column 3); remove or rename one of them
    5 |   name: b
      |   ^^^^
$RULES_HINT
EOF
    fail "git commit's output differs (- expected, + actual)"
}

good_staged_file() {
  clone_with_pre_commit
  printf '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "x"}}\n' |
    add_file ns.json
  try_commit "a namespace"
  expect_commit_ok
  [ "$(git log -1 --format=%s)" = "a namespace" ] || fail "the commit was not recorded"
}

# The staged version is judged: a broken file fixed only in the work tree is still refused ...
staged_broken_worktree_fixed() {
  clone_with_pre_commit
  local head
  head=$(git rev-parse HEAD)
  printf 'a: [1, 2\n' | add_file app.yaml
  printf 'a: [1, 2]\n' >app.yaml  # fixed, not staged
  try_commit "broken in the index"
  expect_commit_refused "$head"
  expect_finding_in "$CASE_DIR/commit.txt" app.yaml:2:1 yaml/syntax
}

# ... and a good staged file broken only in the work tree is accepted.
staged_good_worktree_broken() {
  clone_with_pre_commit
  printf 'a: [1, 2]\n' | add_file app.yaml
  printf 'a: [1, 2\n' >app.yaml  # broken, not staged
  try_commit "good in the index"
  expect_commit_ok
}

# A broken file already committed (before the hook) does not block an unrelated commit.
only_staged_changes() {
  git init -q -b main "$CASE_DIR/work"
  cd "$CASE_DIR/work" || fail "no work tree"
  printf 'a: 1\na: 2\n' | add_file legacy.yaml
  commit "legacy, before pushgate"
  run_pushgate install --pre-commit
  expect_status 0
  printf 'b: 1\n' | add_file new.yaml
  try_commit "unrelated"
  expect_commit_ok
}

run_case "pre-commit: a broken staged file refuses the commit" bad_staged_file
run_case "pre-commit: a good staged file commits" good_staged_file
run_case "pre-commit: the index is judged, not the work tree (broken)" staged_broken_worktree_fixed
run_case "pre-commit: the index is judged, not the work tree (good)" staged_good_worktree_broken
run_case "pre-commit: only staged changes are judged" only_staged_changes

it_finish
