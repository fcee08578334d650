#!/usr/bin/env bash
# `pushgate check` on directories and files, in text and JSON: exit codes 0 (clean), 1 (error
# findings), 2 (usage or configuration error), finding lines, the JSON document and its schema.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

# A directory with two good manifests and two broken files.
make_tree() {
  mkdir -p tree/apps tree/docs
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' >tree/apps/a.yaml
  printf '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "n"}}\n' >tree/apps/n.json
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  name: c\n' >tree/apps/dup.yaml
  printf '{\n  "a": 1,\n}\n' >tree/apps/comma.json
  printf 'not: [yaml\n' >tree/docs/notes.txt  # not selected
}

make_clean_tree() {
  mkdir -p clean
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' >clean/a.yaml
  printf 'apiVersion: v1\nkind: List\nitems: []\n---\napiVersion: v1\nkind: List\nitems: []\n' \
    >clean/two-docs.yml
}

clean_directory() {
  make_clean_tree
  run_pushgate check clean
  expect_status 0
  if grep -q 'error\[' "$CASE_DIR/stdout.txt"; then fail "a clean tree printed error findings"; fi
}

broken_directory_text() {
  make_tree
  run_pushgate check tree
  expect_status 1
  # Paths are relative to the directory checked.
  expect_stdout_finding apps/dup.yaml:5:3 yaml/duplicate-key
  expect_stdout_finding apps/comma.json:3:1 json/syntax
  # comma.json holds no document: it does not parse.
  expect_stdout_line "2 errors, 0 warnings in 4 files (3 documents), N ms"
  if grep -q 'notes.txt' "$CASE_DIR/stdout.txt"; then fail "a .txt file was checked"; fi
}

broken_directory_json() {
  make_tree
  run_pushgate check --format json tree
  expect_status 1
  local out="$CASE_DIR/stdout"
  json_assert "$out" 'doc["decision"] == "reject"'
  json_assert "$out" 'doc["summary"]["errors"] == 2' "two errors"
  json_assert "$out" 'doc["summary"]["files"] == 4' "four files parsed"
  json_assert "$out" 'isinstance(doc["summary"]["duration_ms"], int)'
  json_assert "$out" \
    '{(f["rule"], f["path"], f["line"], f["column"], f["severity"]) for f in doc["findings"] if f["severity"] == "error"} == {("yaml/duplicate-key", "apps/dup.yaml", 5, 3, "error"), ("json/syntax", "apps/comma.json", 3, 1, "error")}' \
    "the two error findings, exactly"
  json_assert "$out" 'all(f["message"] and f["message"] == f["message"].rstrip(".") for f in doc["findings"])' \
    "messages are set and have no trailing period"
  validate_report_schema "$out"
}

clean_directory_json() {
  make_clean_tree
  run_pushgate check --format json clean
  expect_status 0
  json_assert "$CASE_DIR/stdout" 'doc["decision"] == "accept"'
  json_assert "$CASE_DIR/stdout" 'doc["summary"]["errors"] == 0'
  json_assert "$CASE_DIR/stdout" 'doc["summary"]["documents"] == 3' "three documents"
  validate_report_schema "$CASE_DIR/stdout"
}

# The JSON output matches schemas/report.schema.json (the contract other programs read).
validate_report_schema() {
  local schema="$PUSHGATE_SOURCE_DIR/schemas/report.schema.json"
  [ -f "$schema" ] || fail "no $schema"
  python3 -c '
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.validate(json.load(open(sys.argv[2])), schema)' "$schema" "$1" ||
    fail "the JSON report does not match schemas/report.schema.json"
}

check_files() {
  make_tree
  run_pushgate check tree/apps/a.yaml tree/apps/n.json
  expect_status 0
  run_pushgate check tree/apps/a.yaml tree/apps/dup.yaml
  expect_status 1
  grep -qF 'dup.yaml:5:3: error[yaml/duplicate-key]: ' "$CASE_DIR/stdout.txt" ||
    fail "no finding for dup.yaml"
}

missing_path() {
  run_pushgate check "$CASE_DIR/does-not-exist"
  expect_status 2
  cat "$CASE_DIR/stdout.txt" "$CASE_DIR/stderr.txt" | grep -q 'does-not-exist' ||
    fail "the error does not name the missing path"
}

unknown_format() {
  make_clean_tree
  run_pushgate check --format yaml-please clean
  expect_status 2
}

# Local mode reads .pushgate.yaml at the repository root.
local_config() {
  make_tree
  git init -q tree
  printf 'version: 1\nfiles:\n  exclude: ["apps/dup.yaml", "apps/comma.json"]\n' >tree/.pushgate.yaml
  cd tree || fail "no tree"
  run_pushgate check .
  expect_status 0
}

local_config_broken() {
  make_clean_tree
  git init -q clean
  printf 'version: 1\nfilez: {}\n' >clean/.pushgate.yaml
  cd clean || fail "no clean"
  run_pushgate check .
  expect_status 2
  grep -qE '\.pushgate\.yaml:2:1: error\[config/invalid\]: ' "$CASE_DIR/stdout.txt" \
    "$CASE_DIR/stderr.txt" || fail "no config/invalid finding at .pushgate.yaml:2:1"
}

explicit_config() {
  make_tree
  printf 'version: 1\nfiles:\n  exclude: ["**/*.json", "**/dup.yaml"]\n' >policy.yaml
  run_pushgate check --config policy.yaml tree
  expect_status 0
}

run_case "check: a clean directory exits 0" clean_directory
run_case "check: findings in text, exit 1" broken_directory_text
run_case "check --format json: findings, summary, schema" broken_directory_json
run_case "check --format json: a clean directory" clean_directory_json
run_case "check: files given one by one" check_files
run_case "check: a missing path exits 2" missing_path
run_case "check: an unknown format exits 2" unknown_format
run_case "check: .pushgate.yaml at the repository root" local_config
run_case "check: a broken .pushgate.yaml exits 2 with line:col" local_config_broken
run_case "check: --config" explicit_config

it_finish
