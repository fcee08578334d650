# shellcheck shell=bash
# Real git servers on 127.0.0.1 for the integration tests. Source this file (bash), then:
#
#   servers_init                    # one mktemp -d folder ($SERVERS_DIR), client key, watchdog
#   ssh_start                       # sshd as root          -> ssh://root@127.0.0.1:$SSH_PORT/...
#   http_start                      # nginx + fcgiwrap      -> http://alice:alicepw@127.0.0.1:$HTTP_PORT/git/...
#   gitolite_start HOOK [REPO...]   # gitolite3, own user   -> ssh://$GITOLITE_USER@127.0.0.1:$GITOLITE_PORT/REPO
#   server_url TRANSPORT NAME       # file|ssh|http|gitolite: clone URL of bare repo NAME.git
#   servers_stop_all                # TERM every server, remove the user, delete $SERVERS_DIR
#
# ssh and http serve the bare repositories in $SERVERS_DIR/repos; gitolite has its own. One
# throw-away client key serves both ssh servers; GIT_SSH_COMMAND is exported with it.
# The caller owns the EXIT trap (tests/integration/lib.sh calls servers_stop_all). A watchdog
# process tears everything down as well when the calling shell dies without running its trap
# (SIGKILL from a ctest timeout), so nothing is ever left running.
#
# Everything runs as root without systemd; /work/shared/testing/README.md lists the gotchas each
# stack works around (also docs/testing.md).

servers_lib_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=ssh.sh
. "$servers_lib_dir/ssh.sh"
# shellcheck source=http.sh
. "$servers_lib_dir/http.sh"
# shellcheck source=gitolite.sh
. "$servers_lib_dir/gitolite.sh"

SSH_OPTIONS="-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
-o BatchMode=yes -o IdentitiesOnly=yes -o LogLevel=ERROR"

servers_init() {
  SERVERS_DIR=$(mktemp -d "${TMPDIR:-/tmp}/pushgate-it.XXXXXX") || return 1
  # mktemp -d makes 0700: the gitolite user must be able to pass through to its home and the hook.
  chmod 711 "$SERVERS_DIR"
  mkdir -p "$SERVERS_DIR/repos" "$SERVERS_DIR/logs" "$SERVERS_DIR/client"
  : >"$SERVERS_DIR/pids"
  ssh-keygen -q -t ed25519 -N '' -C pushgate-test-client -f "$SERVERS_DIR/client/id_ed25519" ||
    return 1
  export GIT_SSH_COMMAND="ssh $SSH_OPTIONS -i $SERVERS_DIR/client/id_ed25519"
  servers_start_watchdog
}

# Records a server process for teardown (and for the watchdog).
servers_track_pid() { echo "$1" >>"$SERVERS_DIR/pids"; }

servers_start_watchdog() {
  local parent=$$ dir=$SERVERS_DIR
  (
    # No inherited stdio: ctest waits for its output pipe to close.
    exec </dev/null >/dev/null 2>&1
    while kill -0 "$parent" 2>/dev/null && [ -d "$dir" ]; do sleep 1; done
    [ -d "$dir" ] || exit 0
    SERVERS_DIR=$dir servers_teardown
  ) &
  SERVERS_WATCHDOG_PID=$!
}

# TERMs a server and its direct children (sshd per-connection processes, nginx workers), waits up
# to 5 s, then KILLs what is left.
servers_stop_pid() {
  local pid=$1 pids
  kill -0 "$pid" 2>/dev/null || return 0
  pids="$pid $(pgrep -P "$pid" | tr '\n' ' ')"
  # shellcheck disable=SC2086  # a list of pids
  kill -TERM $pids 2>/dev/null
  for _ in $(seq 50); do
    # shellcheck disable=SC2086
    kill -0 $pids 2>/dev/null || return 0
    sleep 0.1
  done
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null
  return 0
}

servers_teardown() {
  local pid user
  if [ -f "$SERVERS_DIR/pids" ]; then
    while read -r pid; do [ -n "$pid" ] && servers_stop_pid "$pid"; done <"$SERVERS_DIR/pids"
  fi
  if [ -f "$SERVERS_DIR/gitolite-user" ]; then
    user=$(cat "$SERVERS_DIR/gitolite-user")
    # Only ever a user this harness created (its name is recorded in our own folder).
    getent passwd "$user" >/dev/null && userdel "$user" 2>/dev/null
  fi
  rm -rf "$SERVERS_DIR"
}

servers_stop_all() {
  [ -n "${SERVERS_DIR:-}" ] && [ -d "$SERVERS_DIR" ] || return 0
  if [ -n "${SERVERS_WATCHDOG_PID:-}" ]; then
    servers_stop_pid "$SERVERS_WATCHDOG_PID"  # with its `sleep`
    wait "$SERVERS_WATCHDOG_PID" 2>/dev/null
  fi
  servers_teardown
  SERVERS_DIR='' SERVERS_WATCHDOG_PID=''
}

# A free TCP port on 127.0.0.1 (the kernel picks it; a tiny race with other tests remains).
servers_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Waits until something accepts connections on the port (10 s), or says which log to read.
servers_wait_port() {
  local port=$1 log=$2
  for _ in $(seq 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "harness: nothing listens on 127.0.0.1:$port after 10 s; log $log:" >&2
  tail -n 20 "$log" >&2
  return 1
}

server_url() {
  local transport=$1 name=$2
  case $transport in
    file) echo "file://$SERVERS_DIR/repos/$name.git" ;;
    ssh) echo "ssh://root@127.0.0.1:$SSH_PORT$SERVERS_DIR/repos/$name.git" ;;
    http) echo "http://alice:alicepw@127.0.0.1:$HTTP_PORT/git/$name.git" ;;
    gitolite) echo "ssh://$GITOLITE_USER@127.0.0.1:$GITOLITE_PORT/$name" ;;
    *) echo "harness: unknown transport '$transport' (file, ssh, http, gitolite)" >&2; return 1 ;;
  esac
}
