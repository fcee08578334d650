#!/usr/bin/env bash
# `reviews:` of `refs:` entries (git/reviews) over real pushes into real bare repositories:
# enough approvals accepted, too few rejected, the author's own approval not counted, an unlisted
# reviewer not counted, approvals on the merge commit covering the branch it brings, and a listed
# merge bot pusher accepted without trailers. Over file:// the hook inherits the pusher's
# environment (GL_USER), which stands in for the variable a server platform sets.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

server_config() {
  { echo "version: 1"; cat; } >"$BARE/pushgate.yaml"
}

short() { git rev-parse --short=7 "$1"; }

# lib.sh commits as "Test Author <author@example.com>".
approvals_counted() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    reviews: {approvals: 2}
EOF2
  printf 'a: 1\n' | add_file a.yaml
  git commit -q -m "feat: a" -m "Reviewed-by: Bob <bob@example.com>"
  push origin main
  expect_push_rejected
  expect_finding "refs/heads/main $(short HEAD)" git/reviews
  expect_output_contains "has 1 of 2 approvals"
  expect_output_contains "counted: Bob <bob@example.com>"
  expect_ref refs/heads/main "$BASE"

  # The author approving their own commit does not count.
  git commit -q --amend -m "feat: a" -m "Reviewed-by: Bob <bob@example.com>
Approved-by: Test Author <author@example.com>"
  push origin main
  expect_push_rejected
  expect_output_contains "Test Author <author@example.com> (the author)"
  expect_ref refs/heads/main "$BASE"

  git commit -q --amend -m "feat: a" -m "Reviewed-by: Bob <bob@example.com>
Approved-by: Carol <carol@example.com>"
  push origin main
  expect_push_ok
  expect_ref refs/heads/main "$(git rev-parse HEAD)"
}

listed_reviewers() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    reviews: {reviewers: [carol@example.com]}
EOF2
  printf 'a: 1\n' | add_file a.yaml
  git commit -q -m "feat: a" -m "Reviewed-by: Mallory <mallory@example.com>"
  push origin main
  expect_push_rejected
  expect_finding "refs/heads/main $(short HEAD)" git/reviews
  expect_output_contains "Mallory <mallory@example.com> (not a listed reviewer)"
  expect_ref refs/heads/main "$BASE"
  git commit -q --amend -m "feat: a" -m "Reviewed-by: Carol <CAROL@example.com>"
  push origin main
  expect_push_ok
}

merge_commit_approves_its_branch() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    reviews: {approvals: 1}
EOF2
  git checkout -q -b topic
  printf 'a: 1\n' | add_file a.yaml
  commit "feat: a"
  printf 'b: 1\n' | add_file b.yaml
  commit "feat: b"
  git checkout -q main
  git merge -q --no-ff topic -m "Merge topic"
  push origin main
  expect_push_rejected
  expect_finding "refs/heads/main $(short topic)" git/reviews
  expect_ref refs/heads/main "$BASE"
  git commit -q --amend -m "Merge topic" -m "Reviewed-by: Bob <bob@example.com>"
  push origin main
  expect_push_ok
  expect_ref refs/heads/main "$(git rev-parse HEAD)"
}

merge_bot() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    reviews: {approvals: 1, merge_bots: [merge-bot]}
EOF2
  printf 'a: 1\n' | add_file a.yaml
  commit "feat: unreviewed"
  GL_USER=alice push origin main
  expect_push_rejected
  expect_finding "refs/heads/main $(short HEAD)" git/reviews
  expect_ref refs/heads/main "$BASE"
  GL_USER=merge-bot push origin main
  expect_push_ok
  expect_ref refs/heads/main "$(git rev-parse HEAD)"
}

run_case "reviews: too few approvals rejected, the author's own not counted, enough accepted" approvals_counted
run_case "reviews: an unlisted reviewer rejected, a listed one accepted" listed_reviewers
run_case "reviews: approvals on the merge commit cover the branch it brings" merge_commit_approves_its_branch
run_case "reviews: a listed merge bot pusher needs no approvals" merge_bot
it_finish
