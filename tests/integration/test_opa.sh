#!/usr/bin/env bash
# Open Policy Agent over HTTP, end to end through the real binary: `pushgate check` and a real
# push through the installed pre-receive hook, against
#   1. always: a stand-in that answers exactly as OPA's Data API does (python3, 127.0.0.1), with
#      a small policy, a bearer token, and the failures (server down, HTTP 500);
#   2. when an `opa` binary is on PATH: a real `opa run --server` with the Rego policies of
#      docs/opa.md, in pushgate and conftest mode. Without one, those cases say they skipped.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

TOKEN=integration-token

# --------------------------------------------------------------------------- the stand-in
cat >"$SERVERS_DIR/opa_standin.py" <<'PY'
"""A Data API stand-in: POST /v1/data/{path} {"input": ...} -> {"result": ...} or {} (undefined)."""
import json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = sys.argv[2]

def kubernetes_deny(inp):
    resource = inp.get("resource", {})
    spec = resource.get("spec", {}).get("template", {}).get("spec", {})
    out = []
    for i, c in enumerate(spec.get("containers", [])):
        if str(c.get("image", "")).endswith(":latest"):
            out.append({"msg": "image %s uses the mutable tag :latest; pin a version" % c["image"],
                        "field": "spec.template.spec.containers[%d].image" % i})
    return out

def audit_deny(inp):  # shows what the hook sent about the push itself
    return ["pushed by %s to %s on %s" % (inp.get("pusher"), inp.get("repository", "").rsplit("/", 1)[-1], inp.get("ref"))]

def main_package(inp):  # conftest mode: the plain document
    deny = ["pods must be managed by a controller"] if inp.get("kind") == "Pod" else []
    return {"deny": deny, "warn": []}

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as OPA
    def log_message(self, *args):
        pass
    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if self.headers.get("Authorization") != "Bearer " + TOKEN:
            return self.answer(401, {"code": "unauthorized", "message": "missing or invalid bearer token"})
        path = self.path[len("/v1/data/"):]
        if path == "kubernetes/deny":
            return self.answer(200, {"result": kubernetes_deny(body.get("input", {}))})
        if path == "audit/deny":
            return self.answer(200, {"result": audit_deny(body.get("input", {}))})
        if path == "main":
            return self.answer(200, {"result": main_package(body.get("input", {}))})
        if path == "broken/deny":
            return self.answer(500, {"code": "internal_error", "message": "eval_conflict_error: complete rules must not produce multiple outputs"})
        return self.answer(200, {})

ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
PY
STANDIN_PORT=$(servers_free_port)
python3 "$SERVERS_DIR/opa_standin.py" "$STANDIN_PORT" "$TOKEN" >"$SERVERS_DIR/standin.log" 2>&1 &
servers_track_pid $!
servers_wait_port "$STANDIN_PORT" "$SERVERS_DIR/standin.log" || it_abort "the OPA stand-in did not start"
printf '%s\n' "$TOKEN" >"$SERVERS_DIR/opa.token"

# The JSON output matches schemas/report.schema.json (rule ids included).
validate_report_schema() {
  python3 -c '
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))' \
    "$PUSHGATE_SOURCE_DIR/schemas/report.schema.json" "$1" ||
    fail "the JSON report does not match schemas/report.schema.json"
}

# write_config FILE URL [EXTRA-YAML-LINES]: a pushgate.yaml asking OPA at URL.
write_config() {
  local file=$1 url=$2
  shift 2
  {
    printf 'version: 1\nopa:\n  url: %s\n  token_file: %s\n' "$url" "$SERVERS_DIR/opa.token"
    printf '%s\n' "$@"
  } >"$file"
}

make_tree() {
  mkdir -p tree/apps
  cat >tree/apps/web.yaml <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: web
          image: web:latest
YAML
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n' >tree/apps/config.yaml
}

check_reports_policy_findings_at_the_field() {
  make_tree
  write_config pushgate.yaml "http://127.0.0.1:$STANDIN_PORT" '  decisions: [kubernetes/deny]'
  run_pushgate check --config pushgate.yaml tree
  expect_status 1
  expect_stdout_finding apps/web.yaml:12:18 opa/kubernetes-deny
  grep -qF 'image web:latest uses the mutable tag :latest; pin a version' "$CASE_DIR/stdout.txt" ||
    fail "the policy's message is not shown"
  # And the same tree, fixed, passes.
  sed -i 's/web:latest/web:1.4.2/' tree/apps/web.yaml
  run_pushgate check --config pushgate.yaml tree
  expect_status 0
}

check_json_report_keeps_the_contract() {
  make_tree
  write_config pushgate.yaml "http://127.0.0.1:$STANDIN_PORT" '  decisions: [kubernetes/deny]'
  run_pushgate check --format json --config pushgate.yaml tree
  expect_status 1
  json_assert "$CASE_DIR/stdout" \
    '[(f["rule"], f["line"], f["column"], f["json_path"], f["object"]) for f in doc["findings"] if f["rule"].startswith("opa/")] == [("opa/kubernetes-deny", 12, 18, "spec.template.spec.containers[0].image", "apps/v1/Deployment/shop/web")]' \
    "one OPA finding with its field, json_path and object"
  validate_report_schema "$CASE_DIR/stdout"
}

conftest_mode_reads_the_package() {
  mkdir -p tree
  printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n' >tree/pod.yaml
  write_config pushgate.yaml "http://127.0.0.1:$STANDIN_PORT" '  mode: conftest'
  run_pushgate check --config pushgate.yaml tree
  expect_status 1
  expect_stdout_finding pod.yaml:1:1 opa/main-deny
}

server_down_fails_closed_or_warns() {
  make_tree
  local port
  port=$(servers_free_port)  # nothing listens there
  write_config reject.yaml "http://127.0.0.1:$port" '  decisions: [kubernetes/deny]'
  run_pushgate check --config reject.yaml tree
  expect_status 1
  expect_stdout_finding apps/config.yaml:1:1 opa/unavailable
  grep -qF "cannot connect to OPA at http://127.0.0.1:$port" "$CASE_DIR/stdout.txt" ||
    fail "the reason is not given"
  write_config warn.yaml "http://127.0.0.1:$port" '  decisions: [kubernetes/deny]' \
    '  on_error: warn'
  run_pushgate check --config warn.yaml tree
  expect_status 0
  expect_stdout_finding apps/config.yaml:1:1 opa/unavailable warning
}

http_errors_and_undefined_decisions_fail_closed() {
  make_tree
  write_config broken.yaml "http://127.0.0.1:$STANDIN_PORT" '  decisions: [broken/deny]'
  run_pushgate check --config broken.yaml tree
  expect_status 1
  grep -qF 'answered HTTP 500 for broken/deny: internal_error: eval_conflict_error' \
    "$CASE_DIR/stdout.txt" || fail "OPA's error message is not shown"
  write_config typo.yaml "http://127.0.0.1:$STANDIN_PORT" '  decisions: [kubernetes/dney]'
  run_pushgate check --config typo.yaml tree
  expect_status 1
  expect_stdout_finding apps/web.yaml:1:1 opa/bad-result
}

wrong_token_is_a_clear_failure() {
  make_tree
  printf 'wrong\n' >wrong.token
  printf 'version: 1\nopa:\n  url: http://127.0.0.1:%s\n  decisions: [kubernetes/deny]\n  token_file: wrong.token\n' \
    "$STANDIN_PORT" >pushgate.yaml
  run_pushgate check --config pushgate.yaml tree
  expect_status 1
  grep -qF 'HTTP 401 for kubernetes/deny: unauthorized: missing or invalid bearer token; check opa.token_file' \
    "$CASE_DIR/stdout.txt" || fail "no clear 401 message"
  if grep -qF 'wrong' "$CASE_DIR/stdout.txt"; then fail "the token was printed"; fi
}

config_errors_are_exit_2() {
  mkdir -p empty
  printf 'version: 1\nopa:\n  url: ftp://127.0.0.1\n  decisions: [kubernetes/deny]\n' >bad.yaml
  run_pushgate check --config bad.yaml empty
  expect_status 2
  expect_stdout_finding bad.yaml:3:8 config/invalid
}

push_is_rejected_by_policy() {
  bare_repo "$CASE_ID"
  write_config "$BARE/pushgate.yaml" "http://127.0.0.1:$STANDIN_PORT" \
    '  decisions: [kubernetes/deny]'
  clone "$CASE_ID" file
  add_file apps/web.yaml <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: web:latest
YAML
  commit "web on latest"
  push origin main
  expect_push_rejected
  expect_finding apps/web.yaml:10:18 opa/kubernetes-deny
  expect_ref refs/heads/main ""
  sed -i 's/web:latest/web:1.4.2/' apps/web.yaml
  git add apps/web.yaml
  commit "pin web"
  push origin main
  expect_push_ok
}

push_input_names_the_pusher_repository_and_ref() {
  bare_repo "$CASE_ID"
  write_config "$BARE/pushgate.yaml" "http://127.0.0.1:$STANDIN_PORT" '  decisions: [audit/deny]'
  clone "$CASE_ID" file
  add_file apps/config.yaml <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
YAML
  commit "a config map"
  export REMOTE_USER=alice  # what a web server sets for smart HTTP; the hook reads it
  push origin main
  expect_push_rejected
  expect_finding apps/config.yaml:1:1 opa/audit-deny
  expect_output_contains "pushed by alice to $CASE_ID.git on refs/heads/main"
}

run_case "check reports a policy's finding at the field it names" check_reports_policy_findings_at_the_field
run_case "the JSON report of OPA findings keeps the report contract" check_json_report_keeps_the_contract
run_case "conftest mode reads deny/violation/warn of the package" conftest_mode_reads_the_package
run_case "a server that is down fails closed, or warns with on_error: warn" server_down_fails_closed_or_warns
run_case "HTTP 500 and undefined decisions fail closed" http_errors_and_undefined_decisions_fail_closed
run_case "a wrong token is a clear failure and is never printed" wrong_token_is_a_clear_failure
run_case "a bad opa section is a configuration error" config_errors_are_exit_2
run_case "a push is rejected by policy through the pre-receive hook" push_is_rejected_by_policy
run_case "the hook tells OPA who pushed, where and which ref" push_input_names_the_pusher_repository_and_ref

# --------------------------------------------------------------------------- a real OPA
if ! command -v opa >/dev/null 2>&1; then
  echo "SKIP real OPA cases: no \`opa\` binary on PATH (install it from https://www.openpolicyagent.org/docs/latest/#running-opa and re-run; see docs/opa.md)"
  it_finish
fi

OPA_PORT=$(servers_free_port)
mkdir -p "$SERVERS_DIR/policies"
cat >"$SERVERS_DIR/policies/kubernetes.rego" <<'REGO'
package kubernetes

import rego.v1

deny contains {"msg": msg, "field": sprintf("spec.template.spec.containers[%d].image", [i])} if {
	some i
	image := input.resource.spec.template.spec.containers[i].image
	endswith(image, ":latest")
	msg := sprintf("image %s uses the mutable tag :latest; pin a version", [image])
}
REGO
cat >"$SERVERS_DIR/policies/main.rego" <<'REGO'
package main

import rego.v1

deny contains "pods must be managed by a controller" if input.kind == "Pod"

warn contains msg if {
	not input.metadata.labels.team
	msg := sprintf("%s %s has no team label", [input.kind, input.metadata.name])
}
REGO
opa run --server --addr "127.0.0.1:$OPA_PORT" "$SERVERS_DIR/policies" >"$SERVERS_DIR/opa.log" 2>&1 &
servers_track_pid $!
servers_wait_port "$OPA_PORT" "$SERVERS_DIR/opa.log" || it_abort "opa run --server did not start"

real_opa_pushgate_mode() {
  make_tree
  printf 'version: 1\nopa:\n  url: http://127.0.0.1:%s\n  decisions: [kubernetes/deny]\n' \
    "$OPA_PORT" >pushgate.yaml
  run_pushgate check --config pushgate.yaml tree
  expect_status 1
  expect_stdout_finding apps/web.yaml:12:18 opa/kubernetes-deny
}

real_opa_conftest_mode() {
  mkdir -p tree
  printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n' >tree/pod.yaml
  printf 'version: 1\nopa:\n  url: http://127.0.0.1:%s\n  mode: conftest\n' "$OPA_PORT" >pushgate.yaml
  run_pushgate check --config pushgate.yaml tree
  expect_status 1
  expect_stdout_finding pod.yaml:1:1 opa/main-deny
  expect_stdout_finding pod.yaml:1:1 opa/main-warn warning
}

run_case "real opa: pushgate mode" real_opa_pushgate_mode
run_case "real opa: conftest mode" real_opa_conftest_mode
it_finish
