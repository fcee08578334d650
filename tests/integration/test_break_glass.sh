#!/usr/bin/env bash
# Break-glass bypass (`bypass:`), the audit log (`audit:`) and a configured pusher variable
# (`pusher:`) over real pushes into real bare repositories. Over file:// the hook inherits the
# pusher's environment, which stands in for the variable a server platform sets (GL_USER for
# gitolite); `git push -o` works because `pushgate install` sets receive.advertisePushOptions.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

audit_schema="$PUSHGATE_SOURCE_DIR/schemas/audit-line.schema.json"

# server_config: stdin becomes the bare repository's pushgate.yaml (after `version: 1`).
server_config() {
  { echo "version: 1"; cat; } >"$BARE/pushgate.yaml"
}

commit_file() {
  printf '%s\n' "$2" | add_file "$1"
  commit "$2"
}

short() { git rev-parse --short=7 "$1"; }

# force_push_setup: main protected against force pushes, a bypass for alice on main, an audit
# log at $AUDIT; leaves a rewritten main in the clone and sets SECOND (the server's main).
force_push_setup() {
  repo_with_base file
  AUDIT="$CASE_DIR/audit.jsonl"
  server_config <<EOF2
refs:
  - match: refs/heads/**
    protect: {deny_non_fast_forward: true}
bypass:
  users: [alice]
  refs: [refs/heads/main]
audit:
  file: $AUDIT
EOF2
  commit_file notes.txt "second"
  GL_USER=alice push origin main
  expect_push_ok
  SECOND=$(git rev-parse HEAD)
  git reset -q --hard "$BASE"
  commit_file notes.txt "rewritten"
}

# audit_lines_valid: every line of $AUDIT is one JSON object valid against the audit schema.
audit_lines_valid() {
  python3 - "$audit_schema" "$AUDIT" <<'PY' || fail "audit log lines are not valid"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft7Validator(schema)
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
if lines[-1] != "":
    sys.exit("the audit log does not end with a newline")
for n, line in enumerate(lines[:-1], 1):
    doc = json.loads(line)
    errors = list(validator.iter_errors(doc))
    if errors:
        sys.exit(f"line {n}: {errors[0].message}\n{line}")
PY
}

# last_audit_line: the last line of $AUDIT, for json_assert.
last_audit_line() {
  tail -n 1 "$AUDIT" >"$CASE_DIR/last-audit.json"
  echo "$CASE_DIR/last-audit.json"
}

bypass_by_allowed_user() {
  force_push_setup
  local rewritten
  rewritten=$(git rev-parse HEAD)

  # Without the option: rejected, and the last line says how to ask for a bypass.
  GL_USER=alice push --force origin main
  expect_push_rejected
  expect_finding "refs/heads/main $(short HEAD)" git/non-fast-forward
  [ "$(tail -n 1 "$CASE_DIR/remote.txt")" = \
    'in an emergency, a user listed in bypass.users can push with -o pushgate.bypass="reason" (recorded)' ] ||
    fail "the last remote line is not the bypass hint"
  expect_ref refs/heads/main "$SECOND"

  GL_USER=alice push --force -o 'pushgate.bypass=INC-42 roll back the ingress' origin main
  expect_push_ok
  expect_ref refs/heads/main "$rewritten"
  expect_remote_line "pushgate: accepted refs/heads/main (0 errors, 2 warnings) in N ms"
  expect_finding "refs/heads/main $(short HEAD)" git/non-fast-forward warning
  expect_finding "refs/heads/main $(short HEAD)" git/bypass warning
  expect_output_contains 'accepted under bypass by alice, reason: "INC-42 roll back the ingress"; 1 error reported as warnings'

  audit_lines_valid
  json_assert "$(last_audit_line)" 'doc["decision"] == "accept" and doc["pusher"] == "alice" and doc["pusher_source"] == "GL_USER" and doc["bypass"] == {"granted": True, "reason": "INC-42 roll back the ingress", "errors_bypassed": 1} and doc["counts"] == {"errors": 0, "warnings": 2, "infos": 0} and doc["rules"] == ["git/bypass", "git/non-fast-forward"]'
  [ "$(wc -l <"$AUDIT")" -eq 3 ] || fail "expected 3 audit lines (accept, reject, bypass), got $(wc -l <"$AUDIT")"
}

bypass_by_disallowed_user() {
  force_push_setup
  GL_USER=mallory push --force -o 'pushgate.bypass=trust me' origin main
  expect_push_rejected
  expect_ref refs/heads/main "$SECOND"
  expect_finding "refs/heads/main $(short HEAD)" git/non-fast-forward
  expect_finding pushgate git/bypass
  expect_output_contains "bypass refused: mallory (from GL_USER) is not listed in \`bypass.users\`"
  audit_lines_valid
  json_assert "$(last_audit_line)" 'doc["decision"] == "reject" and doc["pusher"] == "mallory" and doc["bypass"] == {"granted": False, "reason": "trust me", "errors_bypassed": 0}'
}

bypass_refused_without_reason_or_pusher() {
  force_push_setup
  GL_USER=alice push --force -o pushgate.bypass origin main
  expect_push_rejected
  expect_output_contains 'bypass refused: a bypass needs a reason: git push -o pushgate.bypass="why this cannot wait"'
  expect_ref refs/heads/main "$SECOND"

  push --force -o 'pushgate.bypass=urgent' origin main
  expect_push_rejected
  expect_output_contains "bypass refused: cannot tell who pushed"
  expect_output_contains "GL_USER"
  expect_ref refs/heads/main "$SECOND"
  audit_lines_valid
  json_assert "$(last_audit_line)" 'doc["pusher"] is None and doc["decision"] == "reject"'
}

# Issue 11: over file:// the hook inherits the pusher's environment. Exporting git's push
# certificate variables, even with a crafted certificate blob that matches the push written into
# the repository (a file:// pusher can write objects), is no signed push: alice's bypass is not
# granted, and the audit line says the certificate was untrusted and the transport local.
bypass_with_forged_push_certificate() {
  force_push_setup
  GIT_PUSH_CERT_KEY=alice GIT_PUSH_CERT_STATUS=G GIT_PUSH_CERT_NONCE_STATUS=OK \
    push --force -o 'pushgate.bypass=forged' origin main
  expect_push_rejected
  expect_output_contains "bypass refused: cannot tell who pushed"
  expect_ref refs/heads/main "$SECOND"
  audit_lines_valid
  json_assert "$(last_audit_line)" 'doc["pusher"] is None and doc["pusher_source"] is None and doc["push_certificate"] == "untrusted" and doc["transport"] == "local" and doc["decision"] == "reject" and doc["bypass"]["granted"] == False'

  local nonce="1700000000-0123456789abcdef" cert
  cert=$(printf 'certificate version 0.1\npusher alice <alice@example.com> 1700000000 +0000\npushee %s\nnonce %s\n\n%s %s refs/heads/main\n-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n' \
    "file://$BARE" "$nonce" "$SECOND" "$(git rev-parse HEAD)" | git --git-dir="$BARE" hash-object -w --stdin)
  GIT_PUSH_CERT=$cert GIT_PUSH_CERT_KEY=alice GIT_PUSH_CERT_STATUS=G GIT_PUSH_CERT_NONCE="$nonce" \
    GIT_PUSH_CERT_NONCE_STATUS=OK push --force -o 'pushgate.bypass=forged' origin main
  expect_push_rejected
  expect_output_contains "bypass refused: cannot tell who pushed"
  expect_ref refs/heads/main "$SECOND"
  json_assert "$(last_audit_line)" 'doc["pusher"] is None and doc["push_certificate"] == "untrusted" and doc["bypass"]["granted"] == False'

  # A platform's variable still names the pusher beside forged certificate variables.
  GL_USER=alice GIT_PUSH_CERT_KEY=mallory GIT_PUSH_CERT_STATUS=G GIT_PUSH_CERT_NONCE_STATUS=OK \
    push --force -o 'pushgate.bypass=INC-7' origin main
  expect_push_ok
  json_assert "$(last_audit_line)" 'doc["pusher"] == "alice" and doc["pusher_source"] == "GL_USER" and doc["transport"] == "gitolite" and doc["push_certificate"] == "untrusted"'
}

bypass_only_on_listed_refs() {
  force_push_setup
  git push -q origin "$SECOND:refs/heads/topic"
  GL_USER=alice push --force -o 'pushgate.bypass=urgent' origin HEAD:refs/heads/topic
  expect_push_rejected
  expect_output_contains "bypass refused for refs/heads/topic: it is not listed in \`bypass.refs\`"
  expect_ref refs/heads/topic "$SECOND"
}

# Without a `bypass:` section the option is refused, and no hint is shown.
bypass_not_configured() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    protect: {deny_non_fast_forward: true}
EOF2
  commit_file notes.txt "second"
  push origin main
  expect_push_ok
  git reset -q --hard "$BASE"
  commit_file notes.txt "rewritten"
  GL_USER=alice push --force -o 'pushgate.bypass=urgent' origin main
  expect_push_rejected
  expect_output_contains "bypass refused: this server has no \`bypass:\` section"
  if grep -q "in an emergency" "$CASE_DIR/remote.txt"; then fail "a bypass hint without bypass:"; fi
}

# 20 pushes at once to 20 branches of one repository: 20 whole, valid lines, one per push.
audit_concurrent_pushes() {
  repo_with_base file
  AUDIT="$CASE_DIR/audit.jsonl"
  server_config <<EOF2
audit:
  file: $AUDIT
EOF2
  local i
  for i in $(seq 1 20); do
    git switch -q -c "b$i" "$BASE"
    if [ $((i % 2)) -eq 0 ]; then
      printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b%s\n  name: again\n' "$i" |
        add_file "apps/b$i.yaml"
    else
      printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b%s\n' "$i" | add_file "apps/b$i.yaml"
    fi
    commit "branch $i"
  done
  local pids=()
  for i in $(seq 1 20); do
    GL_USER="pusher$i" git push -q origin "b$i" >"$CASE_DIR/push-$i.out" 2>&1 &
    pids+=("$!")
  done
  local status=0
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || status=$((status + 1)); done
  [ "$status" -eq 10 ] || fail "expected the 10 broken branches to be rejected, $status pushes failed"
  audit_lines_valid
  python3 - "$AUDIT" "$BARE" <<'PY' || fail "the audit log does not hold one right line per push"
import json, os, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
lines = [l for l in lines if l["refs"] and l["refs"][0]["ref"].startswith("refs/heads/b")]
if len(lines) != 20:
    sys.exit(f"expected 20 lines for the branch pushes, got {len(lines)}")
seen = set()
for l in lines:
    ref = l["refs"][0]
    i = int(ref["ref"][len("refs/heads/b"):])
    seen.add(i)
    want = "reject" if i % 2 == 0 else "accept"
    assert len(l["refs"]) == 1, l
    assert l["decision"] == want and ref["decision"] == want, l
    assert l["pusher"] == f"pusher{i}" and l["pusher_source"] == "GL_USER", l
    assert l["repository"] == os.path.realpath(sys.argv[2]), (l["repository"], sys.argv[2])
    assert ref["old"] == "0" * 40 and len(ref["new"]) == 40, l
    assert l["hook"] == "pre-receive", l
    if want == "reject":
        assert l["rules"] == ["yaml/duplicate-key"] and l["counts"]["errors"] == 1, l
    else:
        assert l["rules"] == [] and l["counts"] == {"errors": 0, "warnings": 0, "infos": 0}, l
    assert l["bypass"] is None and isinstance(l["duration_ms"], int), l
if seen != set(range(1, 21)):
    sys.exit(f"missing branches: {sorted(set(range(1, 21)) - seen)}")
PY
}

# A push that changes nothing pushgate reads is still recorded.
audit_records_quiet_accepts() {
  repo_with_base file
  AUDIT="$CASE_DIR/audit.jsonl"
  server_config <<EOF2
audit: {file: $AUDIT}
EOF2
  commit_file README.md "readme"
  push origin main
  expect_push_ok
  [ ! -s "$CASE_DIR/remote.txt" ] || fail "expected no output for a push with nothing to check"
  audit_lines_valid
  json_assert "$(last_audit_line)" 'doc["decision"] == "accept" and doc["refs"][0]["ref"] == "refs/heads/main" and doc["pusher"] is None'
}

# An audit log that cannot be written rejects (fail closed), or warns with on_error: warn.
audit_failure_fails_closed() {
  repo_with_base file
  server_config <<EOF2
audit: {file: $CASE_DIR/missing/audit.jsonl}
EOF2
  commit_file notes.txt "more"
  push origin main
  expect_push_rejected
  expect_finding pushgate internal/audit-log
  expect_output_contains "the push is rejected because audit.on_error is reject (fail closed)"
  expect_ref refs/heads/main "$BASE"

  server_config <<EOF2
audit: {file: $CASE_DIR/missing/audit.jsonl, on_error: warn}
EOF2
  push origin main
  expect_push_ok
  expect_finding pushgate internal/audit-log warning
  expect_ref refs/heads/main "$(git rev-parse HEAD)"
}

# The update hook decides per ref, and records one line per ref it judged.
audit_update_hook() {
  repo_with_base file
  AUDIT="$CASE_DIR/audit.jsonl"
  server_config <<EOF2
audit: {file: $AUDIT}
EOF2
  rm "$BARE/hooks/pre-receive"
  printf '#!/bin/sh\nexec "%s" hook update "$@"\n' "$PUSHGATE_BIN" >"$BARE/hooks/update"
  chmod +x "$BARE/hooks/update"
  git switch -q -c good "$BASE"
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\n' | add_file apps/good.yaml
  commit "good"
  git switch -q -c bad "$BASE"
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n' | add_file apps/bad.yaml
  commit "bad"
  GL_USER=carol push origin good bad
  expect_ref refs/heads/good "$(git rev-parse good)"
  expect_ref refs/heads/bad ""
  audit_lines_valid
  python3 - "$AUDIT" <<'PY' || fail "expected one update-hook line per ref"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
got = sorted((l["hook"], l["refs"][0]["ref"], l["decision"], l["pusher"]) for l in lines)
want = [("update", "refs/heads/bad", "reject", "carol"), ("update", "refs/heads/good", "accept", "carol")]
assert got == want, got
PY
}

# `pusher: {variable: NAME}`: NAME is the only variable read.
configured_pusher_variable() {
  repo_with_base file
  server_config <<'EOF2'
pusher: {variable: GATE_USER}
refs:
  - match: refs/heads/release/**
    protect: {deny_creation: true, creators: [release-bot]}
EOF2
  GL_USER=release-bot push origin HEAD:refs/heads/release/1
  expect_push_rejected
  expect_output_contains "the server must set one of GATE_USER (pusher.variable in the config)"
  expect_ref refs/heads/release/1 ""

  GATE_USER=alice push origin HEAD:refs/heads/release/1
  expect_push_rejected
  expect_output_contains "creating refs/heads/release/1 is not allowed for alice"

  GATE_USER=release-bot push origin HEAD:refs/heads/release/1
  expect_push_ok
  expect_ref refs/heads/release/1 "$BASE"
}

run_case "bypass: an allowed user's force push is accepted with warnings, the reason and a record" bypass_by_allowed_user
run_case "bypass: a user not in bypass.users is refused and the push stays rejected" bypass_by_disallowed_user
run_case "bypass: refused without a reason or without a pusher" bypass_refused_without_reason_or_pusher
run_case "bypass: forged push certificate variables over file:// grant nothing" bypass_with_forged_push_certificate
run_case "bypass: refs outside bypass.refs stay rejected" bypass_only_on_listed_refs
run_case "bypass: refused when the server has no bypass section" bypass_not_configured
run_case "audit: 20 concurrent pushes, 20 whole valid lines" audit_concurrent_pushes
run_case "audit: a push with nothing to check is recorded quietly" audit_records_quiet_accepts
run_case "audit: a log that cannot be written rejects, or warns with on_error: warn" audit_failure_fails_closed
run_case "audit: the update hook records one line per ref" audit_update_hook
run_case "pusher.variable: only the configured variable names the pusher" configured_pusher_variable
it_finish
