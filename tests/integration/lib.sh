# shellcheck shell=bash
# shellcheck disable=SC2030,SC2031  # CASE_DIR/CASE_ID are set per case inside its subshell on purpose
# Helpers for the end-to-end tests: repositories with pushgate installed, clones, commits, pushes,
# captured `remote:` lines, assertions that print a diff, and a runner for named cases.
#
#   . "$(dirname "$0")/lib.sh"
#   it_setup                        # temp folder, hermetic git config, teardown trap
#   ssh_start                       # optional: servers from servers/harness.sh
#   case_good_push() {
#     bare_repo app                 # $SERVERS_DIR/repos/app.git + `pushgate install --repo`
#     clone app ssh                 # $CLONE, a working clone over that transport
#     add_file deploy.yaml <<'EOF'
#   kind: ConfigMap
#   EOF
#     commit "add a config map"
#     push origin main
#     expect_push_ok
#   }
#   run_case "good push over ssh" case_good_push
#   it_finish                       # prints "N passed, M failed"; exit status 1 on any failure
#
# Each case runs in its own subshell with `set -euo pipefail` and its own folder ($CASE_DIR);
# an assertion that fails prints what it expected and what it got, and ends the case. A case's
# output is shown only when it fails (IT_VERBOSE=1 shows all). IT_CASES=REGEX runs a subset.
#
# Environment (set by ctest): PUSHGATE_BIN, PUSHGATE_SOURCE_DIR, PUSHGATE_SHARED_DIR.

it_lib_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=servers/harness.sh
. "$it_lib_dir/servers/harness.sh"

: "${PUSHGATE_SOURCE_DIR:=$(cd "$it_lib_dir/../.." && pwd)}"
: "${PUSHGATE_SHARED_DIR:=$PUSHGATE_SOURCE_DIR/../shared}"
: "${PUSHGATE_BIN:=$PUSHGATE_SOURCE_DIR/build/pushgate}"
export PUSHGATE_SOURCE_DIR PUSHGATE_SHARED_DIR PUSHGATE_BIN

IT_PASSED=0
IT_FAILED=0
IT_FAILED_NAMES=()
IT_CASE_NUMBER=0

it_setup() {
  trap it_teardown EXIT
  trap 'exit 130' INT TERM HUP  # so that the EXIT trap runs on signals too
  if [[ "$PUSHGATE_BIN" != /* ]]; then PUSHGATE_BIN=$(pwd)/$PUSHGATE_BIN; fi
  servers_init || it_abort "could not create the test folder"
  mkdir -p "$SERVERS_DIR/home" "$SERVERS_DIR/cases"
  # Hermetic git: no user or system config, a fixed identity, "main" everywhere.
  export HOME="$SERVERS_DIR/home"
  export GIT_CONFIG_NOSYSTEM=1
  export GIT_AUTHOR_NAME="Test Author" GIT_AUTHOR_EMAIL="author@example.com"
  export GIT_COMMITTER_NAME="Test Committer" GIT_COMMITTER_EMAIL="committer@example.com"
  export NO_COLOR=1
  git config --global init.defaultBranch main
  git config --global advice.detachedHead false
  # gitolite's repositories belong to its own user; let root read them.
  git config --global --add safe.directory '*'
}

it_teardown() {
  local status=$?
  servers_stop_all
  exit "$status"
}

# Fails the whole script before any case ran (a missing binary, a server that did not start).
it_abort() {
  echo "ABORT: $*" >&2
  echo "0 passed, 1 failed" >&2
  exit 1
}

it_require_pushgate() {
  [ -x "$PUSHGATE_BIN" ] || it_abort "PUSHGATE_BIN=$PUSHGATE_BIN is not an executable (build first)"
}

# run_case NAME COMMAND...: runs the command as one named case.
run_case() {
  local name=$1
  shift
  if [ -n "${IT_CASES:-}" ] && ! [[ "$name" =~ $IT_CASES ]]; then return 0; fi
  IT_CASE_NUMBER=$((IT_CASE_NUMBER + 1))
  local dir="$SERVERS_DIR/cases/$IT_CASE_NUMBER" log status
  mkdir -p "$dir"
  log="$dir/case.log"
  (
    set -euo pipefail
    CASE_DIR=$dir
    CASE_ID="c$IT_CASE_NUMBER"
    cd "$dir"
    "$@"
  ) >"$log" 2>&1 </dev/null
  status=$?
  if [ "$status" -eq 0 ]; then
    IT_PASSED=$((IT_PASSED + 1))
    echo "ok   $name"
    if [ -n "${IT_VERBOSE:-}" ]; then sed 's/^/     | /' "$log"; fi
  else
    IT_FAILED=$((IT_FAILED + 1))
    IT_FAILED_NAMES+=("$name")
    echo "FAIL $name (exit $status)"
    sed 's/^/     | /' "$log"
  fi
}

it_finish() {
  local name
  echo
  for name in "${IT_FAILED_NAMES[@]}"; do echo "failed: $name"; done
  echo "$IT_PASSED passed, $IT_FAILED failed"
  [ "$IT_FAILED" -eq 0 ] && [ "$IT_PASSED" -gt 0 ]
  exit $?
}

fail() {
  echo "FAILED: $*" >&2
  exit 1
}

# ------------------------------------------------------------------ repositories and clones

# bare_repo NAME [INSTALL-ARGS...]: $SERVERS_DIR/repos/NAME.git with pushgate installed by the real
# `pushgate install --repo`; sets BARE.
bare_repo() {
  local name=$1
  shift
  BARE="$SERVERS_DIR/repos/$name.git"
  git init -q --bare -b main "$BARE"
  "$PUSHGATE_BIN" install --repo "$BARE" "$@" >"$CASE_DIR/install.out" 2>&1 ||
    fail "pushgate install --repo $BARE $* failed: $(cat "$CASE_DIR/install.out")"
  [ -x "$BARE/hooks/pre-receive" ] || fail "pushgate install left no executable hooks/pre-receive"
}

# bare_repo_with_hook NAME HOOK: a bare repository whose pre-receive is the given script.
bare_repo_with_hook() {
  BARE="$SERVERS_DIR/repos/$1.git"
  git init -q --bare -b main "$BARE"
  git -C "$BARE" config receive.advertisePushOptions true
  install -m 755 "$2" "$BARE/hooks/pre-receive"
}

# clone NAME TRANSPORT: a working clone of NAME over file, ssh, http or gitolite; sets CLONE and
# makes it the current directory.
clone() {
  local url
  url=$(server_url "$2" "$1")
  CLONE="$CASE_DIR/$1-$2"
  git clone -q "$url" "$CLONE" >"$CASE_DIR/clone.out" 2>&1 ||
    fail "git clone $url failed: $(cat "$CASE_DIR/clone.out")"
  cd "$CLONE"
}

# repo_with_base TRANSPORT [INSTALL-ARGS...]: bare_repo named after the case, cloned over
# TRANSPORT, with one good commit (a ConfigMap) pushed and accepted; sets BARE, CLONE and BASE.
repo_with_base() {
  local transport=$1
  shift
  bare_repo "$CASE_ID" "$@"
  clone "$CASE_ID" "$transport"
  add_file base/config.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: base
data:
  greeting: hello
EOF
  commit "base: a good config map"
  push origin main
  expect_push_ok
  BASE=$(git rev-parse HEAD)
  expect_ref refs/heads/main "$BASE"
}

# add_file PATH: writes stdin to PATH in the current clone (folders made) and stages it.
add_file() {
  mkdir -p "$(dirname "$1")"
  cat >"$1"
  git add -- "$1"
}

# add_bytes PATH FORMAT [ARGS...]: like add_file, with printf-formatted bytes (e.g. '\xff').
add_bytes() {
  local path=$1
  shift
  mkdir -p "$(dirname "$path")"
  # shellcheck disable=SC2059  # the format is the point
  printf "$@" >"$path"
  git add -- "$path"
}

commit() { git commit -q -m "$1"; }

# ------------------------------------------------------------------ pushes

# push [GIT-PUSH-ARGS...]: pushes from the current clone; never fails by itself. Sets PUSH_STATUS,
# writes the whole output to $CASE_DIR/push.out and the `remote:` lines (prefix and git's padding
# removed, durations normalized to "N ms") to $CASE_DIR/remote.txt.
push() {
  PUSH_STATUS=0
  git push --porcelain "$@" >"$CASE_DIR/push.out" 2>&1 || PUSH_STATUS=$?
  sed -n -E 's/^remote:( |$)//p' "$CASE_DIR/push.out" | it_normalize >"$CASE_DIR/remote.txt"
  echo "--- git push $* (exit $PUSH_STATUS)"
  it_show "$CASE_DIR/push.out"
}

# Trailing blanks removed (git pads each remote line), every "<digits> ms" becomes "N ms".
it_normalize() { sed -E -e 's/[[:space:]]+$//' -e 's/\b[0-9]+ ms\b/N ms/g'; }

expect_push_ok() {
  [ "$PUSH_STATUS" -eq 0 ] || fail "expected the push to be accepted; git push exited $PUSH_STATUS"
  if grep -q '^!' "$CASE_DIR/push.out"; then fail "expected every ref to be accepted"; fi
}

# The push failed because the pre-receive hook declined it (not a network or usage error).
expect_push_rejected() {
  [ "$PUSH_STATUS" -ne 0 ] || fail "expected the push to be rejected; it was accepted"
  grep -q 'pre-receive hook declined' "$CASE_DIR/push.out" ||
    fail "expected the pre-receive hook to decline the push; it failed otherwise"
}

# expect_remote_lines: the remote lines equal stdin exactly (after normalization).
expect_remote_lines() {
  it_normalize >"$CASE_DIR/expected.txt"
  diff -u --label expected --label actual "$CASE_DIR/expected.txt" "$CASE_DIR/remote.txt" >&2 ||
    fail "remote lines differ (- expected, + actual)"
}

# The last line of every text report.
# shellcheck disable=SC2016,SC2034  # backquotes are text; used by the test scripts
RULES_HINT='run `pushgate rules RULE-ID` to read what a rule checks and how to fix it'

# expect_remote_printable: the remote lines are valid UTF-8 without control characters (other
# than tab): content from a pushed file must never reach the pusher's terminal raw.
expect_remote_printable() {
  python3 - "$CASE_DIR/remote.txt" <<'PY' || fail "remote lines carry raw bytes from the pushed file"
import re, sys
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    sys.exit(f"not valid UTF-8: {e}")
bad = sorted({hex(ord(c)) for c in re.findall(r"[\x00-\x08\x0b-\x1f\x7f]", text)})
if bad:
    sys.exit("control characters: " + ", ".join(bad))
PY
}

# expect_remote_line LINE: one remote line equals LINE exactly (after normalization).
expect_remote_line() { expect_line_in "$CASE_DIR/remote.txt" "$1" "remote lines"; }

# expect_output_contains TEXT: the whole push output contains TEXT.
expect_output_contains() {
  grep -qF -- "$1" "$CASE_DIR/push.out" ||
    fail "expected the push output to contain: $1"
}

# expect_finding LOCATION RULE: a remote line reports `LOCATION: error[RULE]: ...` (LOCATION is
# path:line:col, or path where no position applies).
expect_finding() { expect_finding_in "$CASE_DIR/remote.txt" "$@"; }

# expect_no_finding RULE: no remote line names RULE.
expect_no_finding() {
  if grep -qF -- "[$1]" "$CASE_DIR/remote.txt"; then
    fail "expected no $1 finding; remote lines:$(printf '\n'; cat "$CASE_DIR/remote.txt")"
  fi
}

# expect_ref REF OID|"": the bare repository $BARE has REF at OID (or has no REF).
expect_ref() {
  local actual
  actual=$(git -C "$BARE" rev-parse -q --verify "$1" 2>/dev/null || true)
  [ "$actual" = "$2" ] || fail "expected $1 in $BARE to be '${2:-absent}', got '${actual:-absent}'"
}

# ------------------------------------------------------------------ pushgate commands

# run_pushgate ARGS...: runs the binary; sets STATUS, writes $CASE_DIR/stdout and $CASE_DIR/stderr
# (normalized copies in stdout.txt / stderr.txt). Never fails by itself.
run_pushgate() {
  STATUS=0
  "$PUSHGATE_BIN" "$@" >"$CASE_DIR/stdout" 2>"$CASE_DIR/stderr" || STATUS=$?
  it_normalize <"$CASE_DIR/stdout" >"$CASE_DIR/stdout.txt"
  it_normalize <"$CASE_DIR/stderr" >"$CASE_DIR/stderr.txt"
  echo "--- pushgate $* (exit $STATUS)"
  it_show "$CASE_DIR/stdout"
  it_show "$CASE_DIR/stderr"
}

# Shows a captured output in a case's log, at most 150 lines of it.
it_show() {
  head -n 150 "$1"
  local lines
  lines=$(wc -l <"$1")
  if [ "$lines" -gt 150 ]; then echo "[... $((lines - 150)) more lines]"; fi
}

expect_status() {
  [ "$STATUS" -eq "$1" ] || fail "expected exit status $1, got $STATUS"
}

# expect_stdout_line LINE: one line of run_pushgate's stdout equals LINE (normalized).
expect_stdout_line() { expect_line_in "$CASE_DIR/stdout.txt" "$1" "stdout"; }

# expect_stdout_finding LOCATION RULE: like expect_finding, on run_pushgate's stdout.
expect_stdout_finding() { expect_finding_in "$CASE_DIR/stdout.txt" "$@"; }

expect_line_in() {
  local file=$1 line=$2 what=$3
  grep -qxF -- "$line" "$file" && return 0
  {
    echo "expected a line in $what:"
    echo "  $line"
    echo "$what were:"
    sed 's/^/  /' "$file"
  } >&2
  fail "missing line in $what"
}

# expect_finding_in FILE LOCATION RULE [SEVERITY]: a line of FILE starts with
# `LOCATION: SEVERITY[RULE]: ` (severity error unless given: it is part of the contract).
expect_finding_in() {
  local file=$1 location=$2 rule=$3 severity=${4:-error}
  PREFIX="$location: ${severity}[$rule]: " awk 'index($0, ENVIRON["PREFIX"]) == 1 { found = 1 }
    END { exit !found }' "$file" && return 0
  {
    echo "expected a finding line starting with:"
    echo "  $location: ${severity}[$rule]: "
    echo "lines were:"
    sed 's/^/  /' "$file"
  } >&2
  fail "missing finding $rule at $location"
}

# json_assert FILE PYTHON-EXPRESSION [DESCRIPTION]: evaluates the expression with `doc` bound to the
# parsed JSON file; fails (showing the document) unless it is true.
json_assert() {
  local file=$1 expr=$2 what=${3:-$2}
  python3 - "$file" "$expr" <<'PY' || fail "json: $what"
import json, sys
path, expr = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    text = f.read()
try:
    doc = json.loads(text)
except ValueError as e:
    sys.exit(f"not JSON ({e}):\n{text}")
if not eval(expr, {"doc": doc}):
    sys.exit(f"false: {expr}\ndocument:\n{json.dumps(doc, indent=2)[:4000]}")
PY
}

# ------------------------------------------------------------------ a syslog stand-in

# start_listener: binds $SOCKET (a short path: sun_path holds 107 bytes) and appends every
# datagram it receives to $RECEIVED as one JSON string per line; sets LISTENER (its pid).
start_listener() {
  SOCKET_DIR=$(mktemp -d /tmp/pushgate-syslog.XXXXXX)
  SOCKET="$SOCKET_DIR/log.sock"
  RECEIVED="$CASE_DIR/syslog.jsonl"
  : >"$RECEIVED"
  python3 - "$SOCKET" "$RECEIVED" <<'PY' &
import json, socket, sys
path, out = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
s.settimeout(120)  # ends by itself should the case fail before stop_listener
while True:
    try:
        data = s.recv(65536)
    except socket.timeout:
        break
    with open(out, "a", encoding="utf-8") as f:
        f.write(json.dumps(data.decode("utf-8", "replace")) + "\n")
PY
  LISTENER=$!
  wait_for_socket "$SOCKET" "the syslog listener"
}

stop_listener() {
  stop_process "$LISTENER"
  rm -rf "$SOCKET_DIR"
}

# wait_for_socket PATH WHO: until PATH is a socket (10 s), or fails naming WHO.
wait_for_socket() {
  for _ in $(seq 100); do
    [ -S "$1" ] && return 0
    sleep 0.1
  done
  fail "$2 did not bind $1"
}

stop_process() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# ------------------------------------------------------------------ the real syslog daemon

# start_rsyslog: the real rsyslogd (Debian's rsyslog) twice, as docs/scaling.md deploys it: a
# node daemon whose datagram socket is $SOCKET, configured with the forwarding block of
# docs/scaling.md verbatim (its target and port pointed at 127.0.0.1), and a central collector
# taking TCP on a free port and writing each line it gets in RFC 3164 form. stop_rsyslog stops
# both (the node first, so that it hands on what it queued) and leaves the collector's lines in
# $RECEIVED as start_listener would: one JSON string per line.
start_rsyslog() {
  command -v rsyslogd >/dev/null || fail "rsyslogd not found: install rsyslog (install/setup-debian.sh)"
  RSYSLOG_DIR=$(mktemp -d /tmp/pushgate-rsyslog.XXXXXX)
  SOCKET="$RSYSLOG_DIR/log.sock"
  RECEIVED="$CASE_DIR/syslog.jsonl"
  : >"$RECEIVED"
  local port
  port=$(servers_free_port)
  mkdir "$RSYSLOG_DIR/node" "$RSYSLOG_DIR/collector"
  cat >"$RSYSLOG_DIR/collector.conf" <<EOF2
global(workDirectory="$RSYSLOG_DIR/collector" maxMessageSize="64k")
module(load="imtcp")
input(type="imtcp" address="127.0.0.1" port="$port")
template(name="rfc3164" type="string" string="<%pri%>%timereported% %syslogtag%%msg%\n")
action(type="omfile" file="$RSYSLOG_DIR/collected.log" template="rfc3164")
EOF2
  { cat <<EOF2
global(workDirectory="$RSYSLOG_DIR/node" maxMessageSize="64k")
module(load="imuxsock" SysSock.Use="off")
input(type="imuxsock" Socket="$SOCKET")
EOF2
    python3 - "$PUSHGATE_SOURCE_DIR/docs/scaling.md" "$port" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
blocks = [b for b in re.findall(r"^```[^\n]*\n(.*?)^```", text, re.S | re.M) if "omfwd" in b]
assert len(blocks) == 1, "docs/scaling.md: expected one rsyslog forwarding block"
print(blocks[0].replace('"logs.example.com"', '"127.0.0.1"').replace('port="514"', f'port="{sys.argv[2]}"'))
PY
  } >"$RSYSLOG_DIR/node.conf" || fail "no rsyslog forwarding block in docs/scaling.md"
  local name
  for name in collector node; do
    rsyslogd -N1 -f "$RSYSLOG_DIR/$name.conf" >"$RSYSLOG_DIR/$name.check" 2>&1 ||
      { cat "$RSYSLOG_DIR/$name.check" >&2; fail "rsyslogd refuses the $name config"; }
  done
  # -n: in the foreground; under timeout (which hands its TERM on), so that the daemons go by
  # themselves should the case fail before stop_rsyslog.
  timeout 300 rsyslogd -n -f "$RSYSLOG_DIR/collector.conf" -i "$RSYSLOG_DIR/collector.pid" \
    >"$RSYSLOG_DIR/collector.log" 2>&1 &
  RSYSLOG_COLLECTOR=$!
  servers_wait_port "$port" "$RSYSLOG_DIR/collector.log" || fail "the rsyslog collector did not start"
  timeout 300 rsyslogd -n -f "$RSYSLOG_DIR/node.conf" -i "$RSYSLOG_DIR/node.pid" \
    >"$RSYSLOG_DIR/node.log" 2>&1 &
  RSYSLOG_NODE=$!
  wait_for_socket "$SOCKET" rsyslogd
}

stop_rsyslog() {
  stop_process "$RSYSLOG_NODE"
  sleep 0.5  # the collector writes what the node handed on as it shut down
  stop_process "$RSYSLOG_COLLECTOR"
  if [ -f "$RSYSLOG_DIR/collected.log" ]; then
    python3 -c 'import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    print(json.dumps(line.rstrip("\n")))' "$RSYSLOG_DIR/collected.log" >"$RECEIVED"
  fi
  rm -rf "$RSYSLOG_DIR"
}
