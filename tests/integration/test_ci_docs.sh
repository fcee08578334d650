#!/usr/bin/env bash
# docs/ci.md's GitHub Actions and GitLab CI jobs: the YAML parses, and the shell each job runs is
# executed as written against a real repository, with the variables GitHub and GitLab set, for a
# pull/merge request and for a push to main. The reports it writes are validated. (The hosted
# parts — checkout, upload-sarif, GitLab's artifacts — cannot run here; docs/ci.md says so.)
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

doc="$PUSHGATE_SOURCE_DIR/docs/ci.md"
sarif_schema="$PUSHGATE_SHARED_DIR/formats/sarif-schema-2.1.0.json"
gitlab_schema="$PUSHGATE_SOURCE_DIR/tests/fixtures/formats/gitlab-code-quality.schema.json"

# extract github|gitlab: the job's shell, as bash would run it, on stdout.
extract() {
  python3 - "$doc" "$1" <<'PY'
import re, sys, yaml
text = open(sys.argv[1], encoding="utf-8").read()
blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", text, re.S)]
if sys.argv[2] == "github":
    job = next(b for b in blocks if "jobs" in b)["jobs"]["pushgate"]
    step = next(s for s in job["steps"] if s.get("name") == "pushgate check")
    print(step["run"])
else:
    job = next(b for b in blocks if "pushgate" in b and "script" in b["pushgate"])["pushgate"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert job["artifacts"]["reports"]["junit"] == "pushgate-junit.xml"
    print("\n".join(job["script"]))
PY
}

# A repository whose main already has an error, and a branch that adds another.
make_repo() {
  mkdir -p bin && ln -s "$PUSHGATE_BIN" bin/pushgate
  git init -q repo && cd repo
  mkdir apps
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n  name: dup\n' >apps/old.yaml
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n' >apps/ok.yaml
  git add -A && git commit -q -m base
  BASE=$(git rev-parse HEAD)
  git checkout -q -b feature
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: new\n  name: dup\n' >apps/new.yaml
  printf '# a comment\n' >>apps/old.yaml  # touches the old file without a new finding
  git add -A && git commit -q -m feature
}

run_job() {  # run_job SCRIPT-FILE: runs it like the CI runner (bash -e), PATH with pushgate
  STATUS=0
  PATH="$CASE_DIR/bin:$PATH" bash -e "$1" >"$CASE_DIR/job.out" 2>&1 || STATUS=$?
  cat "$CASE_DIR/job.out"
}

github_pull_request_and_main() {
  extract github >job.sh
  make_repo
  BASE_SHA=$BASE run_job ../job.sh
  expect_status 1
  grep -q '^::error file=apps/new.yaml,line=5,col=3' "$CASE_DIR/job.out" || fail "new finding annotated"
  if grep -q 'file=apps/old.yaml' "$CASE_DIR/job.out"; then fail "the base's finding is not new"; fi
  python3 "$it_lib_dir/schema_check.py" "$sarif_schema" valid pushgate.sarif
  json_assert pushgate.sarif '[r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]] == ["apps/new.yaml"]'
  # main, adopted with a baseline: green; then without one, both findings fail.
  git checkout -q main
  "$PUSHGATE_BIN" check --write-baseline .pushgate-baseline.json . >/dev/null
  BASE_SHA= run_job ../job.sh
  expect_status 0
  rm .pushgate-baseline.json
  BASE_SHA= run_job ../job.sh
  expect_status 1
  grep -q '^::error file=apps/old.yaml' "$CASE_DIR/job.out" || fail "old finding annotated on main"
}

gitlab_merge_request_and_main() {
  extract gitlab >job.sh
  make_repo
  CI_MERGE_REQUEST_DIFF_BASE_SHA=$BASE run_job ../job.sh
  expect_status 1
  python3 "$it_lib_dir/schema_check.py" "$gitlab_schema" valid gl-code-quality-report.json
  python3 "$it_lib_dir/schema_check.py" "$sarif_schema" valid pushgate.sarif
  json_assert gl-code-quality-report.json '[i["location"]["path"] for i in doc] == ["apps/new.yaml"]'
  python3 -c 'import xml.etree.ElementTree as ET; r = ET.parse("pushgate-junit.xml").getroot(); assert [c.get("name") for c in r.iter("testcase") if c.find("failure") is not None] == ["apps/new.yaml"]' ||
    fail "junit names the new file only"
  git checkout -q main
  CI_MERGE_REQUEST_DIFF_BASE_SHA= run_job ../job.sh
  expect_status 1
  json_assert gl-code-quality-report.json '[i["location"]["path"] for i in doc] == ["apps/old.yaml"]'
}

run_case "GitHub Actions job: pull request and main" github_pull_request_and_main
run_case "GitLab CI job: merge request and main" gitlab_merge_request_and_main
it_finish
