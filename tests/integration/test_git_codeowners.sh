#!/usr/bin/env bash
# Path ownership (git/codeowners) and policy admins (git/policy-admins) over real pushes into real
# bare repositories: an owned path without an owner's approval rejected, with an owner's
# Reviewed-by accepted, an owner as pusher accepted, a push that rewrites CODEOWNERS to make its
# pusher an owner still rejected (the file is read at the old tip), ref creation with and without
# codeowners_ref, a server-side codeowners_file, a malformed CODEOWNERS failing closed, and policy
# file changes rejected and accepted. Over file:// the hook inherits the pusher's environment
# (GL_USER, REMOTE_USER), which stands in for the variable a server platform sets.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

server_config() {
  { echo "version: 1"; cat; } >"$BARE/pushgate.yaml"
}

short() { git rev-parse --short=7 "$1"; }

# with_codeowners TEXT: main on the server gets a CODEOWNERS file with TEXT (pushed before any
# ownership rule is configured); sets BASE to the new main.
with_codeowners() {
  printf '%s\n' "$1" | add_file .github/CODEOWNERS
  commit "chore: owners"
  push origin main
  expect_push_ok
  BASE=$(git rev-parse HEAD)
}

owned_path_needs_owner() {
  repo_with_base file
  with_codeowners '/clusters/  @alice sec@example.com'
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    reviews: {codeowners: .github/CODEOWNERS}
EOF2
  printf 'replicas: 3\n' | add_file clusters/prod/app.yaml
  git commit -q -m "scale prod" -m "Reviewed-by: Carol <carol@example.com>"
  GL_USER=carol push origin main
  expect_push_rejected
  expect_finding clusters/prod/app.yaml git/codeowners
  expect_output_contains "commit $(git rev-parse --short=12 HEAD) changes clusters/prod/app.yaml, owned by @alice, sec@example.com (.github/CODEOWNERS at $(git rev-parse --short=12 "$BASE"):1 \"/clusters/\")"
  expect_output_contains "pushed by carol, not an owner"
  expect_ref refs/heads/main "$BASE"

  # Unowned paths pass as they are.
  git reset -q --hard "$BASE"
  printf 'a: 1\n' | add_file apps/a.yaml
  commit "feat: a"
  GL_USER=carol push origin main
  expect_push_ok
  BASE=$(git rev-parse HEAD)

  printf 'replicas: 3\n' | add_file clusters/prod/app.yaml
  git commit -q -m "scale prod" -m "Reviewed-by: alice <alice@example.com>"
  GL_USER=carol push origin main
  expect_push_ok
  expect_ref refs/heads/main "$(git rev-parse HEAD)"
}

no_pusher_names_the_variables() {
  repo_with_base file
  with_codeowners '*.yaml @alice'
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    reviews: {codeowners: .github/CODEOWNERS}
EOF2
  printf 'a: 1\n' | add_file a.yaml
  commit "feat: a"
  env -u GL_USER -u REMOTE_USER bash -c 'git push --porcelain origin main' >"$CASE_DIR/push.out" 2>&1 &&
    fail "expected the push to be rejected"
  grep -q "who pushed is unknown: pushgate looks in .*REMOTE_USER" "$CASE_DIR/push.out" ||
    fail "the message does not name the pusher variables: $(cat "$CASE_DIR/push.out")"
  expect_ref refs/heads/main "$BASE"
}

owner_pushes() {
  repo_with_base file
  with_codeowners '/clusters/ @Alice'
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    reviews: {codeowners: .github/CODEOWNERS}
EOF2
  printf 'replicas: 3\n' | add_file clusters/app.yaml
  commit "scale"
  GL_USER=bob push origin main
  expect_push_rejected
  expect_finding clusters/app.yaml git/codeowners
  GL_USER=alice push origin main
  expect_push_ok
  expect_ref refs/heads/main "$(git rev-parse HEAD)"
  BASE=$(git rev-parse HEAD)
  git rm -q clusters/app.yaml  # deleting an owned path is a change too
  commit "drop app"
  REMOTE_USER=bob push origin main
  expect_push_rejected
  expect_finding clusters/app.yaml git/codeowners
  REMOTE_USER=ALICE push origin main
  expect_push_ok
}

push_cannot_own_itself() {
  repo_with_base file
  with_codeowners '*  @alice'
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    reviews: {codeowners: .github/CODEOWNERS}
EOF2
  printf '*  @alice @mallory\n' >.github/CODEOWNERS
  git add .github/CODEOWNERS
  printf 'a: 1\n' | add_file a.yaml
  commit "make mallory an owner"
  GL_USER=mallory push origin main
  expect_push_rejected
  expect_finding .github/CODEOWNERS git/codeowners
  expect_finding a.yaml git/codeowners
  expect_output_contains "owned by @alice (.github/CODEOWNERS at $(git rev-parse --short=12 "$BASE"):1"
  expect_ref refs/heads/main "$BASE"
}

# A branch pushed first where nothing guards it still needs its owners when main takes it.
branch_pushed_elsewhere_first() {
  repo_with_base file
  with_codeowners '/clusters/ @alice'
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    reviews: {codeowners: .github/CODEOWNERS}
EOF2
  git checkout -q -b topic
  printf 'replicas: 3\n' | add_file clusters/app.yaml
  commit "scale"
  GL_USER=bob push origin topic
  expect_push_ok
  GL_USER=bob push origin topic:main
  expect_push_rejected
  expect_finding clusters/app.yaml git/codeowners
  expect_ref refs/heads/main "$BASE"
  GL_USER=alice push origin topic:main
  expect_push_ok
  expect_ref refs/heads/main "$(git rev-parse HEAD)"
}

ref_creation() {
  repo_with_base file
  with_codeowners '*.yaml @alice'
  server_config <<'EOF2'
refs:
  - match: refs/heads/release/*
    reviews: {codeowners: .github/CODEOWNERS}
  - match: refs/heads/stable/*
    reviews: {codeowners: .github/CODEOWNERS, codeowners_ref: refs/heads/main}
EOF2
  printf 'a: 1\n' | add_file a.yaml
  commit "feat: a"
  GL_USER=alice push origin HEAD:refs/heads/release/1
  expect_push_rejected
  expect_finding "refs/heads/release/1 $(short HEAD)" git/codeowners
  expect_output_contains "set \`reviews.codeowners_ref: refs/heads/main\`"
  GL_USER=bob push origin HEAD:refs/heads/stable/1
  expect_push_rejected
  expect_finding a.yaml git/codeowners
  GL_USER=alice push origin HEAD:refs/heads/stable/1
  expect_push_ok
  expect_ref refs/heads/stable/1 "$(git rev-parse HEAD)"
}

server_file_and_broken_file() {
  repo_with_base file
  printf '# on the server\n/base/ ops@example.com\n' >"$BARE/CODEOWNERS"
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    reviews: {codeowners_file: CODEOWNERS}
EOF2
  printf 'greeting: hi\n' >>base/config.yaml
  git add base/config.yaml
  commit "change base"
  push origin main
  expect_push_rejected
  expect_finding base/config.yaml git/codeowners
  expect_output_contains "owned by ops@example.com ($BARE/CODEOWNERS:2 \"/base/\")"
  git commit -q --amend -m "change base" -m "Approved-by: Ops <OPS@example.com>"
  push origin main
  expect_push_ok

  # A malformed line rejects every push until it is fixed (fail closed).
  printf '/base/ ops\n' >"$BARE/CODEOWNERS"
  printf 'b: 1\n' | add_file b.yaml
  commit "feat: b"
  push origin main
  expect_push_rejected
  expect_finding "$BARE/CODEOWNERS:1:8" git/codeowners
  expect_output_contains "owner \"ops\" is neither @user, @org/team nor an email address"
}

policy_admins() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    reviews: {policy_admins: ["@alice", sec@example.com]}
EOF2
  printf 'version: 1\nfiles:\n  exclude: ["**"]\n' | add_file .pushgate.yaml
  commit "relax the policy"
  GL_USER=bob push origin main
  expect_push_rejected
  expect_finding .pushgate.yaml git/policy-admins
  expect_output_contains "changes pushgate's policy file .pushgate.yaml without an approval from a policy admin (@alice, sec@example.com)"
  expect_ref refs/heads/main "$BASE"
  git commit -q --amend -m "relax the policy" -m "Reviewed-by: Security <sec@example.com>"
  GL_USER=bob push origin main
  expect_push_ok
  BASE=$(git rev-parse HEAD)
  git rm -q .pushgate.yaml
  commit "drop the policy"
  GL_USER=bob push origin main
  expect_push_rejected
  expect_finding .pushgate.yaml git/policy-admins
  GL_USER=alice push origin main
  expect_push_ok
  expect_ref refs/heads/main "$(git rev-parse HEAD)"
}

run_case "codeowners: an owned path without an owner's approval rejected, with one accepted" owned_path_needs_owner
run_case "codeowners: no pusher and no approval names the variables read" no_pusher_names_the_variables
run_case "codeowners: an owner as pusher accepted, deletions owned too" owner_pushes
run_case "codeowners: a push that makes its pusher an owner is judged by the old CODEOWNERS" push_cannot_own_itself
run_case "codeowners: a branch pushed elsewhere first still needs its owners on main" branch_pushed_elsewhere_first
run_case "codeowners: ref creation reads codeowners_ref, or fails closed" ref_creation
run_case "codeowners: a server codeowners_file, and a malformed one fails closed" server_file_and_broken_file
run_case "policy-admins: policy file changes need an admin's approval or push" policy_admins
it_finish
