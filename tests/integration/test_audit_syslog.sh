#!/usr/bin/env bash
# `audit.syslog: true` over real pushes: a python3 listener bound to a temporary Unix datagram
# socket (`audit.syslog_socket`) receives one RFC 3164 datagram per decision, facility auth,
# notice for an accept and warning for a reject, carrying the audit line; a socket nobody listens
# on rejects the push (audit.on_error: reject) or warns (on_error: warn).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

audit_schema="$PUSHGATE_SOURCE_DIR/schemas/audit-line.schema.json"

server_config() {
  { echo "version: 1"; cat; } >"$BARE/pushgate.yaml"
}

commit_file() {
  printf '%s\n' "$2" | add_file "$1"
  commit "$2"
}

# check_datagrams: $RECEIVED holds exactly the datagrams described by the Python list EXPECTED of
# (priority, decision) pairs, in order, each RFC 3164-shaped with a schema-valid audit line.
check_datagrams() {
  python3 - "$RECEIVED" "$audit_schema" "$1" <<'PY' || fail "syslog datagrams do not match"
import json, re, sys
import jsonschema
received, schema_path, expected = sys.argv[1], sys.argv[2], eval(sys.argv[3])
schema = json.load(open(schema_path, encoding="utf-8"))
lines = [json.loads(l) for l in open(received, encoding="utf-8")]
if len(lines) != len(expected):
    sys.exit(f"expected {len(expected)} datagrams, got {len(lines)}: {lines}")
shape = re.compile(r"<(\d+)>(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 1-3]\d "
                   r"\d\d:\d\d:\d\d pushgate\[(\d+)\]: (\{.*\})")
for datagram, (priority, decision) in zip(lines, expected):
    m = shape.fullmatch(datagram)
    if not m:
        sys.exit(f"not an RFC 3164 pushgate datagram: {datagram!r}")
    if int(m.group(1)) != priority:
        sys.exit(f"priority {m.group(1)}, expected {priority}: {datagram!r}")
    doc = json.loads(m.group(4))
    jsonschema.validate(doc, schema)
    if doc["decision"] != decision:
        sys.exit(f"decision {doc['decision']}, expected {decision}: {datagram!r}")
PY
}

one_datagram_per_decision() {
  repo_with_base file
  start_listener
  server_config <<EOF2
refs:
  - match: refs/heads/main
    protect: {deny_non_fast_forward: true}
audit: {syslog: true, syslog_socket: $SOCKET}
EOF2
  commit_file notes.txt "accepted"
  push origin main
  expect_push_ok
  local accepted
  accepted=$(git rev-parse HEAD)
  git reset -q --hard "$BASE"
  commit_file notes.txt "rewritten"
  push --force origin main
  expect_push_rejected
  expect_finding "refs/heads/main $(git rev-parse --short=7 HEAD)" git/non-fast-forward
  expect_ref refs/heads/main "$accepted"
  sleep 0.2  # let the listener write what it received
  stop_listener
  # auth (4) * 8 + notice (5) = 37 for the accept; + warning (4) = 36 for the reject.
  check_datagrams '[(37, "accept"), (36, "reject")]'
}

undeliverable_fails_closed() {
  repo_with_base file
  start_listener
  stop_listener  # the socket path is gone: nobody listens
  server_config <<EOF2
audit: {syslog: true, syslog_socket: $SOCKET}
EOF2
  commit_file notes.txt "more"
  push origin main
  expect_push_rejected
  expect_finding pushgate internal/audit-log
  expect_output_contains "cannot connect to the syslog socket $SOCKET"
  expect_output_contains "the push is rejected because audit.on_error is reject (fail closed)"
  expect_ref refs/heads/main "$BASE"

  server_config <<EOF2
audit: {syslog: true, syslog_socket: $SOCKET, on_error: warn}
EOF2
  push origin main
  expect_push_ok
  expect_finding pushgate internal/audit-log warning
  expect_ref refs/heads/main "$(git rev-parse HEAD)"
}

run_case "audit syslog: one RFC 3164 datagram per decision on the configured socket" one_datagram_per_decision
run_case "audit syslog: an undeliverable datagram rejects, or warns with on_error: warn" undeliverable_fails_closed
it_finish
