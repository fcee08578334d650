#!/usr/bin/env bash
# `pushgate install --server` / `uninstall --server` / `status`, proven by real pushes: the system
# core.hooksPath (git config --system, pointed at a temporary file through GIT_CONFIG_SYSTEM so
# the machine's /etc/gitconfig is never touched) gates every repository, new ones included, over
# file://, ssh and smart HTTP; --repos gates a subset; the hooks that core.hooksPath hides (a
# previous hooksPath's, a repository's own) still run; uninstall restores what was there.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

# One system config file for the whole script (nginx is told about it once, at start); each case
# empties it first.
mkdir -p "$SERVERS_DIR/etc"
SYSTEM_CONFIG="$SERVERS_DIR/etc/gitconfig"
: >"$SYSTEM_CONFIG"
unset GIT_CONFIG_NOSYSTEM
export GIT_CONFIG_SYSTEM="$SYSTEM_CONFIG"
HTTP_GIT_CONFIG_SYSTEM="$SYSTEM_CONFIG"  # read by http_start
export HTTP_GIT_CONFIG_SYSTEM
ssh_start || it_abort "sshd did not start"
http_start || it_abort "nginx + fcgiwrap did not start"

# plain_repo NAME: a bare repository with no pushgate hook of its own; sets BARE.
plain_repo() {
  BARE="$SERVERS_DIR/repos/$1.git"
  mkdir -p "$(dirname "$BARE")"
  git init -q --bare -b main "$BARE"
}

# server_install ARGS...: `pushgate install --server` into this case's hooks folder ($HOOKS).
server_install() {
  : >"$SYSTEM_CONFIG"
  HOOKS="$CASE_DIR/hooks"
  run_pushgate install --server --hooks-dir "$HOOKS" "$@"
  expect_status 0
}

good_then_bad() {
  printf 'a: 1\n' | add_file "good-$1.yaml"
  commit "good"
  push "${@:2}" origin HEAD:main
  expect_push_ok
  printf 'a: 1\na: 2\n' | add_file "bad-$1.yaml"
  commit "broken"
  push "${@:2}" origin HEAD:main
  expect_push_rejected
  expect_finding "bad-$1.yaml:2:1" yaml/duplicate-key
  git reset -q --hard HEAD~1
}

every_repository_file() {
  plain_repo "$CASE_ID-old"
  server_install
  [ "$(git config --system core.hooksPath)" = "$HOOKS" ] ||
    fail "the system core.hooksPath is not $HOOKS"
  clone "$CASE_ID-old" file
  good_then_bad old
  # A repository made after the install is gated as well.
  plain_repo "$CASE_ID-new"
  clone "$CASE_ID-new" file
  good_then_bad new
}

every_repository_ssh_http() {
  plain_repo "$CASE_ID"
  server_install
  clone "$CASE_ID" http
  good_then_bad http
  # sshd gives the server's git a clean environment: tell it which system config to read.
  clone "$CASE_ID" ssh
  git pull -q --rebase origin main
  good_then_bad ssh --receive-pack="GIT_CONFIG_SYSTEM=$SYSTEM_CONFIG git-receive-pack"
}

repos_subset() {
  plain_repo "$CASE_ID/team-a/app"
  plain_repo "$CASE_ID/team-b/app"
  server_install --repos "$SERVERS_DIR/repos/$CASE_ID/team-a/*"
  clone "$CASE_ID/team-a/app" file
  good_then_bad a
  clone "$CASE_ID/team-b/app" file
  printf 'a: 1\na: 2\n' | add_file bad.yaml
  commit "broken, but team-b is not gated"
  push origin main
  expect_push_ok
  run_pushgate status --root "$SERVERS_DIR/repos/$CASE_ID"
  expect_status 0
  grep -q "team-a/app.git  gate=server  hook=pre-receive  chained=no  config=built-in" \
    "$CASE_DIR/stdout.txt" || fail "status does not show team-a as gated by the server hook"
  grep -q "team-b/app.git  gate=skipped" "$CASE_DIR/stdout.txt" ||
    fail "status does not show team-b as skipped"
}

# A system core.hooksPath set before: its hooks (pre-receive and others) keep running; uninstall
# puts the setting back.
previous_hooks_path_chained() {
  plain_repo "$CASE_ID"
  local site="$CASE_DIR/site-hooks"
  mkdir -p "$site"
  cat >"$site/pre-receive" <<'EOF2'
#!/bin/sh
while read -r old new ref; do
  if [ "$new" != 0000000000000000000000000000000000000000 ] &&
     git cat-file -e "$new:STOP" 2>/dev/null; then
    echo "site-hook: STOP is not allowed" >&2
    exit 1
  fi
done
EOF2
  printf '#!/bin/sh\necho post-receive ran >"%s/post-receive.ran"\n' "$CASE_DIR" \
    >"$site/post-receive"
  chmod 755 "$site/pre-receive" "$site/post-receive"
  : >"$SYSTEM_CONFIG"
  git config --system core.hooksPath "$site"
  git config --system user.name "someone"
  git config --system --list >"$CASE_DIR/before.txt"
  cp "$SYSTEM_CONFIG" "$CASE_DIR/before.gitconfig"
  HOOKS="$CASE_DIR/hooks"
  run_pushgate install --server --hooks-dir "$HOOKS"
  expect_status 0
  grep -qF "(the hooks in $site run first)" "$CASE_DIR/stdout.txt" || fail "install does not name $site"
  clone "$CASE_ID" file
  good_then_bad prev
  [ -f "$CASE_DIR/post-receive.ran" ] || fail "the previous hooksPath's post-receive did not run"
  : | add_file STOP
  commit "the site hook refuses this"
  push origin main
  expect_push_rejected
  expect_remote_line "site-hook: STOP is not allowed"

  run_pushgate uninstall --server --hooks-dir "$HOOKS"
  expect_status 0
  git config --system --list >"$CASE_DIR/after.txt"
  diff -u "$CASE_DIR/before.txt" "$CASE_DIR/after.txt" >&2 ||
    fail "uninstall did not restore the system config"
  cmp "$CASE_DIR/before.gitconfig" "$SYSTEM_CONFIG" ||
    fail "uninstall did not restore the system config file byte for byte"
  [ ! -e "$HOOKS" ] || fail "uninstall left $HOOKS"
  push origin main
  expect_push_rejected
  expect_remote_line "site-hook: STOP is not allowed"
  expect_no_finding yaml/duplicate-key
}

# Without a previous hooksPath, each repository's own hooks/ is what core.hooksPath hides: its
# pre-receive runs first and its post-update still runs. Uninstall leaves the setting unset.
own_hooks_chained() {
  plain_repo "$CASE_ID"
  # shellcheck disable=SC2016  # expanded by the hook
  printf '#!/bin/sh\necho "own-hook: sees $(cat | wc -l) update(s)" >&2\n' \
    >"$BARE/hooks/pre-receive"
  printf '#!/bin/sh\necho ran >"%s/post-update.ran"\n' "$CASE_DIR" >"$BARE/hooks/post-update"
  chmod 755 "$BARE/hooks/pre-receive" "$BARE/hooks/post-update"
  server_install
  clone "$CASE_ID" file
  good_then_bad own
  expect_remote_line "own-hook: sees 1 update(s)"
  [ -f "$CASE_DIR/post-update.ran" ] || fail "the repository's own post-update did not run"
  run_pushgate status --root "$BARE"
  grep -q "gate=server  hook=pre-receive  chained=yes" "$CASE_DIR/stdout.txt" ||
    fail "status does not show the repository's own hook as chained"
  run_pushgate uninstall --server --hooks-dir "$HOOKS"
  expect_status 0
  if git config --system --get core.hooksPath; then fail "core.hooksPath is still set"; fi
}

# A repository with its own `pushgate install --repo` hook (its own --config) is judged once,
# by that hook; status reports it, its config and the last decision from the audit log.
repo_install_wins_and_status() {
  plain_repo "$CASE_ID"
  printf 'version: 1\naudit: {file: %s/audit.jsonl}\n' "$CASE_DIR" >"$CASE_DIR/repo.yaml"
  run_pushgate install --repo "$BARE" --config "$CASE_DIR/repo.yaml"
  expect_status 0
  plain_repo "$CASE_ID-foreign"
  printf '#!/bin/sh\nexit 0\n' >"$BARE/hooks/update"
  chmod 755 "$BARE/hooks/update"
  BARE="$SERVERS_DIR/repos/$CASE_ID.git"
  server_install
  clone "$CASE_ID" file
  good_then_bad repo
  [ "$(grep -c '^pushgate: rejected' "$CASE_DIR/remote.txt")" -eq 1 ] ||
    fail "the push was judged more than once"
  [ "$(wc -l <"$CASE_DIR/audit.jsonl")" -eq 2 ] || fail "expected 2 audit lines"
  run_pushgate status --root "$SERVERS_DIR/repos"
  expect_status 0
  expect_stdout_line "$SERVERS_DIR/repos/$CASE_ID.git  gate=repo  hook=pre-receive  chained=no  config=$CASE_DIR/repo.yaml  last=reject@$(tail -n1 "$CASE_DIR/audit.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["time"])')"
  run_pushgate uninstall --server --hooks-dir "$HOOKS"
  expect_status 0
  plain_repo "$CASE_ID-none"
  run_pushgate status --root "$SERVERS_DIR/repos"
  grep -q "^$SERVERS_DIR/repos/$CASE_ID-foreign.git  gate=foreign  hook=update  chained=no$" \
    "$CASE_DIR/stdout.txt" || fail "status does not show the foreign update hook"
  grep -q "^$SERVERS_DIR/repos/$CASE_ID-none.git  gate=none  chained=no$" "$CASE_DIR/stdout.txt" ||
    fail "status does not show an ungated repository as none"
}

# --server --hook update: per-ref verdicts everywhere; the repository's own pre-receive still
# runs through its pass-through.
server_update_hook() {
  plain_repo "$CASE_ID"
  printf '#!/bin/sh\necho "own pre-receive ran" >&2\n' >"$BARE/hooks/pre-receive"
  chmod 755 "$BARE/hooks/pre-receive"
  server_install --hook update
  clone "$CASE_ID" file
  printf 'a: 1\n' | add_file base.yaml
  commit "base"
  push origin main
  expect_push_ok
  git switch -q -c good
  printf 'b: 1\n' | add_file good.yaml
  commit "good"
  git switch -q -c bad main
  printf 'a: 1\na: 2\n' | add_file bad.yaml
  commit "broken"
  push origin good bad
  [ "$PUSH_STATUS" -ne 0 ] || fail "expected the push of bad to fail"
  expect_remote_line "own pre-receive ran"
  expect_finding bad.yaml:2:1 yaml/duplicate-key
  expect_ref refs/heads/good "$(git rev-parse good)"
  expect_ref refs/heads/bad ""
  # A broken config is shown by status (every push there would be rejected).
  printf 'version: 1\nnot_a_key: 1\n' >"$BARE/pushgate.yaml"
  run_pushgate status --root "$BARE"
  expect_status 0
  grep -q "gate=server  hook=update  chained=no  config=$BARE/pushgate.yaml (broken: " \
    "$CASE_DIR/stdout.txt" || fail "status does not show the broken config"
}

# A repository with its own `install --repo --hook update` under a --server pre-receive: judged
# once, per ref, by its own hook.
repo_update_under_server() {
  plain_repo "$CASE_ID"
  run_pushgate install --repo "$BARE" --hook update
  expect_status 0
  server_install
  clone "$CASE_ID" file
  printf 'a: 1\n' | add_file good.yaml
  commit "good"
  push origin main
  expect_push_ok
  printf 'a: 1\na: 2\n' | add_file bad.yaml
  commit "broken"
  push origin main
  [ "$PUSH_STATUS" -ne 0 ] || fail "expected the push to be rejected"
  expect_finding bad.yaml:2:1 yaml/duplicate-key
  [ "$(grep -c '^pushgate: rejected' "$CASE_DIR/remote.txt")" -eq 1 ] ||
    fail "the push was judged more than once"
  grep -q "hook declined to update refs/heads/main" "$CASE_DIR/push.out" ||
    fail "the repository's own update hook did not decide"
  run_pushgate status --root "$BARE"
  grep -q "gate=repo  hook=update  chained=no  config=built-in" "$CASE_DIR/stdout.txt" ||
    fail "status does not show the repository's own update hook"
}

# install_then_uninstall: a server install and its uninstall, nothing else in between.
install_then_uninstall() {
  HOOKS="$CASE_DIR/hooks"
  run_pushgate install --server --hooks-dir "$HOOKS"
  expect_status 0
  [ "$(git config --system core.hooksPath)" = "$HOOKS" ] || fail "install did not set it"
  "$@"
  run_pushgate uninstall --server --hooks-dir "$HOOKS"
  expect_status 0
  [ ! -e "$HOOKS" ] || fail "uninstall left $HOOKS"
}

# Uninstall restores the system config file exactly: no file where there was none (git would
# leave an empty one), the same bytes where there was one (git rewrites what it touches: a last
# line without its line break gets one), and an administrator's change made in between stays.
restores_the_file_exactly() {
  rm -f "$SYSTEM_CONFIG"
  install_then_uninstall
  [ ! -e "$SYSTEM_CONFIG" ] ||
    fail "uninstall left a system config file where there was none: $(cat -A "$SYSTEM_CONFIG")"

  printf '# site settings\n[user]\n\tname = Site Admin\n[http]\n\tsslVerify = true' \
    >"$SYSTEM_CONFIG"
  chmod 640 "$SYSTEM_CONFIG"
  cp -p "$SYSTEM_CONFIG" "$CASE_DIR/before.gitconfig"
  install_then_uninstall
  cmp "$CASE_DIR/before.gitconfig" "$SYSTEM_CONFIG" ||
    fail "the system config file changed: $(cat -A "$SYSTEM_CONFIG")"
  [ "$(stat -c %a "$SYSTEM_CONFIG")" = 640 ] || fail "the file's mode changed"

  # Changed after install: the change stays, only core.hooksPath goes, with no [core] left.
  printf '[user]\n\tname = Site Admin' >"$SYSTEM_CONFIG"
  install_then_uninstall git config --system user.email admin@example.org
  printf '[user]\n\tname = Site Admin\n\temail = admin@example.org\n' >"$CASE_DIR/expected"
  cmp "$CASE_DIR/expected" "$SYSTEM_CONFIG" ||
    fail "uninstall did not keep exactly the change made after install: $(cat -A "$SYSTEM_CONFIG")"

  # Nothing before, a setting added after install: the file stays, holding only that.
  rm -f "$SYSTEM_CONFIG"
  install_then_uninstall git config --system user.name "Site Admin"
  printf '[user]\n\tname = Site Admin\n' >"$CASE_DIR/expected"
  cmp "$CASE_DIR/expected" "$SYSTEM_CONFIG" ||
    fail "uninstall did not leave exactly the later setting: $(cat -A "$SYSTEM_CONFIG")"
  : >"$SYSTEM_CONFIG"
}

refuses_when_changed() {
  plain_repo "$CASE_ID"
  server_install
  git config --system core.hooksPath /somewhere/else
  run_pushgate uninstall --server --hooks-dir "$HOOKS"
  expect_status 2
  grep -q "someone changed it after install; nothing was touched" "$CASE_DIR/stderr.txt" ||
    fail "uninstall does not say why it refuses"
  [ "$(git config --system core.hooksPath)" = /somewhere/else ] || fail "uninstall changed it"
  [ -x "$HOOKS/pre-receive" ] || fail "uninstall removed the scripts anyway"
  run_pushgate install --server --hooks-dir "$HOOKS"
  expect_status 2
  mkdir -p "$CASE_DIR/other"
  printf '#!/bin/sh\n' >"$CASE_DIR/other/pre-receive"
  run_pushgate install --server --hooks-dir "$CASE_DIR/other"
  expect_status 2
  grep -q "was not written by pushgate" "$CASE_DIR/stderr.txt" || fail "no reason given"
  run_pushgate install --server --repos 'relative/*'
  expect_status 2
}

run_case "server: every repository over file://, new ones included" every_repository_file
run_case "server: over smart http and ssh" every_repository_ssh_http
run_case "server: --repos gates a subset, status shows it" repos_subset
run_case "server: a previous core.hooksPath runs first; uninstall restores it" previous_hooks_path_chained
run_case "server: a repository's own hooks still run" own_hooks_chained
run_case "server: a repository's own pushgate install wins; status" repo_install_wins_and_status
run_case "server: --hook update, per ref; status shows a broken config" server_update_hook
run_case "server: a repository's own update hook under a server pre-receive judges once" repo_update_under_server
run_case "server: uninstall restores the system config file exactly" restores_the_file_exactly
run_case "server: refuses to touch what changed or is not ours" refuses_when_changed

it_finish
