#!/usr/bin/env bash
# The formats CI systems read (docs/output.md, docs/ci.md), on real `pushgate check` output:
# SARIF validates against the OASIS SARIF 2.1.0 schema (../shared/formats), GitLab Code Quality
# against a schema written from GitLab's documentation (tests/fixtures/formats), JUnit is read
# with Python's XML parser the way GitLab and Jenkins read it (no JUnit XSD ships in Debian), and
# GitHub workflow commands are parsed with GitHub's own grammar. Plus --output, --fail-on,
# --min-severity and fingerprints that survive line shifts.
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

sarif_schema="$PUSHGATE_SHARED_DIR/formats/sarif-schema-2.1.0.json"
gitlab_schema="$PUSHGATE_SOURCE_DIR/tests/fixtures/formats/gitlab-code-quality.schema.json"
goldens="$PUSHGATE_SOURCE_DIR/tests/fixtures/report"

schema_check() { python3 "$it_lib_dir/schema_check.py" "$@"; }

# A tree with an error in two files, a warning and an info.
make_tree() {
  mkdir -p tree/apps tree/charts/web/templates
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n' >tree/apps/dup.yaml
  printf '{"a": [1,\n' >"tree/apps/broken, odd:name.json"
  cat >tree/apps/deploy.yaml <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:latest
YAML
  printf 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n' \
    >tree/charts/web/templates/svc.yaml
  printf 'apiVersion: v2\nname: web\nversion: 1.0.0\n' >tree/charts/web/Chart.yaml
}

golden_sarif_and_gitlab_match_their_schemas() {
  schema_check "$sarif_schema" valid "$goldens"/*.sarif
  schema_check "$gitlab_schema" valid "$goldens"/*.gitlab
}

live_sarif_matches_the_schema_and_names_every_rule() {
  make_tree
  run_pushgate check --format sarif tree
  expect_status 1
  cp "$CASE_DIR/stdout" live.sarif
  schema_check "$sarif_schema" valid live.sarif
  json_assert live.sarif 'doc["version"] == "2.1.0" and len(doc["runs"]) == 1'
  json_assert live.sarif 'len(doc["runs"][0]["results"]) >= 2'
  # One rule per rule id, with its documentation page and link; results point at their rule.
  json_assert live.sarif '(lambda rules, results: sorted(r["id"] for r in rules) == sorted(set(x["ruleId"] for x in results)) and all(rules[x["ruleIndex"]]["id"] == x["ruleId"] for x in results))(doc["runs"][0]["tool"]["driver"]["rules"], doc["runs"][0]["results"])' \
    "one rule per rule id, indexed"
  json_assert live.sarif 'all(r["helpUri"].endswith("/docs/rules/" + r["id"] + ".md") and r["help"]["markdown"].startswith("# " + r["id"]) for r in doc["runs"][0]["tool"]["driver"]["rules"] if not r["id"].startswith("internal/"))' \
    "every rule has its page as help and a docs link"
  json_assert live.sarif 'any(x["ruleId"] == "yaml/duplicate-key" and x["locations"][0]["physicalLocation"]["region"] == {"startLine": 5, "startColumn": 3, "endLine": 5, "endColumn": 7} for x in doc["runs"][0]["results"])' \
    "the duplicate key's region is line 5, columns 3 to 7 (exclusive)"
  json_assert live.sarif 'any(x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "apps/broken%2C%20odd%3Aname.json" for x in doc["runs"][0]["results"])' \
    "paths are percent-encoded URI references"
}

fingerprints_survive_line_shifts() {
  make_tree
  run_pushgate check --format sarif tree
  cp "$CASE_DIR/stdout" before.sarif
  # Three comment lines above every finding of dup.yaml.
  { printf '# one\n# two\n# three\n'; cat tree/apps/dup.yaml; } >shifted && mv shifted tree/apps/dup.yaml
  run_pushgate check --format sarif tree
  cp "$CASE_DIR/stdout" after.sarif
  python3 - <<'PY' || fail "fingerprints changed with the line numbers"
import json
def load(p):
    out = {}
    for r in json.load(open(p))["runs"][0]["results"]:
        loc = r.get("locations", [{}])[0].get("physicalLocation", {})
        out[r["partialFingerprints"]["pushgate/v1"]] = loc.get("region", {}).get("startLine")
    return out
before, after = load("before.sarif"), load("after.sarif")
assert set(before) == set(after), (before, after)
moved = [k for k in before if before[k] is not None and after[k] == before[k] + 3]
assert moved, "expected some finding to move three lines down"
print("same", len(before), "fingerprints;", len(moved), "findings moved by 3 lines")
PY
}

live_gitlab_matches_the_schema() {
  make_tree
  run_pushgate check --format gitlab tree
  expect_status 1
  cp "$CASE_DIR/stdout" gl-code-quality-report.json
  schema_check "$gitlab_schema" valid gl-code-quality-report.json
  json_assert gl-code-quality-report.json 'len(set(i["fingerprint"] for i in doc)) == len(doc)' \
    "fingerprints are unique within the report"
  json_assert gl-code-quality-report.json 'any(i["check_name"] == "yaml/duplicate-key" and i["severity"] == "critical" and i["location"] == {"path": "apps/dup.yaml", "lines": {"begin": 5}} for i in doc)'
}

live_junit_reads_as_gitlab_and_jenkins_read_it() {
  make_tree
  run_pushgate check --format junit tree
  expect_status 1
  cp "$CASE_DIR/stdout" junit.xml
  python3 - junit.xml <<'PY' || fail "junit structure"
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
suites = root.findall("testsuite")
assert len(suites) == 1
suite = suites[0]
cases = suite.findall("testcase")
assert int(suite.get("tests")) == len(cases), (suite.get("tests"), len(cases))
failed = [c for c in cases if c.find("failure") is not None]
assert int(suite.get("failures")) == len(failed) == int(root.get("failures"))
for c in cases:
    assert c.get("name") and c.get("classname"), c.attrib
names = {c.get("name"): c for c in cases}
dup = names["apps/dup.yaml"]
assert dup.get("file") == "apps/dup.yaml"
f = dup.find("failure")
assert f.get("type") == "yaml/duplicate-key" and f.get("message"), f.attrib
assert f.text.startswith("apps/dup.yaml:5:3: error[yaml/duplicate-key]: "), f.text
assert "apps/broken, odd:name.json" in names
# Below the fail-on threshold: output, not a failure.
deploy = names["apps/deploy.yaml"]
assert deploy.find("failure") is None and "warning[k8s/image-latest]" in deploy.find("system-out").text
print(len(cases), "testcases,", len(failed), "failed")
PY
}

# GitHub's runner splits `::command key=value,key=value::message` at the first "::" after the
# properties and unescapes %25 %0D %0A (and %3A %2C in values): parse ours that way.
live_github_commands_parse() {
  make_tree
  run_pushgate check --format github tree
  expect_status 1
  python3 - "$CASE_DIR/stdout" <<'PY' || fail "github workflow commands"
import re, sys
def unescape(s, prop):
    if prop:
        s = s.replace("%3A", ":").replace("%2C", ",")
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
commands = []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line.startswith("::"):
        continue
    m = re.match(r"^::(error|warning|notice) ([^:]*)::(.*)$", line)
    assert m, line
    props = dict(p.split("=", 1) for p in m.group(2).split(","))
    props = {k: unescape(v, True) for k, v in props.items()}
    commands.append((m.group(1), props, unescape(m.group(3), False)))
kinds = {c[0] for c in commands}
assert kinds == {"error", "warning"}, kinds
dup = [c for c in commands if c[1].get("title") == "pushgate yaml/duplicate-key"]
assert dup and dup[0][1] == {"file": "apps/dup.yaml", "line": "5", "col": "3", "endColumn": "6",
                             "title": "pushgate yaml/duplicate-key"}, dup
assert any(c[1].get("file") == "apps/broken, odd:name.json" for c in commands), commands
print(len(commands), "commands")
PY
  expect_stdout_line "pushgate: rejected, 2 errors, 4 warnings in 4 files"
}

several_outputs_at_once() {
  make_tree
  run_pushgate check --format text --output sarif=out/report.sarif --output junit=junit.xml \
    --output gitlab=cq.json --output json=report.json tree
  expect_status 2
  grep -q "cannot write out/report.sarif" "$CASE_DIR/stderr" || fail "expected the unwritable file named"
  mkdir out
  run_pushgate check --format text --output sarif=out/report.sarif --output junit=junit.xml \
    --output gitlab=cq.json --output json=report.json tree
  expect_status 1
  expect_stdout_finding apps/dup.yaml:5:3 yaml/duplicate-key
  schema_check "$sarif_schema" valid out/report.sarif
  schema_check "$gitlab_schema" valid cq.json
  schema_check "$PUSHGATE_SOURCE_DIR/schemas/report.schema.json" valid report.json
  python3 -c 'import xml.etree.ElementTree as ET; ET.parse("junit.xml")'
  run_pushgate check --output yaml=x.yaml tree
  expect_status 2
  grep -q 'unknown format \\"yaml\\"\|unknown format "yaml"' "$CASE_DIR/stdout" || fail "expected unknown format"
  run_pushgate check --output sarif tree
  expect_status 2
  grep -q "FORMAT=FILE" "$CASE_DIR/stdout" || fail "expected the FORMAT=FILE hint"
}

fail_on_and_min_severity() {
  mkdir tree
  cat >tree/deploy.yaml <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:latest
YAML
  run_pushgate check tree  # warnings only: passes
  expect_status 0
  expect_stdout_finding deploy.yaml:14:18 k8s/image-latest warning
  run_pushgate check --fail-on warning tree
  expect_status 1
  run_pushgate check --fail-on warning --format json tree
  expect_status 1
  json_assert "$CASE_DIR/stdout" 'doc["decision"] == "reject"' "the report's decision follows --fail-on"
  # Hidden findings neither show nor fail.
  run_pushgate check --fail-on warning --min-severity error tree
  expect_status 0
  if grep -q "warning\[" "$CASE_DIR/stdout"; then fail "the warnings should be hidden"; fi
  # Infos: a baseline entry that no longer occurs is one.
  printf '{"version": 1, "findings": [{"fingerprint": "0123456789abcdef0123456789abcdef", "path": "deploy.yaml"}]}' >b.json
  run_pushgate check --baseline b.json tree
  expect_status 0
  expect_stdout_finding deploy.yaml config/baseline-fixed info
  run_pushgate check --baseline b.json --fail-on info tree
  expect_status 1
  run_pushgate check --baseline b.json --fail-on info --min-severity error tree
  expect_status 0
  run_pushgate check --fail-on fatal tree
  expect_status 2
}

run_case "golden SARIF and GitLab reports match their schemas" golden_sarif_and_gitlab_match_their_schemas
run_case "live SARIF validates and names every rule" live_sarif_matches_the_schema_and_names_every_rule
run_case "fingerprints survive line shifts" fingerprints_survive_line_shifts
run_case "live GitLab Code Quality validates" live_gitlab_matches_the_schema
run_case "live JUnit reads as GitLab and Jenkins read it" live_junit_reads_as_gitlab_and_jenkins_read_it
run_case "live GitHub workflow commands parse" live_github_commands_parse
run_case "several outputs at once" several_outputs_at_once
run_case "--fail-on and --min-severity" fail_on_and_min_severity
it_finish
