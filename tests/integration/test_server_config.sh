#!/usr/bin/env bash
# The server's configuration ($GIT_DIR/pushgate.yaml, or `install --config FILE`) over real
# pushes: a broken config rejects every push with a clear path:line:col message (fail closed);
# a valid one changes what is judged; the pushed commits can never weaken the policy.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

commit_broken() {
  printf 'a: 1\na: 2\n' | add_file "$1"
  commit "broken $1"
}

commit_good() {
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\n' | add_file "$1"
  commit "good $1"
}

# A config problem rejects even a good push, and says where the problem is.
config_rejects() {
  local location_regex=$1 rule=$2
  commit_good app.yaml
  push origin main
  expect_push_rejected
  grep -qE "${location_regex}: error\\[$rule\\]: " "$CASE_DIR/remote.txt" ||
    fail "no $rule finding matching '$location_regex'"
  expect_ref refs/heads/main "$BASE"
}

config_syntax_error() {
  repo_with_base file
  printf 'version: 1\nfiles:\n  include: [unclosed\n' >"$BARE/pushgate.yaml"
  config_rejects 'pushgate\.yaml:4:1' yaml/syntax
  # The hook runs in the repository (GIT_DIR=.): the config is named relative to it.
  expect_remote_lines <<EOF
pushgate: rejected (1 error, 0 warnings) in N ms
./pushgate.yaml:4:1: error[yaml/syntax]: did not find expected ',' or ']' while parsing a flow sequence started at line 3, column 12
$RULES_HINT
EOF
}

config_unknown_key() {
  repo_with_base file
  printf 'version: 1\nfiles:\n  exclud: ["vendor/**"]\n' >"$BARE/pushgate.yaml"
  config_rejects 'pushgate\.yaml:3:3' config/invalid
  expect_remote_lines <<EOF
pushgate: rejected (1 error, 0 warnings) in N ms
./pushgate.yaml:3:3: error[config/invalid]: unknown key "exclud" in \`files\`, did you mean \`exclude\`
    3 |   exclud: ["vendor/**"]
      |   ^^^^^^
$RULES_HINT
EOF
}

config_wrong_version() {
  repo_with_base file
  printf 'version: 2\n' >"$BARE/pushgate.yaml"
  config_rejects 'pushgate\.yaml:1:10' config/invalid
}

config_bad_size() {
  repo_with_base file
  printf 'version: 1\nfiles:\n  max_size: huge\n' >"$BARE/pushgate.yaml"
  config_rejects 'pushgate\.yaml:3:13' config/invalid
}

# A CODEOWNERS path outside the repository is an error, not a silently ignored policy.
config_codeowners_outside_repository() {
  repo_with_base file
  printf 'version: 1\nrefs:\n  - match: refs/heads/main\n    reviews: {codeowners: /CODEOWNERS}\n' >"$BARE/pushgate.yaml"
  config_rejects 'pushgate\.yaml:4:27' config/invalid
}

# `install --config FILE` makes the hook read FILE. Install refuses a FILE that does not exist
# (every push would be rejected); a FILE that disappears later rejects every push.
explicit_config() {
  local policy="$CASE_DIR/policy/pushgate.yaml" missing="$CASE_DIR/nowhere/pushgate.yaml"
  git init -q --bare -b main "$SERVERS_DIR/repos/$CASE_ID.git"
  run_pushgate install --repo "$SERVERS_DIR/repos/$CASE_ID.git" --config "$missing"
  expect_status 2
  grep -qF "$missing" "$CASE_DIR/stderr.txt" || fail "the refusal does not name the missing file"
  [ ! -e "$SERVERS_DIR/repos/$CASE_ID.git/hooks/pre-receive" ] || fail "a hook was installed anyway"
  rm -rf "$SERVERS_DIR/repos/$CASE_ID.git"

  mkdir -p "$CASE_DIR/policy"
  printf 'version: 1\nfiles:\n  exclude: ["legacy/**"]\n' >"$policy"
  bare_repo "$CASE_ID" --config "$policy"
  clone "$CASE_ID" file
  commit_broken legacy/old.yaml
  push origin main
  expect_push_ok
  commit_broken current.yaml
  push origin main
  expect_push_rejected
  expect_finding current.yaml:2:1 yaml/duplicate-key

  git reset -q --hard HEAD~1
  rm "$policy"
  commit_good app.yaml
  push origin main
  expect_push_rejected
  expect_finding "$policy" config/missing
}

# $GIT_DIR/pushgate.yaml is a symbolic link whose target was moved: the link is "the file", so
# every push is rejected with the link and its target named; neither /etc/pushgate nor the
# built-in defaults (which would accept this good ConfigMap) are used. Restoring the target
# brings its policy back.
dangling_config_link() {
  repo_with_base file
  local policy="$CASE_DIR/policy/pushgate.yaml"
  mkdir -p "$CASE_DIR/policy"
  printf 'version: 1\nfiles:\n  max_size: 1KiB\n' >"$CASE_DIR/policy/moved.yaml"
  ln -s "$policy" "$BARE/pushgate.yaml"
  commit_good app.yaml
  push origin main
  expect_push_rejected
  expect_remote_lines <<EOF
pushgate: rejected (1 error, 0 warnings) in N ms
./pushgate.yaml: error[config/unreadable]: config file ./pushgate.yaml is a dangling symbolic link to $policy; restore the target or replace the link with the config file (pushgate does not fall back to another config or the defaults)
$RULES_HINT
EOF
  expect_ref refs/heads/main "$BASE"
  mv "$CASE_DIR/policy/moved.yaml" "$policy"
  push origin main
  expect_push_ok
  { printf 'data:\n'; for i in $(seq 100); do printf '  key%03d: value\n' "$i"; done; } |
    add_file two-kib.yaml
  commit "a 1.5 KiB manifest"
  push origin main
  expect_push_rejected
  expect_finding two-kib.yaml yaml/too-large
}

exclude_glob() {
  repo_with_base file
  printf 'version: 1\nfiles:\n  exclude: ["vendor/**"]\n' >"$BARE/pushgate.yaml"
  commit_broken vendor/upstream/broken.yaml
  push origin main
  expect_push_ok
  commit_broken mine.yaml
  push origin main
  expect_push_rejected
  expect_finding mine.yaml:2:1 yaml/duplicate-key
}

smaller_max_size() {
  repo_with_base file
  printf 'version: 1\nfiles:\n  max_size: 1KiB\n' >"$BARE/pushgate.yaml"
  { printf 'data:\n'; for i in $(seq 100); do printf '  key%03d: value\n' "$i"; done; } |
    add_file two-kib.yaml
  commit "a 1.5 KiB manifest"
  push origin main
  expect_push_rejected
  expect_finding two-kib.yaml yaml/too-large
}

validate_refs_subset() {
  repo_with_base file
  printf 'version: 1\nvalidate_refs: ["refs/heads/main"]\n' >"$BARE/pushgate.yaml"
  git switch -q -c scratch
  commit_broken scratch.yaml
  push origin scratch
  expect_push_ok
  git switch -q main
  commit_broken main.yaml
  push origin main
  expect_push_rejected
}

every_commit() {
  repo_with_base file
  printf 'version: 1\nvalidate: every-commit\n' >"$BARE/pushgate.yaml"
  # Broken in the middle, fixed at the tip: `tip` mode would accept this (test_push_refs.sh).
  commit_broken app.yaml
  commit_good app.yaml
  push origin main
  expect_push_rejected
  expect_finding app.yaml:2:1 yaml/duplicate-key
  expect_ref refs/heads/main "$BASE"
}

# Server mode never reads policy from the pushed commits: a pushed .pushgate.yaml that excludes
# everything changes nothing.
pushed_config_ignored() {
  repo_with_base file
  printf 'version: 1\nfiles:\n  exclude: ["**"]\n' | add_file .pushgate.yaml
  printf 'version: 1\nfiles:\n  exclude: ["**"]\n' | add_file pushgate.yaml
  commit_broken app.yaml
  push origin main
  expect_push_rejected
  expect_finding app.yaml:2:1 yaml/duplicate-key
}

run_case "config: YAML syntax error rejects" config_syntax_error
run_case "config: unknown key rejects with a suggestion" config_unknown_key
run_case "config: version 2 rejects" config_wrong_version
run_case "config: bad size rejects" config_bad_size
run_case "config: a CODEOWNERS path outside the repository rejects" config_codeowners_outside_repository
run_case "config: install --config FILE; a missing FILE rejects" explicit_config
run_case "config: a dangling pushgate.yaml link rejects, no fallback" dangling_config_link
run_case "config: files.exclude" exclude_glob
run_case "config: files.max_size" smaller_max_size
run_case "config: validate_refs" validate_refs_subset
run_case "config: validate every-commit" every_commit
run_case "config: a pushed config is ignored" pushed_config_ignored

it_finish
