#!/usr/bin/env bash
# Ref kinds over real pushes (file:// and ssh): new branches, lightweight and annotated tags,
# deletions, force-pushes, several refs in one push and --atomic. pre-receive is all or nothing:
# when one ref is rejected, no ref moves.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate
ssh_start || it_abort "sshd did not start"

# commit_broken PATH: commits a file with a duplicate key (line 2, column 1).
commit_broken() {
  printf 'a: 1\na: 2\n' | add_file "$1"
  commit "broken $1"
}

commit_good() {
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n' "$(basename "$1" .yaml)" |
    add_file "$1"
  commit "good $1"
}

new_branch() {
  repo_with_base "$1"
  git switch -q -c feature
  commit_good feature.yaml
  push origin feature
  expect_push_ok
  expect_ref refs/heads/feature "$(git rev-parse HEAD)"

  git switch -q -c broken-feature
  commit_broken broken.yaml
  push origin broken-feature
  expect_push_rejected
  expect_remote_line "pushgate: rejected refs/heads/broken-feature (1 error, 0 warnings) in N ms"
  expect_finding broken.yaml:2:1 yaml/duplicate-key
  expect_ref refs/heads/broken-feature ""
}

# A new branch is judged against the history the server already has: a broken file that is
# already on main does not block a branch that only adds a good file.
new_branch_judged_against_known_history() {
  bare_repo "$CASE_ID"
  mv "$BARE/hooks/pre-receive" "$CASE_DIR/pre-receive"
  clone "$CASE_ID" "$1"
  commit_broken legacy.yaml
  push origin main
  expect_push_ok
  mv "$CASE_DIR/pre-receive" "$BARE/hooks/pre-receive"

  git switch -q -c feature
  commit_good feature.yaml
  push origin feature
  expect_push_ok
  expect_ref refs/heads/feature "$(git rev-parse HEAD)"
}

# A branch with an entirely new history: every file in it is judged.
unrelated_history() {
  repo_with_base "$1"
  git switch -q --orphan fresh  # an empty index and work tree
  commit_good fresh/good.yaml
  commit_broken fresh/bad.yaml
  printf 'x: 1\n' | add_file fresh/later.yaml
  commit "a later good commit"
  push origin fresh
  expect_push_rejected
  expect_finding fresh/bad.yaml:2:1 yaml/duplicate-key
  expect_ref refs/heads/fresh ""
}

lightweight_tag() {
  repo_with_base "$1"
  git tag v1
  push origin v1
  expect_push_ok
  expect_ref refs/tags/v1 "$BASE"

  commit_broken broken.yaml  # not pushed to any branch: only the tag brings it
  git tag v2
  push origin v2
  expect_push_rejected
  expect_remote_line "pushgate: rejected refs/tags/v2 (1 error, 0 warnings) in N ms"
  expect_finding broken.yaml:2:1 yaml/duplicate-key
  expect_ref refs/tags/v2 ""
}

annotated_tag() {
  repo_with_base "$1"
  git tag -a -m "release 1" v1
  push origin v1
  expect_push_ok
  expect_ref refs/tags/v1 "$(git rev-parse v1)"

  commit_broken broken.yaml
  git tag -a -m "release 2" v2
  push origin v2
  expect_push_rejected
  expect_remote_line "pushgate: rejected refs/tags/v2 (1 error, 0 warnings) in N ms"
  expect_finding broken.yaml:2:1 yaml/duplicate-key
  expect_ref refs/tags/v2 ""
}

# Deleting a ref checks nothing, even when the deleted branch holds broken files.
deletion() {
  bare_repo "$CASE_ID"
  mv "$BARE/hooks/pre-receive" "$CASE_DIR/pre-receive"
  clone "$CASE_ID" "$1"
  commit_good base.yaml
  push origin main
  git switch -q -c old
  commit_broken broken.yaml
  push origin old
  expect_push_ok
  mv "$CASE_DIR/pre-receive" "$BARE/hooks/pre-receive"

  push origin --delete old
  expect_push_ok
  expect_ref refs/heads/old ""
  expect_no_finding yaml/duplicate-key
}

force_push() {
  repo_with_base "$1"
  commit_good second.yaml
  push origin main
  expect_push_ok
  local second
  second=$(git rev-parse HEAD)

  # Rewrite main: drop "second", add a broken file instead.
  git reset -q --hard "$BASE"
  commit_broken broken.yaml
  push --force origin main
  expect_push_rejected
  expect_finding broken.yaml:2:1 yaml/duplicate-key
  expect_ref refs/heads/main "$second"

  git reset -q --hard "$BASE"
  commit_good replaced.yaml
  push --force origin main
  expect_push_ok
  expect_ref refs/heads/main "$(git rev-parse HEAD)"
}

several_refs() {
  repo_with_base "$1"
  git switch -q -c good
  commit_good good.yaml
  git switch -q -c bad main
  commit_broken bad.yaml
  git tag v1 good
  push origin good bad v1
  expect_push_rejected
  # One summary line per ref, in push order, then the findings.
  expect_remote_lines <<EOF
pushgate: accepted refs/heads/good (0 errors, 0 warnings) in N ms
pushgate: rejected refs/heads/bad (1 error, 0 warnings) in N ms
pushgate: accepted refs/tags/v1 (0 errors, 0 warnings) in N ms
bad.yaml:2:1: error[yaml/duplicate-key]: key \`a\` is defined twice in this mapping (first at line 1, column 1); remove or rename one of them
    2 | a: 2
      | ^
$RULES_HINT
EOF
  # pre-receive judges the push as a whole: the good refs do not land either.
  expect_ref refs/heads/good ""
  expect_ref refs/heads/bad ""
  expect_ref refs/tags/v1 ""

  push origin good v1
  expect_push_ok
  expect_ref refs/heads/good "$(git rev-parse good)"
  expect_ref refs/tags/v1 "$(git rev-parse good)"
}

# With `pushgate hook update` instead of pre-receive, git judges each ref alone: the good ref
# lands, only the broken one is refused.
update_hook_per_ref() {
  repo_with_base "$1"
  rm "$BARE/hooks/pre-receive"
  # shellcheck disable=SC2016  # $1..$3 are the hook's arguments
  printf '#!/bin/sh\nexec %s hook update "$1" "$2" "$3"\n' "$PUSHGATE_BIN" >"$BARE/hooks/update"
  chmod 755 "$BARE/hooks/update"
  git switch -q -c good
  commit_good good.yaml
  git switch -q -c bad main
  commit_broken bad.yaml
  push origin good bad
  [ "$PUSH_STATUS" -ne 0 ] || fail "expected the push of bad to fail"
  grep -qxF "!	refs/heads/bad:refs/heads/bad	[remote rejected] (hook declined)" \
    "$CASE_DIR/push.out" || fail "git did not report bad as refused by the update hook"
  expect_remote_line "pushgate: rejected refs/heads/bad (1 error, 0 warnings) in N ms"
  expect_finding bad.yaml:2:1 yaml/duplicate-key
  expect_ref refs/heads/good "$(git rev-parse good)"
  expect_ref refs/heads/bad ""
}

atomic() {
  repo_with_base "$1"
  git switch -q -c one
  commit_good one.yaml
  git switch -q -c two main
  commit_broken two.yaml
  push --atomic origin one two
  expect_push_rejected
  expect_finding two.yaml:2:1 yaml/duplicate-key
  expect_ref refs/heads/one ""
  expect_ref refs/heads/two ""

  git switch -q two
  git reset -q --hard main
  commit_good two.yaml
  push --atomic origin one two
  expect_push_ok
  expect_ref refs/heads/one "$(git rev-parse one)"
  expect_ref refs/heads/two "$(git rev-parse two)"
}

# The hook judges the pushed tip; fixing a broken file in a later commit of the same push is
# accepted in the default `validate: tip` mode.
fixed_before_tip() {
  repo_with_base "$1"
  commit_broken app.yaml
  commit_good app.yaml
  push origin main
  expect_push_ok
}

for transport in file ssh; do
  run_case "$transport: new branch" new_branch "$transport"
  run_case "$transport: new branch judged against known history" \
    new_branch_judged_against_known_history "$transport"
  run_case "$transport: unrelated history is judged whole" unrelated_history "$transport"
  run_case "$transport: lightweight tag" lightweight_tag "$transport"
  run_case "$transport: annotated tag" annotated_tag "$transport"
  run_case "$transport: deletion" deletion "$transport"
  run_case "$transport: force-push" force_push "$transport"
  run_case "$transport: several refs in one push" several_refs "$transport"
  run_case "$transport: --atomic" atomic "$transport"
  run_case "$transport: update hook refuses one ref" update_hook_per_ref "$transport"
  run_case "$transport: a fix before the tip is accepted" fixed_before_tip "$transport"
done

it_finish
