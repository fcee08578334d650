#!/usr/bin/env bash
# schemas/report.schema.json describes the JSON reporter's output exactly: the golden outputs
# (which the unit tests prove are what the reporter writes, byte for byte) and live output of
# `pushgate check --format json` validate; documents that break the contract do not.
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

schema="$PUSHGATE_SOURCE_DIR/schemas/report.schema.json"
goldens="$PUSHGATE_SOURCE_DIR/tests/fixtures/report"

# report_check valid|invalid FILE...
report_check() {
  python3 "$it_lib_dir/schema_check.py" "$schema" "$@"
}

golden_reports_match_the_schema() {
  local count
  count=$(find "$goldens" -name '*.json' | wc -l)
  [ "$count" -ge 3 ] || fail "expected golden JSON reports in $goldens, found $count"
  report_check valid "$goldens"/*.json
}

live_reports_match_the_schema() {
  mkdir -p tree
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n' >tree/dup.yaml
  printf '{"a": [1,\n' >tree/broken.json
  printf 'apiVersion: v1\nkind: List\nitems: []\n' >tree/ok.yaml
  run_pushgate check --format json tree
  expect_status 1
  cp "$CASE_DIR/stdout" rejected.json
  rm tree/dup.yaml tree/broken.json
  run_pushgate check --format json tree
  expect_status 0
  cp "$CASE_DIR/stdout" accepted.json
  printf 'version: 1\nvalidate: sometimes\n' >bad-config.yaml
  run_pushgate check --format json --config bad-config.yaml tree
  expect_status 2
  cp "$CASE_DIR/stdout" config-error.json
  report_check valid rejected.json accepted.json config-error.json
}

# Each document breaks one promise of the contract; the schema must notice every one.
broken_reports_fail_the_schema() {
  python3 - "$goldens/hook.json" <<'PY'
import copy, json, sys
good = json.load(open(sys.argv[1], encoding="utf-8"))
def variant(name, change):
    doc = copy.deepcopy(good)
    change(doc)
    json.dump(doc, open(f"{name}.json", "w"))
variant("unknown-top-level-key", lambda d: d.update(extra=1))
variant("bad-decision", lambda d: d.update(decision="maybe"))
variant("missing-summary", lambda d: d.pop("summary"))
variant("summary-infos", lambda d: d["summary"].update(infos=0))
variant("bad-severity", lambda d: d["findings"][0].update(severity="fatal"))
variant("missing-column", lambda d: d["findings"][0].pop("column"))
variant("negative-line", lambda d: d["findings"][0].update(line=-1))
variant("source-line-leaked", lambda d: d["findings"][0].update(source_line="x"))
variant("empty-ref", lambda d: d["findings"][0].update(ref=""))
variant("short-commit", lambda d: d["findings"][0].update(commit="3f2c5e0"))
variant("rule-without-family", lambda d: d["findings"][0].update(rule="type"))
variant("unknown-family", lambda d: d["findings"][0].update(rule="magic/type"))
variant("negative-document", lambda d: d["findings"][0].update(document=-1))
variant("ref-without-new", lambda d: d["refs"][0].pop("new"))
PY
  report_check invalid ./*.json
}

run_case "golden JSON reports match the schema" golden_reports_match_the_schema
run_case "live pushgate check --format json matches the schema" live_reports_match_the_schema
run_case "reports that break the contract fail the schema" broken_reports_fail_the_schema
it_finish
