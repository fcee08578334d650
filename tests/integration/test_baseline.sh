#!/usr/bin/env bash
# Baselines and --new-only (docs/baseline.md) with the real binary: a repository adopts pushgate
# with the findings it has, then fails only on new ones; fixed entries are listed; line shifts keep
# findings known; --new-only reports what a commit range introduced. Includes a real corpus
# repository from ../shared/corpus with many findings going green with init + a baseline.
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

dup() {  # dup NAME: a ConfigMap whose metadata defines `name` twice (yaml/duplicate-key)
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n  name: %s-2\n' "$1" "$1"
}

make_tree() {
  mkdir -p tree/a tree/b
  dup one >tree/a/one.yaml
  dup two >tree/b/two.yaml
  printf '{"x": [1,\n' >tree/b/broken.json
}

write_then_check_passes() {
  make_tree
  run_pushgate check tree
  expect_status 1
  run_pushgate check --write-baseline base.json tree
  expect_status 0
  grep -q "wrote 3 findings to baseline base.json" "$CASE_DIR/stderr" || fail "expected the count on stderr"
  json_assert base.json 'doc["version"] == 1 and len(doc["findings"]) == 3'
  json_assert base.json 'all("line" not in e and len(e["fingerprint"]) == 32 for e in doc["findings"])' \
    "entries carry no line numbers"
  run_pushgate check --baseline base.json tree
  expect_status 0
  if grep -q "error\[" "$CASE_DIR/stdout.txt"; then fail "baselined findings must not show"; fi
  run_pushgate check --baseline base.json --format json tree
  expect_status 0
  json_assert "$CASE_DIR/stdout" 'doc["decision"] == "accept" and doc["findings"] == []'
}

new_findings_fail_and_show_alone() {
  make_tree
  "$PUSHGATE_BIN" check --write-baseline base.json tree >/dev/null 2>&1
  dup three >tree/a/three.yaml
  run_pushgate check --baseline base.json tree
  expect_status 1
  expect_stdout_finding a/three.yaml:5:3 yaml/duplicate-key
  [ "$(grep -c 'error\[' "$CASE_DIR/stdout.txt")" -eq 1 ] || fail "only the new finding"
  # Also in the machine formats, and with --fail-on.
  run_pushgate check --baseline base.json --format sarif tree
  json_assert "$CASE_DIR/stdout" 'len(doc["runs"][0]["results"]) == 1'
}

line_shifts_and_other_objects_keep_findings_known() {
  make_tree
  "$PUSHGATE_BIN" check --write-baseline base.json tree >/dev/null 2>&1
  { printf '# moved down\n\n'; cat tree/a/one.yaml; printf -- '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n'; } >x
  mv x tree/a/one.yaml
  run_pushgate check --baseline base.json tree
  expect_status 0
}

fixed_entries_are_listed() {
  make_tree
  "$PUSHGATE_BIN" check --write-baseline base.json tree >/dev/null 2>&1
  dup one | head -4 >tree/a/one.yaml  # fixed
  run_pushgate check --baseline base.json tree
  expect_status 0
  grep -q '^a/one.yaml: info\[config/baseline-fixed\]: fixed, remove from baseline: yaml/duplicate-key' \
    "$CASE_DIR/stdout.txt" || fail "expected the fixed entry listed"
  run_pushgate check --baseline base.json --fail-on info tree
  expect_status 1
  # A sub-folder run does not call entries of other folders fixed.
  rm -rf tree/b/*
  run_pushgate check --baseline base.json tree/a
  if grep -q "b/two.yaml" "$CASE_DIR/stdout.txt"; then fail "b/ was not checked"; fi
}

bad_baselines_stop_the_check() {
  make_tree
  run_pushgate check --baseline missing.json tree
  expect_status 2
  grep -q "baseline missing.json does not exist" "$CASE_DIR/stdout.txt" || fail "names the file"
  printf '{"version": 2, "findings": []}' >v2.json
  run_pushgate check --baseline v2.json tree
  expect_status 2
  grep -q '"version" must be 1' "$CASE_DIR/stdout.txt" || fail "says what is wrong"
  printf 'not json' >junk.json
  run_pushgate check --baseline junk.json tree
  expect_status 2
  run_pushgate check --write-baseline no/such/dir/base.json tree
  expect_status 2
}

new_only_reports_what_a_range_introduced() {
  git init -q repo && cd repo
  dup old >old.yaml
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n' >ok.yaml
  git add -A && git commit -q -m base
  printf '# header\n' | cat - old.yaml >x && mv x old.yaml  # the old finding moves down a line
  dup new >>ok.yaml.new && mv ok.yaml.new new.yaml
  git add -A && git commit -q -m change
  run_pushgate check --git HEAD~1..HEAD
  expect_status 1
  expect_stdout_finding old.yaml:6:3 yaml/duplicate-key
  run_pushgate check --git HEAD~1..HEAD --new-only
  expect_status 1
  expect_stdout_finding new.yaml:5:3 yaml/duplicate-key
  if grep -q "^old.yaml" "$CASE_DIR/stdout.txt"; then fail "old.yaml's finding was at the base"; fi
  git rm -q new.yaml && git commit -q -m "drop new"
  run_pushgate check --git HEAD~2..HEAD --new-only
  expect_status 0
  run_pushgate check --new-only .
  expect_status 2
  grep -q "use --git" "$CASE_DIR/stdout.txt" || fail "explains --new-only needs --git"
}

# A real repository with many findings: init + a baseline make the first run green, and a new
# problem still fails.
corpus_repository_adopts_with_a_baseline() {
  local corpus="$PUSHGATE_SHARED_DIR/corpus/prometheus-operator__kube-prometheus"
  [ -d "$corpus" ] || fail "missing $corpus"
  cp -r "$corpus" repo && cd repo
  run_pushgate init
  expect_status 0
  [ -f .pushgate.yaml ] || fail "init wrote no .pushgate.yaml"
  run_pushgate check --format json .
  expect_status 1
  local before
  before=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$CASE_DIR/stdout")
  [ "$before" -ge 50 ] || fail "expected many findings in the corpus repository, got $before"
  run_pushgate check --write-baseline .pushgate-baseline.json .
  expect_status 0
  run_pushgate check --baseline .pushgate-baseline.json .
  expect_status 0
  dup added >manifests/added.yaml
  run_pushgate check --baseline .pushgate-baseline.json .
  expect_status 1
  expect_stdout_finding manifests/added.yaml:5:3 yaml/duplicate-key
  [ "$(grep -c 'error\[' "$CASE_DIR/stdout.txt")" -eq 1 ] || fail "only the added finding of $before"
}

# A server's `baseline:` (the server's file, relative to its config): a real push keeping a recorded
# finding lands, a new finding is rejected, and a baseline that cannot be read rejects every push
# (fail closed). A baseline committed in the push is never read; internal errors are never
# baselined (can_be_baselined in core/baseline/baseline.h).
server_baseline_applies_to_pushes() {
  local server=$CASE_DIR/server
  mkdir -p "$server"
  printf 'version: 1\nbaseline: accepted.json\n' >"$server/pushgate.yaml"
  mkdir legacy && dup old >legacy/old.yaml
  (cd legacy && "$PUSHGATE_BIN" check --write-baseline "$server/accepted.json" . >/dev/null 2>&1)
  json_assert "$server/accepted.json" 'len(doc["findings"]) == 1 and doc["findings"][0]["path"] == "old.yaml"'
  bare_repo "$CASE_ID" --config "$server/pushgate.yaml"
  clone "$CASE_ID" file
  dup old >old.yaml
  git add old.yaml && commit "the finding the server recorded"
  push origin main
  expect_push_ok
  dup new >new.yaml
  printf '{"version": 1, "findings": []}\n' >accepted.json  # the push's own file is not read
  git add new.yaml accepted.json && commit "a new finding"
  push origin main
  expect_push_rejected
  expect_finding new.yaml:5:3 yaml/duplicate-key
  if grep -q "old.yaml" "$CASE_DIR/remote.txt"; then fail "old.yaml is in the server's baseline"; fi
  git reset -q --hard HEAD~1
  mv "$server/accepted.json" "$server/moved.json"
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n' >fine.yaml
  git add fine.yaml && commit "a good change while the baseline is missing"
  push origin main
  expect_push_rejected
  grep -q "config/unreadable.*cannot use the baseline named by .baseline:." "$CASE_DIR/remote.txt" ||
    fail "expected the unreadable baseline named"
}

run_case "--write-baseline records today's findings and the check passes" write_then_check_passes
run_case "new findings fail and show alone" new_findings_fail_and_show_alone
run_case "line shifts keep findings known" line_shifts_and_other_objects_keep_findings_known
run_case "fixed entries are listed, in scope only" fixed_entries_are_listed
run_case "bad baselines stop the check (exit 2)" bad_baselines_stop_the_check
run_case "--new-only reports what a range introduced" new_only_reports_what_a_range_introduced
run_case "a corpus repository with many findings adopts with a baseline" corpus_repository_adopts_with_a_baseline
run_case "a server's baseline: applies to real pushes, fails closed" server_baseline_applies_to_pushes
it_finish
