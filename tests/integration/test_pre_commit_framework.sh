#!/usr/bin/env bash
# The pre-commit framework (https://pre-commit.com) with the real `pre-commit` (Debian 12 ships
# 3.0.4): a working repository whose .pre-commit-config.yaml names a local clone of this
# repository (`repo:` a path, `rev:` a commit) and the hook `pushgate` from its
# .pre-commit-hooks.yaml. A commit with a broken manifest is refused, a good one recorded.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate
command -v pre-commit >/dev/null || it_abort "pre-commit is not installed (install/setup-debian.sh)"

# pushgate on PATH under its own name, as `language: system` needs.
mkdir -p "$SERVERS_DIR/bin"
ln -sf "$PUSHGATE_BIN" "$SERVERS_DIR/bin/pushgate"
export PATH="$SERVERS_DIR/bin:$PATH"
export PRE_COMMIT_HOME="$SERVERS_DIR/pre-commit-cache"

# A clone of this repository; when the checkout's .pre-commit-hooks.yaml differs from HEAD's (a
# local run with uncommitted edits), the clone gets one more commit with the file as checked out.
HOOKS_REPO="$SERVERS_DIR/pushgate-clone"
git clone -q "$PUSHGATE_SOURCE_DIR" "$HOOKS_REPO" || it_abort "cannot clone $PUSHGATE_SOURCE_DIR"
if ! cmp -s "$PUSHGATE_SOURCE_DIR/.pre-commit-hooks.yaml" "$HOOKS_REPO/.pre-commit-hooks.yaml"; then
  cp "$PUSHGATE_SOURCE_DIR/.pre-commit-hooks.yaml" "$HOOKS_REPO/.pre-commit-hooks.yaml"
  git -C "$HOOKS_REPO" commit -q -am "the checkout's .pre-commit-hooks.yaml"
fi
HOOKS_REV=$(git -C "$HOOKS_REPO" rev-parse HEAD)

work_repo() {
  git init -q "$CASE_DIR/work"
  cd "$CASE_DIR/work"
  cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $HOOKS_REPO
    rev: $HOOKS_REV
    hooks:
      - id: pushgate
YAML
  pre-commit install >"$CASE_DIR/install.out" 2>&1 ||
    fail "pre-commit install failed: $(cat "$CASE_DIR/install.out")"
  git add .pre-commit-config.yaml
  try_commit "pre-commit config"
  [ "$COMMIT_STATUS" -eq 0 ] || fail "committing the pre-commit config failed"
}

try_commit() {
  COMMIT_STATUS=0
  git commit -q -m "$1" >"$CASE_DIR/commit.out" 2>&1 || COMMIT_STATUS=$?
  echo "--- git commit (exit $COMMIT_STATUS)"
  it_show "$CASE_DIR/commit.out"
}

bad_manifest_refused() {
  work_repo
  local head
  head=$(git rev-parse HEAD)
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n' | add_file app.yaml
  try_commit "a broken manifest"
  [ "$COMMIT_STATUS" -ne 0 ] || fail "pre-commit let a manifest with a duplicate key through"
  [ "$(git rev-parse HEAD)" = "$head" ] || fail "HEAD moved although the commit was refused"
  grep -q '^pushgate\.*Failed' "$CASE_DIR/commit.out" || fail "pre-commit did not report the pushgate hook as Failed"
  grep -qF 'app.yaml:5:3: error[yaml/duplicate-key]' "$CASE_DIR/commit.out" ||
    fail "the hook's output does not name the duplicate key at app.yaml:5:3"
}

good_manifest_recorded() {
  work_repo
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\ndata:\n  a: "1"\n' |
    add_file app.yaml
  try_commit "a good manifest"
  [ "$COMMIT_STATUS" -eq 0 ] || fail "pre-commit refused a good manifest"
  grep -q '^pushgate\.*Passed' "$CASE_DIR/commit.out" || fail "pre-commit did not report the pushgate hook as Passed"
  [ "$(git log -1 --format=%s)" = "a good manifest" ] || fail "the good commit was not recorded"
}

manifest_loads() {
  # The hooks manifest itself, as this pre-commit validates it (3.0.4 refused `stages: [pre-commit]`).
  pre-commit validate-manifest "$HOOKS_REPO/.pre-commit-hooks.yaml" >"$CASE_DIR/validate.out" 2>&1 ||
    fail "pre-commit $(pre-commit --version) rejects .pre-commit-hooks.yaml: $(cat "$CASE_DIR/validate.out")"
}

documented_rev_loads() {
  # docs/install.md's `rev:` is a commit of this repository whose manifest this pre-commit loads.
  local rev
  rev=$(sed -n -E 's/^ +rev: ([0-9a-f]{40}).*/\1/p' "$PUSHGATE_SOURCE_DIR/docs/install.md" | head -1)
  [ -n "$rev" ] || fail "docs/install.md gives no 40-digit rev:"
  git -C "$HOOKS_REPO" cat-file -e "$rev^{commit}" 2>/dev/null ||
    fail "docs/install.md's rev $rev is not a commit of this repository"
  git -C "$HOOKS_REPO" show "$rev:.pre-commit-hooks.yaml" >"$CASE_DIR/at-rev.yaml"
  pre-commit validate-manifest "$CASE_DIR/at-rev.yaml" >"$CASE_DIR/validate.out" 2>&1 ||
    fail "the manifest at docs' rev $rev does not load: $(cat "$CASE_DIR/validate.out")"
}

run_case "pre-commit framework: the hooks manifest loads" manifest_loads
run_case "pre-commit framework: the rev docs/install.md gives exists and loads" documented_rev_loads
run_case "pre-commit framework: a broken manifest is refused" bad_manifest_refused
run_case "pre-commit framework: a good manifest is committed" good_manifest_recorded
it_finish
