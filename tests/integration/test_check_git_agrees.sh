#!/usr/bin/env bash
# `pushgate check --git A..B` and a real push of the same commits run one gate (core/gate): the
# same git rules (`refs:` commit and file rules) and the same file rules, so CI and the server
# agree. Each case pushes a range into a real bare repository whose pre-receive writes its JSON
# report, runs `check --git` on the same range in the clone with the server's config, and compares
# the findings (rule, severity, path, line, ref, commit, message). Nobody pushes in CI: a rule that
# needs the pusher reports a notice there instead of passing silently.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

server_config() {
  { echo "version: 1"; cat; } >"$BARE/pushgate.yaml"
}

# json_hook_repo: a bare repository (named after the case) whose pre-receive is pushgate writing
# its JSON report to $CASE_DIR/push.json, cloned over file://, with one good commit; sets BARE,
# CLONE and BASE.
json_hook_repo() {
  cat >"$CASE_DIR/pre-receive" <<EOF2
#!/bin/sh
exec "$PUSHGATE_BIN" hook pre-receive --format json 2>"$CASE_DIR/push.json"
EOF2
  bare_repo_with_hook "$CASE_ID" "$CASE_DIR/pre-receive"
  clone "$CASE_ID" file
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base\ndata:\n  a: "1"\n' |
    add_file base/config.yaml
  commit "feat: a good config map"
  push origin main
  expect_push_ok
  BASE=$(git rev-parse HEAD)
}

# same_findings PUSH-JSON CHECK-JSON: the two reports have the same findings, and at least one.
same_findings() {
  python3 - "$1" "$2" <<'PY' || fail "check --git and the push disagree"
import json, sys
def findings(path):
    with open(path) as f:
        doc = json.load(f)
    return sorted((x["rule"], x["severity"], x["path"], x["line"], x.get("ref", ""),
                   x.get("commit", ""), x["message"]) for x in doc["findings"])
push, check = findings(sys.argv[1]), findings(sys.argv[2])
for name, got in (("push", push), ("check --git", check)):
    print(name + ":")
    for f in got: print("  ", f)
if not push: sys.exit("the push reported nothing: the case proves nothing")
sys.exit(0 if push == check else 1)
PY
}

# A range with a bad commit message, a forbidden file, a too-large blob and a broken manifest:
# rejected by the push, and exactly the same findings from `check --git` (exit 1).
commit_file_and_manifest_rules() {
  json_hook_repo
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    commits:
      message_must_match: ['^(feat|fix|docs|chore): \S']
    files: {max_blob_size: 1KiB, forbidden_paths: ['**/*.pem']}
EOF2
  printf 'not a key\n' | add_file certs/tls.pem
  commit "add a key"
  head -c 4096 /dev/zero | tr '\0' 'x' | add_file dump.sql
  commit "chore: a dump"
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n' | add_file base/bad.yaml
  commit "fix: a broken manifest"
  push origin main
  expect_push_rejected
  expect_ref refs/heads/main "$BASE"
  run_pushgate check --git "$BASE..HEAD" --ref refs/heads/main --config "$BARE/pushgate.yaml" \
    --format json
  expect_status 1
  json_assert "$CASE_DIR/stdout" \
    '{"git/commit-message", "git/forbidden-path", "git/blob-size"} <= {f["rule"] for f in doc["findings"]}' \
    "the git rules ran in check --git"
  json_assert "$CASE_DIR/stdout" \
    'any(not f["rule"].startswith("git/") for f in doc["findings"])' "the file rules ran too"
  same_findings "$CASE_DIR/push.json" "$CASE_DIR/stdout"
}

# The ref decides which `refs:` entry applies: without --ref, check --git takes the branch HEAD
# is on; the same range as an update of another branch is judged by that branch's entry.
ref_selects_the_rules() {
  json_hook_repo
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    commits: {subject_max_length: 10}
EOF2
  printf 'x\n' | add_file x.txt
  commit "a subject longer than ten"
  push origin main
  expect_push_rejected
  run_pushgate check --git "$BASE..HEAD" --config "$BARE/pushgate.yaml" --format json
  expect_status 1
  same_findings "$CASE_DIR/push.json" "$CASE_DIR/stdout"
  run_pushgate check --git "$BASE..HEAD" --ref feature --config "$BARE/pushgate.yaml"
  expect_status 0
  git checkout -q --detach
  run_pushgate check --git "$BASE..HEAD" --config "$BARE/pushgate.yaml"
  expect_status 0
  expect_stdout_finding pushgate internal/no-ref info
}

# Rules that need the pusher: the server fails closed when it cannot tell who pushed; check --git
# cannot know who will push, so it says the rule was not checked (a notice, exit 0) rather than
# passing silently or rejecting what a server that knows the pusher may accept.
pusher_rules_are_notices() {
  json_hook_repo
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    commits: {committer_is_pusher: true}
  - match: refs/heads/release/*
    protect: {deny_creation: true, creators: [alice]}
EOF2
  printf 'x\n' | add_file x.txt
  commit "feat: x"
  push origin main
  expect_push_rejected
  run_pushgate check --git "$BASE..HEAD" --ref refs/heads/main --config "$BARE/pushgate.yaml"
  expect_status 0
  expect_stdout_finding "refs/heads/main $(git rev-parse --short=7 HEAD)" \
    git/committer-is-pusher info
  grep -q "depends on who pushes, which only the server knows" "$CASE_DIR/stdout.txt" ||
    fail "the notice does not say why the rule was not checked"
  # A root commit is a ref's creation; only the listed creators may create release branches.
  run_pushgate check --git "$BASE" --ref refs/heads/release/1 --config "$BARE/pushgate.yaml"
  expect_status 0
  expect_stdout_finding "refs/heads/release/1 $(git rev-parse --short=7 "$BASE")" \
    git/ref-creation info
}

run_case "commit, file and manifest rules: check --git finds what the push finds" \
  commit_file_and_manifest_rules
run_case "the ref selects the refs: entry; a detached HEAD says the git rules did not run" \
  ref_selects_the_rules
run_case "rules that need the pusher are notices in check --git" pusher_rules_are_notices
it_finish
