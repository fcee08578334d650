#!/usr/bin/env bash
# `pushgate init` (docs/baseline.md): on real corpus repositories it writes a config that loads,
# under which `pushgate check` fails exactly on the genuine errors init listed; editor JSON with
# comments and large CRD bundles stop being findings; `--server` writes a config that protects
# main and tags and audits, proven with real pushes; existing files are kept without --force.
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

corpus="$PUSHGATE_SHARED_DIR/corpus"

# init_matches_check REPO: init on a copy of a corpus repository, then check with its config:
# the errors check reports are the ones init listed (same count), and nothing else fails.
init_matches_check() {
  cp -r "$corpus/$1" repo && cd repo
  run_pushgate init
  expect_status 0
  cp "$CASE_DIR/stdout" init.out
  python3 "$it_lib_dir/schema_check.py" "$PUSHGATE_SOURCE_DIR/schemas/pushgate-config.schema.json" \
    valid .pushgate.yaml
  run_pushgate check --format json .
  local errors
  errors=$(python3 -c 'import json,sys; print(sum(f["severity"] == "error" for f in json.load(open(sys.argv[1]))["findings"]))' "$CASE_DIR/stdout")
  if [ "$errors" -eq 0 ]; then
    expect_status 0
    grep -q "passes on this repository today" init.out || fail "init should say it passes"
  else
    expect_status 1
    grep -q "^pushgate: $errors genuine errors remain" init.out ||
      fail "init should list the $errors errors check finds: $(grep genuine init.out)"
    grep -q "^# Genuine errors today ($errors)" .pushgate.yaml || fail "the config lists them too"
  fi
  # And a baseline makes the first run green.
  "$PUSHGATE_BIN" check --write-baseline .pushgate-baseline.json . >/dev/null 2>&1
  run_pushgate check --baseline .pushgate-baseline.json .
  expect_status 0
}

flux_sops_home_lab() { init_matches_check toboshii__home-ops; grep -q "SOPS" .pushgate.yaml; }
argo_examples() { init_matches_check argoproj__argocd-example-apps; grep -q "Helm charts" .pushgate.yaml; }
# kube-prometheus's largest file (1 MB of dashboards) is within the default files.max_size of
# 16 MiB: init keeps the default and nothing is too large (tests/unit/init: a larger bundle).
large_crd_bundles() {
  init_matches_check prometheus-operator__kube-prometheus
  if grep -q "max_size" .pushgate.yaml; then fail "the default files.max_size should do"; fi
  if grep -q "too-large" "$CASE_DIR/stdout"; then fail "no file should be too large"; fi
}

jsonc_editor_files_are_excluded() {
  mkdir -p repo/.vscode repo/apps && cd repo
  printf '{\n  // format on save\n  "editor.formatOnSave": true\n}\n' >.vscode/settings.json
  printf '{\n  /* presets */\n  "extends": ["config:base"]\n}\n' >renovate.json
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' >apps/ok.yaml
  run_pushgate check .
  expect_status 0  # read as JSON with comments (docs/gitops.md), not json/syntax
  run_pushgate init
  expect_status 0
  grep -q "passes on this repository today" "$CASE_DIR/stdout" || fail "expected a pass"
  grep -qF -- '- ".vscode/**"' .pushgate.yaml || fail "expected .vscode/** excluded"
  grep -qF -- '- "/renovate.json"' .pushgate.yaml || fail "expected /renovate.json excluded"
  run_pushgate check .
  expect_status 0
  # A genuine error is listed, not hidden.
  printf '{"a": [1,\n' >apps/broken.json
  run_pushgate init --force
  expect_status 0
  expect_stdout_finding apps/broken.json:2:1 json/syntax
  run_pushgate check .
  expect_status 1
}

existing_files_are_kept() {
  mkdir repo && cd repo
  printf 'version: 1\n' >.pushgate.yaml
  run_pushgate init
  expect_status 2
  grep -q "exists; keep it, or write over it with --force" "$CASE_DIR/stderr" || fail "explains"
  [ "$(cat .pushgate.yaml)" = "version: 1" ] || fail "the file was changed"
  run_pushgate init --force
  expect_status 0
  run_pushgate init no/such/dir
  expect_status 2
}

server_config_protects_main_and_tags_with_audit() {
  bare_repo "$CASE_ID"
  run_pushgate init --server -o "$BARE/pushgate.yaml"
  expect_status 0
  python3 "$it_lib_dir/schema_check.py" "$PUSHGATE_SOURCE_DIR/schemas/pushgate-config.schema.json" \
    valid "$BARE/pushgate.yaml"
  # The audit log where the test may write.
  sed -i "s|/var/log/pushgate/audit.jsonl|$CASE_DIR/audit.jsonl|" "$BARE/pushgate.yaml"
  clone "$CASE_ID" file
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' | add_file a.yaml
  commit "first"
  git tag v1
  push origin main v1
  expect_push_ok
  [ -s "$CASE_DIR/audit.jsonl" ] || fail "expected an audit line"
  git commit -q --amend -m "rewritten"
  push --force origin main
  expect_push_rejected
  git tag -f v1 >/dev/null
  push --force origin v1
  expect_push_rejected
  push origin :refs/tags/v1
  expect_push_rejected
}

run_case "Flux + SOPS home lab: init lists what check fails on" flux_sops_home_lab
run_case "Argo CD examples with Helm charts" argo_examples
run_case "kube-prometheus needs no larger files.max_size" large_crd_bundles
run_case "JSON-with-comments editor files are excluded, genuine errors listed" jsonc_editor_files_are_excluded
run_case "existing files are kept without --force" existing_files_are_kept
run_case "init --server: protected main and tags, audit log" server_config_protects_main_and_tags_with_audit
it_finish
