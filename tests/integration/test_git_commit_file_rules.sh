#!/usr/bin/env bash
# Commit rules (`commits:`) and file rules (`files:`) of `refs:` entries over real pushes into real
# bare repositories: for every rule a push it accepts and a push it rejects, with the ref left
# where it was; a commit rule and a file rule also over sshd and smart HTTP (where nginx's basic
# auth sets REMOTE_USER, the pusher). Over file:// the hook inherits the pusher's environment,
# which stands in for the variable a server platform sets.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

server_config() {
  { echo "version: 1"; cat; } >"$BARE/pushgate.yaml"
}

short() { git rev-parse --short=7 "$1"; }

# ------------------------------------------------------------------ commit rules

commit_message() {
  repo_with_base "${1:-file}"
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    commits:
      message_must_match: ['^(feat|fix|docs|chore)(\([a-z0-9-]+\))?!?: \S']
      message_must_not_match: ['(?m)^(fixup|squash)! ', '\bWIP\b']
EOF2
  printf 'a: 1\n' | add_file a.yaml
  commit "feat: add a"
  printf 'a: 2\n' | add_file a.yaml
  git commit -q -m "fix: tune a" -m "still WIP, do not merge"
  local wip
  wip=$(git rev-parse HEAD)
  printf 'b: 1\n' | add_file b.yaml
  commit "feat: add b"
  push origin main
  expect_push_rejected
  # Not the tip: the middle commit, and the line of its message.
  expect_finding "refs/heads/main $(short "$wip")" git/commit-message
  expect_output_contains "message line 3 of commit ${wip:0:12} matches the forbidden pattern"
  expect_ref refs/heads/main "$BASE"

  git reset -q --hard "$BASE"
  printf 'a: 1\n' | add_file a.yaml
  commit "feat: add a"
  push origin main
  expect_push_ok
  expect_ref refs/heads/main "$(git rev-parse HEAD)"
}

subject_and_blank_line() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/**
    commits: {subject_max_length: 20, require_blank_second_line: true}
EOF2
  printf 'x\n' | add_file x.txt
  git commit -q --cleanup=verbatim -m "a subject that is far too long"
  push origin main
  expect_push_rejected
  expect_finding "refs/heads/main $(short HEAD)" git/commit-subject-length
  git commit -q --amend --cleanup=verbatim -m "$(printf 'short subject\nglued body')"
  push origin main
  expect_push_rejected
  expect_finding "refs/heads/main $(short HEAD)" git/commit-blank-line
  git commit -q --amend -m "short subject" -m "body after a blank line"
  push origin main
  expect_push_ok
}

commit_email() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    commits: {author_email: '.*@example\.com', committer_email: '.*@example\.com'}
EOF2
  printf 'x\n' | add_file x.txt
  GIT_AUTHOR_EMAIL=me@gmail.com git commit -q -m "private address"
  push origin main
  expect_push_rejected
  expect_finding "refs/heads/main $(short HEAD)" git/commit-email
  expect_output_contains "author email <me@gmail.com>"
  expect_ref refs/heads/main "$BASE"
  git commit -q --amend --reset-author -m "work address"
  push origin main
  expect_push_ok
}

committer_is_pusher() {
  local transport=${1:-file}
  repo_with_base "$transport"
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    commits: {committer_is_pusher: true}
EOF2
  printf 'x\n' | add_file x.txt
  GIT_COMMITTER_EMAIL=bob@example.com git commit -q -m "committed by bob"
  if [ "$transport" = file ]; then
    GL_USER=alice push origin main
  else
    push origin main  # smart HTTP: nginx authenticated alice, REMOTE_USER=alice
  fi
  expect_push_rejected
  expect_finding "refs/heads/main $(short HEAD)" git/committer-is-pusher
  expect_output_contains "is not the pusher alice"
  expect_ref refs/heads/main "$BASE"

  if [ "$transport" = file ]; then
    # Nobody named: fail closed, saying which variables the server should set.
    push origin main
    expect_push_rejected
    expect_output_contains "cannot tell who pushed"
    expect_output_contains "REMOTE_USER"
  fi

  GIT_COMMITTER_EMAIL=alice@example.com git commit -q --amend -m "committed by alice"
  if [ "$transport" = file ]; then GL_USER=alice push origin main; else push origin main; fi
  expect_push_ok
  expect_ref refs/heads/main "$(git rev-parse HEAD)"
}

signoff() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    commits: {require_signoff: true}
EOF2
  printf 'x\n' | add_file x.txt
  commit "no sign-off"
  push origin main
  expect_push_rejected
  expect_finding "refs/heads/main $(short HEAD)" git/signoff
  expect_output_contains "Signed-off-by: Test Author <author@example.com>"
  git commit -q --amend -m "signed off" -m "Signed-off-by: Test Author <author@example.com>"
  push origin main
  expect_push_ok
}

# ------------------------------------------------------------------ file rules

blob_size() {
  repo_with_base "${1:-file}"
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    files: {max_blob_size: 1KiB}
EOF2
  head -c 2000 /dev/zero | tr '\0' 'x' | add_file dump.sql
  commit "add a dump"
  local big
  big=$(git rev-parse HEAD)
  git rm -q dump.sql
  commit "remove the dump again"
  push origin main
  expect_push_rejected
  # Every new commit, not only the tip (which no longer has the file).
  expect_finding dump.sql git/blob-size
  expect_output_contains "commit ${big:0:12} adds a file of 2000 bytes, more than the 1KiB allowed"
  expect_ref refs/heads/main "$BASE"

  git reset -q --hard "$BASE"
  head -c 1024 /dev/zero | tr '\0' 'x' | add_file small.sql
  commit "a small file"
  push origin main
  expect_push_ok
}

forbidden_path() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    files: {forbidden_paths: ['**/*.pem'], forbidden_extensions: [.exe]}
EOF2
  printf 'key\n' | add_file certs/tls.pem
  commit "add a key"
  push origin main
  expect_push_rejected
  expect_finding certs/tls.pem git/forbidden-path
  git reset -q --hard "$BASE"
  printf 'MZ\n' | add_file tools/SETUP.EXE
  commit "add a tool"
  push origin main
  expect_push_rejected
  expect_finding tools/SETUP.EXE git/forbidden-path
  git reset -q --hard "$BASE"
  printf 'ok\n' | add_file certs/README.md
  commit "docs"
  push origin main
  expect_push_ok
}

binary_file() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    files: {text_only: ['**/*.md']}
EOF2
  add_bytes docs/notes.md 'text\0binary'
  commit "binary notes"
  push origin main
  expect_push_rejected
  expect_finding docs/notes.md git/binary-file
  git reset -q --hard "$BASE"
  add_bytes docs/logo.png '\x89PNG\0\0'
  printf '# notes\n' | add_file docs/notes.md
  commit "text notes and a png"
  push origin main
  expect_push_ok
}

symlinks() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    files: {symlinks: inside-tree}
EOF2
  ln -s ../../etc/passwd base/passwd
  git add base/passwd
  commit "link out"
  push origin main
  expect_push_rejected
  expect_finding base/passwd git/symlink
  git reset -q --hard "$BASE"
  mkdir prod
  ln -s ../base/config.yaml prod/config-link
  git add prod/config-link
  commit "link in"
  push origin main
  expect_push_ok
}

case_collision() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    files: {deny_case_collisions: true}
EOF2
  printf 'x: 1\n' | add_file base/Config.yaml
  commit "collide"
  push origin main
  expect_push_rejected
  expect_finding base/Config.yaml git/case-collision
  git reset -q --hard "$BASE"
  printf 'x: 1\n' | add_file base/other.yaml
  commit "no collision"
  push origin main
  expect_push_ok
}

path_rules() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    files: {max_path_length: 30, deny_unsafe_names: true}
EOF2
  printf 'x\n' | add_file "base/a-very-long-folder-name/file.txt"
  commit "long path"
  push origin main
  expect_push_rejected
  expect_finding base/a-very-long-folder-name/file.txt git/path-length
  git reset -q --hard "$BASE"
  printf 'x\n' | add_file "$(printf 'base/tab\there.txt')"
  commit "tab in a name"
  push origin main
  expect_push_rejected
  expect_output_contains "git/path-characters"
  expect_output_contains "control character (U+0009"
  git reset -q --hard "$BASE"
  printf 'x\n' | add_file base/café.txt
  commit "utf-8 is fine"
  push origin main
  expect_push_ok
}

submodules() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    files: {deny_submodules: true}
EOF2
  git update-index --add --cacheinfo "160000,$BASE,vendor/lib"
  commit "a submodule"
  push origin main
  expect_push_rejected
  expect_finding vendor/lib git/submodule
  expect_ref refs/heads/main "$BASE"
  git reset -q --hard "$BASE"
  printf 'x\n' | add_file vendor/lib/file.txt
  commit "vendored"
  push origin main
  expect_push_ok
}

bad_config() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    files: {symlinks: never}
EOF2
  printf 'x\n' | add_file x.txt
  commit "x"
  push origin main
  expect_push_rejected
  expect_finding ./pushgate.yaml:4:23 config/invalid
  expect_output_contains "inside-tree"
  expect_ref refs/heads/main "$BASE"
}

ssh_start || it_abort "sshd did not start"
http_start || it_abort "nginx + fcgiwrap did not start"

run_case "commit-message: a WIP commit in the middle rejected at its line, a clean one accepted" commit_message
run_case "commit-subject-length and commit-blank-line" subject_and_blank_line
run_case "commit-email: author outside the domain rejected" commit_email
run_case "committer-is-pusher: another committer rejected, fail closed without a pusher" committer_is_pusher
run_case "signoff: a commit without the author's sign-off rejected" signoff
run_case "blob-size: a large file added and removed again is rejected" blob_size
run_case "forbidden-path: globs and extensions" forbidden_path
run_case "binary-file: binary markdown rejected, a png accepted" binary_file
run_case "symlink inside-tree: a link out rejected, a link in accepted" symlinks
run_case "case-collision: Config.yaml next to config.yaml rejected" case_collision
run_case "path-length and path-characters" path_rules
run_case "submodule: a gitlink rejected, vendored files accepted" submodules
run_case "a bad files entry rejects every push with its position" bad_config
run_case "ssh: commit-message" commit_message ssh
run_case "ssh: blob-size" blob_size ssh
run_case "smart http: committer-is-pusher with REMOTE_USER" committer_is_pusher http
run_case "smart http: blob-size" blob_size http
it_finish
