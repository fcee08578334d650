#!/usr/bin/env bash
# `pushgate install --platform …` in each platform's documented hook layout, proven by real pushes:
#   - gitolite: the real gitolite3, LOCAL_CODE hooks/common and repo-specific-hooks;
#   - gitea/forgejo and gitlab cannot run here: the repository's hooks are stand-ins that invoke
#     the installed layout exactly as each platform's dispatcher does (platforms/gitea-dispatch,
#     platforms/gitaly-dispatch: arguments, stdin, environment, working directory, order), behind
#     a real git receive-pack, with the environment each platform gives it.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

platforms="$PUSHGATE_SOURCE_DIR/tests/integration/platforms"
audit_schema="$PUSHGATE_SOURCE_DIR/schemas/audit-line.schema.json"

# gitolite's user cannot enter root's build folder: a copy of the binary in the (0711) harness
# folder. The harness wants a repo-specific hook for the repositories it creates: a no-op.
mkdir -m 755 "$SERVERS_DIR/bin"
install -m 755 "$PUSHGATE_BIN" "$SERVERS_DIR/bin/pushgate"
printf '#!/bin/sh\nexit 0\n' >"$SERVERS_DIR/bin/noop"
chmod 755 "$SERVERS_DIR/bin/noop"
gitolite_start "$SERVERS_DIR/bin/noop" harness || it_abort "gitolite did not start"

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

# ------------------------------------------------------------------ Gitea / Forgejo

# gitea_repo NAME: a bare repository laid out as Gitea creates one: hooks/pre-receive and
# hooks/update are its dispatcher, hooks/<hook>.d/gitea its own check (here: records that it ran).
gitea_repo() {
  BARE="$SERVERS_DIR/repos/$1.git"
  mkdir -p "$(dirname "$BARE")"
  git init -q --bare -b main "$BARE"
  local hook
  for hook in pre-receive update post-receive; do
    install -m 755 "$platforms/gitea-dispatch" "$BARE/hooks/$hook"
    mkdir -p "$BARE/hooks/$hook.d"
    printf '#!/bin/sh\necho "%s $*" >>"%s/gitea-ran"\n' "$hook" "$BARE" >"$BARE/hooks/$hook.d/gitea"
    chmod 755 "$BARE/hooks/$hook.d/gitea"
  done
}

# What Gitea's ssh and http front ends put into receive-pack's environment (Gitea:
# modules/repository/env.go); file:// hands the client's environment to the hooks.
gitea_environment() {
  export GITEA_REPO_USER_NAME=org GITEA_REPO_NAME=app GITEA_REPO_ID=7 GITEA_REPO_IS_WIKI=false
  export GITEA_PUSHER_NAME=alice GITEA_PUSHER_ID=3 GITEA_PUSHER_EMAIL=alice@example.com
  export GITEA_PR_ID=0 GITEA_KEY_ID=12 SSH_ORIGINAL_COMMAND="git-receive-pack 'org/app.git'"
  export GITEA_ROOT_URL=https://gitea.example.com/
}

gitea_root() {
  gitea_repo "$CASE_ID/org/app"
  local app=$BARE
  printf 'version: 1\naudit: {file: %s/audit.jsonl}\n' "$CASE_DIR" >"$app/pushgate.yaml"
  gitea_repo "$CASE_ID/org/other"
  run_pushgate install --platform gitea --root "$SERVERS_DIR/repos/$CASE_ID"
  expect_status 0
  expect_stdout_line "installed $app/hooks/pre-receive.d/pushgate"
  expect_stdout_line "installed $SERVERS_DIR/repos/$CASE_ID/org/other.git/hooks/pre-receive.d/pushgate"
  BARE=$app
  gitea_environment
  clone "$CASE_ID/org/app" file
  good_then_bad gitea
  grep -q '^pre-receive $' "$app/gitea-ran" || fail "Gitea's own pre-receive check did not run"
  python3 - "$CASE_DIR/audit.jsonl" "$audit_schema" <<'PY' || fail "audit lines do not name alice over gitea"
import json, sys, jsonschema
schema = json.load(open(sys.argv[2]))
lines = [json.loads(l) for l in open(sys.argv[1])]
assert [l["decision"] for l in lines] == ["accept", "reject"], lines
for l in lines:
    jsonschema.validate(l, schema)
    assert l["pusher"] == "alice" and l["pusher_source"] == "GITEA_PUSHER_NAME", l
    assert l["transport"] == "gitea", l
PY
  # Regenerating Gitea's hooks rewrites hooks/<hook> and hooks/<hook>.d/gitea only: ours stays.
  install -m 755 "$platforms/gitea-dispatch" "$app/hooks/pre-receive"
  [ -x "$app/hooks/pre-receive.d/pushgate" ] || fail "pushgate's script is gone"
  run_pushgate uninstall --platform gitea --root "$SERVERS_DIR/repos/$CASE_ID"
  expect_status 0
  [ ! -e "$app/hooks/pre-receive.d/pushgate" ] || fail "uninstall left pushgate's script"
  [ -x "$app/hooks/pre-receive.d/gitea" ] || fail "uninstall removed Gitea's own"
}

gitea_update_per_ref() {
  gitea_repo "$CASE_ID"
  run_pushgate install --platform forgejo --repo "$BARE" --hook update
  expect_status 0
  gitea_environment
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
  expect_finding bad.yaml:2:1 yaml/duplicate-key
  expect_ref refs/heads/good "$(git rev-parse good)"
  expect_ref refs/heads/bad ""
  grep -q "^update refs/heads/good 0\{40\} $(git rev-parse good)$" "$BARE/gitea-ran" ||
    fail "Gitea's own update hook did not get git's arguments"
}

gitea_refuses() {
  BARE="$SERVERS_DIR/repos/$CASE_ID.git"
  git init -q --bare -b main "$BARE"
  run_pushgate install --platform gitea --repo "$BARE"
  expect_status 2
  grep -q "has no hooks/pre-receive.d/" "$CASE_DIR/stderr.txt" || fail "no reason given"
  run_pushgate install --platform gitee --repo "$BARE"
  expect_status 2
}

# ------------------------------------------------------------------ GitLab (Gitaly)

# gitlab_repo NAME: a bare repository whose pre-receive and update are the Gitaly stand-in, with
# what Gitaly would know about the push in hooks/gitaly.env.
gitlab_repo() {
  BARE="$SERVERS_DIR/repos/$1.git"
  git init -q --bare -b main "$BARE"
  git -C "$BARE" config receive.advertisePushOptions true
  install -m 755 "$platforms/gitaly-dispatch" "$BARE/hooks/pre-receive"
  install -m 755 "$platforms/gitaly-dispatch" "$BARE/hooks/update"
  cat >"$BARE/hooks/gitaly.env" <<EOF2
CUSTOM_HOOKS_DIR=$CASE_DIR/custom_hooks_dir
GL_ID=user-42
GL_USERNAME=bob
GL_PROTOCOL=ssh
GL_REPOSITORY=project-7
GL_PROJECT_PATH=group/app
EOF2
}

gitlab_check_audit() {
  python3 - "$CASE_DIR/audit.jsonl" "$audit_schema" "$1" <<'PY' || fail "audit lines do not name bob over gitlab"
import json, sys, jsonschema
schema = json.load(open(sys.argv[2]))
lines = [json.loads(l) for l in open(sys.argv[1])]
assert len(lines) == int(sys.argv[3]), lines
for l in lines:
    jsonschema.validate(l, schema)
    assert l["pusher"] == "bob" and l["pusher_source"] == "GL_USERNAME", l
    assert l["transport"] == "gitlab", l
PY
}

gitlab_per_project_and_global() {
  gitlab_repo "$CASE_ID"
  printf 'version: 1\naudit: {file: %s/audit.jsonl}\n' "$CASE_DIR" >"$CASE_DIR/pushgate.yaml"
  run_pushgate install --platform gitlab --repo "$BARE" --config "$CASE_DIR/pushgate.yaml"
  expect_status 0
  expect_stdout_line "installed $BARE/custom_hooks/pre-receive.d/pushgate"
  clone "$CASE_ID" file
  # A push option travels through Gitaly's environment.
  good_then_bad project -o ci.skip
  gitlab_check_audit 2
  run_pushgate uninstall --platform gitlab --repo "$BARE"
  expect_status 0

  run_pushgate install --platform gitlab --hooks-dir "$CASE_DIR/custom_hooks_dir" \
    --config "$CASE_DIR/pushgate.yaml"
  expect_status 0
  expect_stdout_line "installed $CASE_DIR/custom_hooks_dir/pre-receive.d/pushgate"
  good_then_bad global
  gitlab_check_audit 4
  # An editor's backup copy is not run (Gitaly skips *~).
  printf '#!/bin/sh\nexit 1\n' >"$CASE_DIR/custom_hooks_dir/pre-receive.d/pushgate~"
  chmod 755 "$CASE_DIR/custom_hooks_dir/pre-receive.d/pushgate~"
  printf 'a: 1\n' | add_file later.yaml
  commit "good"
  push origin HEAD:main
  expect_push_ok
}

gitlab_update_per_ref() {
  gitlab_repo "$CASE_ID"
  run_pushgate install --platform gitlab --repo "$BARE" --hook update
  expect_status 0
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
  expect_finding bad.yaml:2:1 yaml/duplicate-key
  expect_ref refs/heads/good "$(git rev-parse good)"
  expect_ref refs/heads/bad ""
}

# ------------------------------------------------------------------ Gitolite (real)

# gitolite_add_repo NAME [OPTION-LINE]: adds a repository to gitolite.conf and compiles it.
gitolite_add_repo() {
  printf '\nrepo %s\n    RW+     =   tester\n%s\n' "$1" "${2:-}" \
    >>"$SERVERS_DIR/gitolite/home/.gitolite/conf/gitolite.conf"
  gitolite_as_user 'gitolite setup' >"$CASE_DIR/gitolite-setup.out" 2>&1 ||
    fail "gitolite setup failed: $(cat "$CASE_DIR/gitolite-setup.out")"
}

# gitolite_pushgate ARGS...: runs pushgate as the gitolite user (as an administrator would).
gitolite_pushgate() {
  STATUS=0
  gitolite_as_user "$SERVERS_DIR/bin/pushgate $*" >"$CASE_DIR/stdout" 2>"$CASE_DIR/stderr" ||
    STATUS=$?
  it_normalize <"$CASE_DIR/stdout" >"$CASE_DIR/stdout.txt"
  echo "--- (as gitolite) pushgate $* (exit $STATUS)"
  cat "$CASE_DIR/stdout" "$CASE_DIR/stderr"
}

gitolite_common() {
  gitolite_add_repo "common$CASE_ID"
  gitolite_pushgate install --platform gitolite
  expect_status 0
  local local_code="$SERVERS_DIR/gitolite/home/local"
  expect_stdout_line "installed $local_code/hooks/common/pre-receive"
  grep -q '^next:' "$CASE_DIR/stdout.txt" && fail "install left a step to do: $(cat "$CASE_DIR/stdout.txt")"
  BARE=$(gitolite_repo_dir "common$CASE_ID")
  clone "common$CASE_ID" gitolite
  good_then_bad common
  # A repository created afterwards gets it too (gitolite links hooks/common into new ones).
  gitolite_add_repo "later$CASE_ID"
  clone "later$CASE_ID" gitolite
  good_then_bad later
  # Links that are not gitolite's link to our script stay (one dangling, one not).
  local later common
  later=$(gitolite_repo_dir "later$CASE_ID")
  common=$(gitolite_repo_dir "common$CASE_ID")
  ln -s "$local_code/hooks/common/post-receive" "$later/hooks/post-receive"
  ln -s /bin/true "$later/hooks/post-update"
  [ "$(readlink "$common/hooks/pre-receive")" = "$local_code/hooks/common/pre-receive" ] ||
    fail "gitolite did not link hooks/common/pre-receive into the repository"
  gitolite_pushgate uninstall --platform gitolite
  expect_status 0
  [ ! -e "$local_code/hooks/common/pre-receive" ] || fail "uninstall left hooks/common/pre-receive"
  # gitolite linked the script into each repository's hooks/: no link to it may dangle there.
  local repo
  for repo in "$common" "$later"; do
    [ ! -L "$repo/hooks/pre-receive" ] || fail "uninstall left $repo/hooks/pre-receive dangling"
    expect_stdout_line "removed $repo/hooks/pre-receive"
    [ -L "$repo/hooks/update" ] && [ -e "$repo/hooks/update" ] ||
      fail "uninstall touched gitolite's own update hook in $repo"
  done
  [ -L "$later/hooks/post-receive" ] || fail "uninstall removed a link that is not to its script"
  [ -L "$later/hooks/post-update" ] || fail "uninstall removed a link that is not to its script"
  rm "$later/hooks/post-receive" "$later/hooks/post-update"
  printf 'a: 1\na: 2\n' | add_file bad-after.yaml
  commit "broken, but pushgate is gone"
  push origin HEAD:main
  expect_push_ok
}

gitolite_repo_specific() {
  gitolite_pushgate install --platform gitolite --repo-specific
  expect_status 0
  expect_stdout_line "installed $SERVERS_DIR/gitolite/home/local/hooks/repo-specific/pushgate"
  gitolite_add_repo "gated$CASE_ID" '    option hook.pre-receive = pushgate'
  gitolite_add_repo "free$CASE_ID"
  BARE=$(gitolite_repo_dir "gated$CASE_ID")
  clone "gated$CASE_ID" gitolite
  good_then_bad specific
  clone "free$CASE_ID" gitolite
  printf 'a: 1\na: 2\n' | add_file bad.yaml
  commit "broken, in a repository without the option"
  push origin main
  expect_push_ok
  # gitolite linked the script into the gated repository as hooks/pre-receive.h00-pushgate;
  # uninstall removes that link and leaves gitolite's driver (hooks/pre-receive).
  local script="$SERVERS_DIR/gitolite/home/local/hooks/repo-specific/pushgate"
  local links
  links=$(find "$BARE/hooks" -maxdepth 1 -lname "$script" | wc -l)
  [ "$links" -eq 1 ] || fail "expected gitolite's one link to the script, found $links"
  gitolite_pushgate uninstall --platform gitolite --repo-specific
  expect_status 0
  [ ! -e "$script" ] || fail "uninstall left $script"
  links=$(find "$BARE/hooks" -maxdepth 1 -lname "$script" | wc -l)
  [ "$links" -eq 0 ] || fail "uninstall left $links dangling link(s) to the script"
  [ -L "$BARE/hooks/pre-receive" ] || fail "uninstall removed gitolite's hook driver"
}

gitolite_refuses_update() {
  gitolite_pushgate install --platform gitolite --hook update
  expect_status 2
  grep -q "gitolite's own update hook" "$CASE_DIR/stderr" || fail "no reason given"
}

run_case "gitea: pre-receive.d/pushgate in every repository under a root, via Gitea's dispatcher" gitea_root
run_case "forgejo: --hook update, per ref, via the dispatcher" gitea_update_per_ref
run_case "gitea: refuses a repository without Gitea's layout, and an unknown platform" gitea_refuses
run_case "gitlab: custom_hooks per project, then the global custom_hooks_dir, as Gitaly runs them" gitlab_per_project_and_global
run_case "gitlab: --hook update, per ref" gitlab_update_per_ref
run_case "gitolite: LOCAL_CODE hooks/common, new repositories included" gitolite_common
run_case "gitolite: repo-specific-hooks" gitolite_repo_specific
run_case "gitolite: refuses the update hook" gitolite_refuses_update

it_finish
