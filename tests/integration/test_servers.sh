#!/usr/bin/env bash
# The server harness itself, without pushgate: each stack (file://, sshd, nginx + fcgiwrap,
# gitolite3) clones, accepts a push, shows a rejecting pre-receive hook's output as `remote:` lines,
# passes the pusher's identity to the hook; and the harness leaves nothing running, even when the
# test shell is killed.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup

# A trivial pre-receive: rejects any push whose new tip has a file named REJECT; prints who pushed.
hook="$SERVERS_DIR/reject-hook"
cat >"$hook" <<'EOF'
#!/bin/sh
status=0
while read -r old new ref; do
  case $new in 0000000000000000000000000000000000000000) continue ;; esac
  if git cat-file -e "$new:REJECT" 2>/dev/null; then
    echo "test-hook: rejected $ref: REJECT is present" >&2
    status=1
  fi
done
echo "test-hook: pusher=${PUSHER:-} remote_user=${REMOTE_USER:-} gl_user=${GL_USER:-}" >&2
exit $status
EOF
chmod 755 "$hook"

ssh_start || it_abort "sshd did not start"
http_start || it_abort "nginx + fcgiwrap did not start"
gitolite_start "$hook" hooked || it_abort "gitolite did not start"

# accept_and_reject TRANSPORT REPO EXPECTED-IDENTITY-LINE
accept_and_reject() {
  local transport=$1 repo=$2 identity=$3
  [ "$transport" = gitolite ] || bare_repo_with_hook "$repo" "$hook"
  clone "$repo" "$transport"
  echo "a: 1" | add_file ok.yaml
  commit "a good file"
  push origin main
  expect_push_ok
  expect_remote_line "$identity"

  : | add_file REJECT
  commit "a file the hook rejects"
  push origin main
  expect_push_rejected
  expect_remote_lines <<EOF
test-hook: rejected refs/heads/main: REJECT is present
$identity
EOF
  # The server kept the accepted commit only.
  [ "$(git ls-remote origin refs/heads/main | cut -f1)" = "$(git rev-parse HEAD~1)" ] ||
    fail "the server's main is not the accepted commit"
}

run_case "file:// accepts, rejects, shows remote lines" \
  accept_and_reject file files "test-hook: pusher= remote_user= gl_user="
run_case "ssh accepts, rejects, binds PUSHER to the key" \
  accept_and_reject ssh sshrepo "test-hook: pusher=tester remote_user= gl_user="
run_case "smart http accepts, rejects, passes REMOTE_USER" \
  accept_and_reject http httprepo "test-hook: pusher= remote_user=alice gl_user="
run_case "gitolite accepts, rejects, passes GL_USER" \
  accept_and_reject gitolite hooked "test-hook: pusher= remote_user= gl_user=tester"

# More than 1 MiB over HTTP: nginx's default client_max_body_size would answer 413.
large_http_push() {
  bare_repo_with_hook big "$hook"
  clone big http
  head -c 3000000 /dev/urandom | add_file blob.bin
  commit "3 MB of noise"
  push origin main
  expect_push_ok
}
run_case "smart http takes a push above 1 MiB" large_http_push

http_needs_credentials() {
  bare_repo_with_hook private "$hook"
  local status
  # A raw request: git itself would only say it cannot prompt for a user name.
  exec 3<>"/dev/tcp/127.0.0.1/$HTTP_PORT"
  printf 'GET /git/private.git/info/refs?service=git-receive-pack HTTP/1.0\r\n\r\n' >&3
  status=$(head -n 1 <&3 | tr -d '\r')
  exec 3<&-
  [ "$status" = "HTTP/1.1 401 Unauthorized" ] || fail "expected HTTP 401, got: $status"
}
run_case "smart http refuses anonymous access" http_needs_credentials

# A second harness in a background shell, killed with SIGKILL (no trap runs): its watchdog must
# stop its sshd and remove its folder.
watchdog_cleans_up() {
  local started="$CASE_DIR/started"
  bash -c '
    . "$1/servers/harness.sh"
    servers_init && ssh_start || exit 1
    { echo "$SERVERS_DIR"; cat "$SERVERS_DIR/pids"; } >"$2"
    exec sleep 600' _ "$it_lib_dir" "$started" </dev/null >/dev/null 2>&1 &
  local shell=$!
  for _ in $(seq 200); do [ -s "$started" ] && [ "$(wc -l <"$started")" -ge 2 ] && break; sleep 0.05; done
  [ -s "$started" ] || fail "the background harness never started"
  local dir pids
  dir=$(head -n 1 "$started")
  pids=$(tail -n +2 "$started")
  # shellcheck disable=SC2086
  kill -0 $pids || fail "sshd is not running in the background harness"
  kill -KILL "$shell"
  for _ in $(seq 100); do
    # shellcheck disable=SC2086
    if ! kill -0 $pids 2>/dev/null && [ ! -d "$dir" ]; then return 0; fi
    sleep 0.1
  done
  fail "after SIGKILL, pids $pids or folder $dir are still there"
}
run_case "the watchdog tears down after SIGKILL" watchdog_cleans_up

clean_stop() {
  local started="$CASE_DIR/started"
  bash -c '
    . "$1/servers/harness.sh"
    servers_init && ssh_start && http_start || exit 1
    { echo "$SERVERS_DIR"; cat "$SERVERS_DIR/pids"; } >"$2"
    servers_stop_all' _ "$it_lib_dir" "$started" </dev/null >"$CASE_DIR/harness.out" 2>&1 ||
    fail "background harness failed: $(cat "$CASE_DIR/harness.out")"
  local dir pids
  dir=$(head -n 1 "$started")
  pids=$(tail -n +2 "$started")
  [ "$(echo "$pids" | wc -w)" -eq 3 ] || fail "expected 3 server pids, got: $pids"
  # shellcheck disable=SC2086
  if kill -0 $pids 2>/dev/null; then fail "servers still running after servers_stop_all"; fi
  [ ! -d "$dir" ] || fail "$dir still exists after servers_stop_all"
}
run_case "servers_stop_all stops every server and removes the folder" clean_stop

it_finish
