#!/usr/bin/env bash
# `pushgate install --repo` / `uninstall` on bare repositories, proven by real pushes: a foreign
# hook is never overwritten silently, --force replaces it, --chain runs it first (and its
# rejection stands), uninstall restores it.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

# A bare repository whose pre-receive is someone else's hook, which rejects pushes of a file
# named STOP; and a clone of it.
repo_with_foreign_hook() {
  BARE="$SERVERS_DIR/repos/$CASE_ID.git"
  git init -q --bare -b main "$BARE"
  cat >"$BARE/hooks/pre-receive" <<'EOF'
#!/bin/sh
# the site's own hook
while read -r old new ref; do
  if [ "$new" != 0000000000000000000000000000000000000000 ] &&
     git cat-file -e "$new:STOP" 2>/dev/null; then
    echo "site-hook: STOP is not allowed" >&2
    exit 1
  fi
done
exit 0
EOF
  chmod 755 "$BARE/hooks/pre-receive"
  cp "$BARE/hooks/pre-receive" "$CASE_DIR/foreign-hook"
  clone "$CASE_ID" file
}

refuses_foreign_hook() {
  repo_with_foreign_hook
  run_pushgate install --repo "$BARE"
  expect_status 2  # refused, like any usage error
  cmp -s "$BARE/hooks/pre-receive" "$CASE_DIR/foreign-hook" || fail "the foreign hook was changed"
  grep -q -- '--force\|--chain' "$CASE_DIR/stderr.txt" "$CASE_DIR/stdout.txt" ||
    fail "the refusal does not say how to proceed (--force or --chain)"
}

force_replaces() {
  repo_with_foreign_hook
  run_pushgate install --repo "$BARE" --force
  expect_status 0
  : | add_file STOP
  commit "the site hook would refuse this"
  push origin main
  expect_push_ok
  printf 'a: 1\na: 2\n' | add_file bad.yaml
  commit "broken"
  push origin main
  expect_push_rejected
  expect_finding bad.yaml:2:1 yaml/duplicate-key
}

chain_runs_both() {
  repo_with_foreign_hook
  run_pushgate install --repo "$BARE" --chain
  expect_status 0
  printf 'a: 1\n' | add_file good.yaml
  commit "good"
  push origin main
  expect_push_ok

  : | add_file STOP
  commit "the chained hook refuses this"
  push origin main
  expect_push_rejected
  expect_remote_line "site-hook: STOP is not allowed"
  git rm -q STOP
  commit "remove STOP"

  printf 'a: 1\na: 2\n' | add_file bad.yaml
  commit "broken"
  push origin main
  expect_push_rejected
  expect_finding bad.yaml:2:1 yaml/duplicate-key
}

uninstall_restores() {
  repo_with_foreign_hook
  run_pushgate install --repo "$BARE" --chain
  expect_status 0
  run_pushgate uninstall --repo "$BARE"
  expect_status 0
  cmp -s "$BARE/hooks/pre-receive" "$CASE_DIR/foreign-hook" ||
    fail "uninstall did not restore the chained hook"
  printf 'a: 1\na: 2\n' | add_file bad.yaml
  commit "broken, but pushgate is gone"
  push origin main
  expect_push_ok
}

uninstall_plain() {
  bare_repo "$CASE_ID"
  run_pushgate uninstall --repo "$BARE"
  expect_status 0
  [ ! -e "$BARE/hooks/pre-receive" ] || fail "uninstall left hooks/pre-receive"
}

reinstall_is_idempotent() {
  bare_repo "$CASE_ID"
  run_pushgate install --repo "$BARE"
  expect_status 0
  clone "$CASE_ID" file
  printf 'a: 1\na: 2\n' | add_file bad.yaml
  commit "broken"
  push origin main
  expect_push_rejected
}

push_options_advertised() {
  bare_repo "$CASE_ID"
  [ "$(git -C "$BARE" config receive.advertisePushOptions)" = true ] ||
    fail "install did not set receive.advertisePushOptions"
  clone "$CASE_ID" file
  printf 'a: 1\n' | add_file good.yaml
  commit "good"
  push -o ci.skip origin main
  expect_push_ok
}

# --hook update: git runs the hook once per ref; a rejected ref leaves the others to land.
update_hook_per_ref() {
  BARE="$SERVERS_DIR/repos/$CASE_ID.git"
  git init -q --bare -b main "$BARE"
  run_pushgate install --repo "$BARE" --hook update
  expect_status 0
  [ -x "$BARE/hooks/update" ] || fail "install --hook update wrote no executable hooks/update"
  [ ! -e "$BARE/hooks/pre-receive" ] || fail "install --hook update also wrote pre-receive"
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
  grep -qxF "!	refs/heads/bad:refs/heads/bad	[remote rejected] (hook declined)" \
    "$CASE_DIR/push.out" || fail "git did not report bad as refused by the update hook"
  expect_remote_line "pushgate: rejected refs/heads/bad (1 error, 0 warnings) in N ms"
  expect_finding bad.yaml:2:1 yaml/duplicate-key
  expect_ref refs/heads/good "$(git rev-parse good)"
  expect_ref refs/heads/bad ""

  # uninstall --hook update takes it out again; the broken ref then lands.
  run_pushgate uninstall --repo "$BARE" --hook update
  expect_status 0
  [ ! -e "$BARE/hooks/update" ] || fail "uninstall --hook update left hooks/update"
  push origin bad
  expect_push_ok
}

# --hook update --chain: the site's update hook keeps its per-ref say, with git's arguments.
update_hook_chained() {
  BARE="$SERVERS_DIR/repos/$CASE_ID.git"
  git init -q --bare -b main "$BARE"
  cat >"$BARE/hooks/update" <<'EOF2'
#!/bin/sh
# the site's own update hook: no branch named frozen
[ "$1" != refs/heads/frozen ] || { echo "site-hook: $1 is frozen" >&2; exit 1; }
EOF2
  chmod 755 "$BARE/hooks/update"
  run_pushgate install --repo "$BARE" --hook update --chain
  expect_status 0
  clone "$CASE_ID" file
  printf 'a: 1\n' | add_file base.yaml
  commit "base"
  git branch frozen
  push origin main frozen
  [ "$PUSH_STATUS" -ne 0 ] || fail "expected the push of frozen to fail"
  expect_remote_line "site-hook: refs/heads/frozen is frozen"
  expect_ref refs/heads/main "$(git rev-parse main)"
  expect_ref refs/heads/frozen ""
}

run_case "install refuses to overwrite a foreign hook" refuses_foreign_hook
run_case "install --force replaces a foreign hook" force_replaces
run_case "install --chain runs the foreign hook first" chain_runs_both
run_case "uninstall restores a chained hook" uninstall_restores
run_case "uninstall removes our hook" uninstall_plain
run_case "install twice is harmless" reinstall_is_idempotent
run_case "install advertises push options" push_options_advertised
run_case "install --hook update: one ref rejected, the other lands" update_hook_per_ref
run_case "install --hook update --chain: the site's update hook runs first" update_hook_chained

it_finish
