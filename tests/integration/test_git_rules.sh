#!/usr/bin/env bash
# Git rules (`refs:` in the server's pushgate.yaml) over real pushes into real bare repositories:
# for every rule a push it accepts and a push it rejects, with the ref left where it was.
# Over file:// the hook inherits the pusher's environment, which stands in for the variable a
# server platform sets (GL_USER for gitolite, REMOTE_USER for smart HTTP).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

# server_config: stdin becomes the bare repository's pushgate.yaml (after `version: 1`).
server_config() {
  { echo "version: 1"; cat; } >"$BARE/pushgate.yaml"
}

commit_file() {
  printf '%s\n' "$2" | add_file "$1"
  commit "$2"
}

short() { git rev-parse --short=7 "$1"; }

non_fast_forward() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    protect: {deny_non_fast_forward: true}
EOF2
  commit_file notes.txt "second"
  push origin main
  expect_push_ok
  local second
  second=$(git rev-parse HEAD)

  git reset -q --hard "$BASE"
  commit_file notes.txt "rewritten"
  push --force origin main
  expect_push_rejected
  expect_finding "refs/heads/main $(short HEAD)" git/non-fast-forward
  expect_ref refs/heads/main "$second"

  # Other branches are not protected: a force push there goes through.
  git push -q origin "$second:refs/heads/topic"
  push --force origin HEAD:refs/heads/topic
  expect_push_ok
}

deletion() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    protect: {deny_deletion: true}
EOF2
  git push -q origin main:refs/heads/scratch
  push origin --delete scratch
  expect_push_ok
  expect_ref refs/heads/scratch ""

  push origin --delete main
  expect_push_rejected
  expect_finding "refs/heads/main $(short "$BASE")" git/ref-deletion
  expect_ref refs/heads/main "$BASE"
}

creation() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/release/**
    protect: {deny_creation: true, creators: [release-bot]}
EOF2
  GL_USER=alice push origin HEAD:refs/heads/release/1
  expect_push_rejected
  expect_finding "refs/heads/release/1 $(short HEAD)" git/ref-creation
  expect_output_contains "creating refs/heads/release/1 is not allowed for alice"
  expect_ref refs/heads/release/1 ""

  # Nobody named: fail closed, saying which variables the server should set.
  push origin HEAD:refs/heads/release/1
  expect_push_rejected
  expect_output_contains "cannot tell who pushed"
  expect_output_contains "GL_USER"

  GL_USER=release-bot push origin HEAD:refs/heads/release/1
  expect_push_ok
  expect_ref refs/heads/release/1 "$BASE"
}

tag_move() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/tags/**
    protect: {deny_tag_move: true}
EOF2
  git tag v1
  push origin v1
  expect_push_ok
  commit_file notes.txt "next"
  push origin main
  expect_push_ok
  git tag -f v1 >/dev/null
  push --force origin v1
  expect_push_rejected
  expect_finding "refs/tags/v1 $(short HEAD)" git/tag-move
  expect_ref refs/tags/v1 "$BASE"
}

ref_name() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
  - match: refs/heads/**
    protect: {name_pattern: 'refs/heads/(feature|fix)/[a-z0-9-]+'}
EOF2
  push origin HEAD:refs/heads/feature/login
  expect_push_ok
  push origin HEAD:refs/heads/MyBranch
  expect_push_rejected
  expect_finding "refs/heads/MyBranch $(short HEAD)" git/ref-name
  expect_ref refs/heads/MyBranch ""
  # main matches the first entry, which has no pattern: first match wins.
  commit_file notes.txt "more"
  push origin main
  expect_push_ok
}

linear_history() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    protect: {history: linear}
EOF2
  git switch -q -c side
  commit_file side.txt "side"
  git switch -q main
  commit_file main.txt "main work"
  git merge -q --no-ff -m "merge side" side
  push origin main
  expect_push_rejected
  expect_finding "refs/heads/main $(short HEAD)" git/history
  expect_ref refs/heads/main "$BASE"

  git reset -q --hard HEAD^
  git rebase -q main side
  git switch -q main
  git merge -q --ff-only side
  push origin main
  expect_push_ok
}

merges_only() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    protect: {history: merges-only}
EOF2
  commit_file direct.txt "direct"
  push origin main
  expect_push_rejected
  expect_finding "refs/heads/main $(short HEAD)" git/history
  expect_ref refs/heads/main "$BASE"

  git reset -q --hard "$BASE"
  git switch -q -c side
  commit_file side.txt "side"
  git switch -q main
  git merge -q --no-ff -m "merge side" side
  push origin main
  expect_push_ok
  expect_ref refs/heads/main "$(git rev-parse HEAD)"
}

max_new_commits() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    protect: {max_new_commits: 2}
EOF2
  commit_file a.txt "one"
  commit_file b.txt "two"
  commit_file c.txt "three"
  push origin main
  expect_push_rejected
  expect_finding "refs/heads/main $(short HEAD)" git/max-new-commits
  expect_output_contains "push brings 3 new commits to refs/heads/main, more than the 2 allowed"
  git reset -q --hard HEAD^
  push origin main
  expect_push_ok
}

bad_refs_config() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: main
EOF2
  commit_file a.txt "one"
  push origin main
  expect_push_rejected
  expect_finding ./pushgate.yaml:3:12 config/invalid
  expect_output_contains "must match full ref names starting with refs/"
  expect_ref refs/heads/main "$BASE"
}

run_case "non-fast-forward: force push to main rejected, to a topic branch accepted" non_fast_forward
run_case "ref-deletion: main kept, other branches deletable" deletion
run_case "ref-creation: only listed creators, fail closed without a pusher" creation
run_case "tag-move: an existing tag cannot be re-pointed" tag_move
run_case "ref-name: new branch names follow the pattern, first entry wins" ref_name
run_case "history linear: merge commits rejected, rebased work accepted" linear_history
run_case "history merges-only: direct commits rejected, a merge accepted" merges_only
run_case "max-new-commits: three rejected, two accepted" max_new_commits
run_case "a bad refs entry rejects every push with its position" bad_refs_config
it_finish
