#!/usr/bin/env bash
# Many servers, one policy (docs/scaling.md): two bare "replicas", each with its own pushgate
# hook reading one shared config file (as a read-only mount or a config-management push would
# give them), are fed the same pushes and decide identically; each keeps its own object index;
# every decision of both reaches the central log — through a python3 Unix datagram socket standing
# in for the local daemon, and through the real rsyslogd configured with docs/scaling.md's
# forwarding block, handing each line over TCP to a second rsyslogd as the central collector —
# and with the daemon down each replica fails closed (audit.on_error: reject) or warns (warn) —
# the same way on both, never silently.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

# The shared policy: one file both replicas' hooks name with --config.
shared_config() {
  { echo "version: 1"; cat; } >"$SHARED/pushgate.yaml"
}

# push_both ARGS...: the same push to both replicas; records each one's remote lines (the
# replica's path replaced by REPLICA) and exit status in $CASE_DIR/<replica>.<n>.
PUSH_NUMBER=0
push_both() {
  PUSH_NUMBER=$((PUSH_NUMBER + 1))
  local replica
  for replica in a b; do
    push "$@" "$replica" HEAD:main
    { echo "exit $PUSH_STATUS"; sed "s|$SERVERS_DIR/repos/$CASE_ID-$replica.git|REPLICA|g" \
      "$CASE_DIR/remote.txt"; } >"$CASE_DIR/$replica.$PUSH_NUMBER"
  done
  diff -u "$CASE_DIR/a.$PUSH_NUMBER" "$CASE_DIR/b.$PUSH_NUMBER" >&2 ||
    fail "the replicas decided push $PUSH_NUMBER differently"
}

expect_both() {
  grep -qx "exit $1" "$CASE_DIR/a.$PUSH_NUMBER" || fail "push $PUSH_NUMBER: expected exit $1"
}

# replicas SINK: SINK is listener (the python3 stand-in) or rsyslog (the real daemons).
replicas() {
  local sink=$1
  SHARED="$CASE_DIR/shared"
  mkdir -p "$SHARED"
  "start_$sink"
  shared_config <<EOF2
refs:
  - match: refs/heads/main
    protect: {deny_non_fast_forward: true}
audit: {syslog: true, syslog_socket: $SOCKET}
EOF2
  chmod -R a-w "$SHARED"  # read-only to the hooks, as a shared mount would be
  local replica
  for replica in a b; do
    git init -q --bare -b main "$SERVERS_DIR/repos/$CASE_ID-$replica.git"
    "$PUSHGATE_BIN" install --repo "$SERVERS_DIR/repos/$CASE_ID-$replica.git" \
      --config "$SHARED/pushgate.yaml" >/dev/null || fail "install on replica $replica failed"
  done
  mkdir "$CASE_DIR/clone" && cd "$CASE_DIR/clone" && git init -q -b main
  git remote add a "$SERVERS_DIR/repos/$CASE_ID-a.git"
  git remote add b "$SERVERS_DIR/repos/$CASE_ID-b.git"

  add_file apps/app.yaml <<'EOF2'
apiVersion: v1
kind: ConfigMap
metadata:
  name: app
EOF2
  commit "a good config map"
  push_both
  expect_both 0
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: y\n' | add_file apps/bad.yaml
  commit "metadata.name twice"
  push_both
  expect_both 1
  git reset -q --hard HEAD~1
  printf 'x: 1\n' | add_file notes.yaml
  git commit -q --amend -m "rewritten history"
  push_both --force
  expect_both 1
  grep -q 'git/non-fast-forward' "$CASE_DIR/a.$PUSH_NUMBER" || fail "expected git/non-fast-forward"
  git reset -q --hard a/main
  printf 'y: 1\n' | add_file more.yaml
  commit "another good one"
  push_both
  expect_both 0
  for replica in a b; do
    [ -s "$SERVERS_DIR/repos/$CASE_ID-$replica.git/pushgate/object-index" ] ||
      fail "replica $replica has no object index of its own"
  done
  [ "$(git -C "$SERVERS_DIR/repos/$CASE_ID-a.git" rev-parse main)" = \
    "$(git -C "$SERVERS_DIR/repos/$CASE_ID-b.git" rev-parse main)" ] || fail "the replicas differ"
  sleep 0.2
  "stop_$sink"
  # 4 decisions per replica, in the same order, equal but for the repository, time and duration.
  python3 - "$RECEIVED" "$SERVERS_DIR/repos/$CASE_ID" <<'PY' || fail "syslog lines of the replicas differ"
import json, re, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
by = {"a": [], "b": []}
for datagram in lines:
    m = re.fullmatch(r"<(\d+)>.{15} pushgate\[\d+\]: (\{.*\})", datagram)
    assert m, datagram
    doc = json.loads(m.group(2))
    replica = doc["repository"][len(sys.argv[2]) + 1:][0]
    for volatile in ("repository", "time", "duration_ms"):
        del doc[volatile]
    by[replica].append((int(m.group(1)), doc))
assert len(by["a"]) == 4 and by["a"] == by["b"], json.dumps(by, indent=1)[:3000]
assert [d["decision"] for _, d in by["a"]] == ["accept", "reject", "reject", "accept"], by["a"]
PY

  # The syslog daemon is down: with on_error reject (the default) both replicas refuse the push
  # and say why; with warn both accept and warn. A config-management push changes the policy on
  # both at once.
  chmod -R u+w "$SHARED"
  shared_config <<EOF2
audit: {syslog: true, syslog_socket: $SOCKET}
EOF2
  printf 'z: 1\n' | add_file last.yaml
  commit "while the daemon is down"
  push_both
  expect_both 1
  grep -q "internal/audit-log" "$CASE_DIR/a.$PUSH_NUMBER" || fail "no internal/audit-log finding"
  grep -q "cannot connect to the syslog socket $SOCKET" "$CASE_DIR/a.$PUSH_NUMBER" ||
    fail "the reason is not named"
  shared_config <<EOF2
audit: {syslog: true, syslog_socket: $SOCKET, on_error: warn}
EOF2
  push_both
  expect_both 0
  grep -q "warning\[internal/audit-log\]" "$CASE_DIR/a.$PUSH_NUMBER" || fail "no warning shown"
}

run_case "two replicas, one shared policy: identical decisions and syslog lines; daemon down" \
  replicas listener
run_case "two replicas through the real rsyslog forwarding of docs/scaling.md to a collector" \
  replicas rsyslog
it_finish
