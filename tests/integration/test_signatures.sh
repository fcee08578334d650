#!/usr/bin/env bash
# `signatures:` in refs entries over real pushes: commits signed with a throw-away GnuPG key (made
# with gpg --quick-gen-key in a temporary GNUPGHOME) and a throw-away SSH key (ssh-keygen), checked
# by the hook against a server-side keyring and allowed-signers file; signed and annotated tags;
# and a signed push (git push --signed) naming the pusher by its key.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate
command -v gpg >/dev/null || it_abort "gpg is not installed (install/setup-debian.sh)"
command -v ssh-keygen >/dev/null || it_abort "ssh-keygen is not installed (install/setup-debian.sh)"

server_config() {
  { echo "version: 1"; cat; } >"$BARE/pushgate.yaml"
}

commit_file() {
  printf '%s\n' "$2" | add_file "$1"
  commit "$2"
}

short() { git rev-parse --short=7 "$1"; }

# gpg_setup: a client GNUPGHOME with two throw-away keys (the author's and a stranger's), and a
# server keyring ($KEYRING) trusting only the author's key. Short /tmp paths: gpg-agent's socket
# lives in GNUPGHOME and socket paths are limited to 108 bytes.
gpg_setup() {
  GNUPGHOME=$(mktemp -d /tmp/pg-gpg.XXXXXX)
  export GNUPGHOME
  trap 'gpgconf --kill gpg-agent >/dev/null 2>&1; rm -rf "$GNUPGHOME" "$KEYRING"' EXIT
  KEYRING=$(mktemp -d /tmp/pg-ring.XXXXXX)
  chmod 700 "$GNUPGHOME" "$KEYRING"
  gpg --batch --quiet --passphrase '' --quick-gen-key "Test Author <author@example.com>" ed25519 sign never
  gpg --batch --quiet --passphrase '' --quick-gen-key "Stranger <stranger@example.com>" ed25519 sign never
  AUTHOR_KEY=$(gpg --list-keys --with-colons author@example.com | awk -F: '/^fpr/ {print $10; exit}')
  STRANGER_KEY=$(gpg --list-keys --with-colons stranger@example.com | awk -F: '/^fpr/ {print $10; exit}')
  gpg --export --armor "$AUTHOR_KEY" | gpg --homedir "$KEYRING" --batch --quiet --import
}

# ssh_keys_setup: two throw-away SSH keys; $ALLOWED lists only the author's, for author@example.com.
ssh_keys_setup() {
  ssh-keygen -q -t ed25519 -N '' -C author -f "$CASE_DIR/author_key"
  ssh-keygen -q -t ed25519 -N '' -C stranger -f "$CASE_DIR/stranger_key"
  ALLOWED="$CASE_DIR/allowed_signers"
  echo "author@example.com namespaces=\"git\" $(cat "$CASE_DIR/author_key.pub")" >"$ALLOWED"
}

gpg_commit() {  # gpg_commit KEY MESSAGE
  printf '%s\n' "$2" | add_file "$2.txt"
  git -c gpg.format=openpgp -c user.signingkey="$1" commit -q -S -m "$2"
}

ssh_commit() {  # ssh_commit KEYFILE MESSAGE
  printf '%s\n' "$2" | add_file "$2.txt"
  git -c gpg.format=ssh -c user.signingkey="$1" commit -q -S -m "$2"
}

openpgp_signed_commits() {
  gpg_setup
  repo_with_base file
  server_config <<EOF2
refs:
  - match: refs/heads/main
    signatures: {commits: true, gpg_keyring: $KEYRING, signer_matches_author: true}
EOF2
  commit_file notes.txt "unsigned"
  push origin main
  expect_push_rejected
  expect_finding "refs/heads/main $(short HEAD)" git/signature
  expect_output_contains "is not signed, and refs matching \`refs/heads/main\` take only signed commits"
  expect_ref refs/heads/main "$BASE"

  git reset -q --hard "$BASE"
  gpg_commit "$STRANGER_KEY" "by-a-stranger"
  push origin main
  expect_push_rejected
  expect_output_contains "which is not in the server keyring"
  expect_ref refs/heads/main "$BASE"

  # The author's key, but the commit claims another author.
  git reset -q --hard "$BASE"
  GIT_AUTHOR_EMAIL=eve@example.com gpg_commit "$AUTHOR_KEY" "claims-eve"
  push origin main
  expect_push_rejected
  expect_output_contains "has no user id for eve@example.com"
  expect_ref refs/heads/main "$BASE"

  git reset -q --hard "$BASE"
  gpg_commit "$AUTHOR_KEY" "signed-one"
  gpg_commit "$AUTHOR_KEY" "signed-two"
  push origin main
  expect_push_ok
  expect_ref refs/heads/main "$(git rev-parse HEAD)"

  # Other branches are not covered by the entry.
  commit_file other.txt "unsigned elsewhere"
  push origin HEAD:refs/heads/topic
  expect_push_ok
}

ssh_signed_commits() {
  ssh_keys_setup
  repo_with_base file
  server_config <<EOF2
refs:
  - match: refs/heads/main
    signatures: {commits: true, ssh_allowed_signers: $ALLOWED, signer_matches_author: true}
EOF2
  commit_file notes.txt "unsigned"
  push origin main
  expect_push_rejected
  expect_finding "refs/heads/main $(short HEAD)" git/signature
  expect_ref refs/heads/main "$BASE"

  git reset -q --hard "$BASE"
  ssh_commit "$CASE_DIR/stranger_key" "by-a-stranger"
  push origin main
  expect_push_rejected
  expect_output_contains "is not by a key the allowed signers file lists for author@example.com"
  expect_ref refs/heads/main "$BASE"

  git reset -q --hard "$BASE"
  GIT_AUTHOR_EMAIL=eve@example.com ssh_commit "$CASE_DIR/author_key" "claims-eve"
  push origin main
  expect_push_rejected
  expect_output_contains "(the signer must be the author, eve@example.com)"
  expect_ref refs/heads/main "$BASE"

  git reset -q --hard "$BASE"
  ssh_commit "$CASE_DIR/author_key" "signed"
  push origin main
  expect_push_ok
  expect_ref refs/heads/main "$(git rev-parse HEAD)"
}

# Without signer_matches_author any listed key will do; an OpenPGP signature on an entry that
# trusts only SSH keys is refused.
ssh_any_listed_signer() {
  ssh_keys_setup
  gpg_setup
  repo_with_base file
  server_config <<EOF2
refs:
  - match: refs/heads/**
    signatures: {commits: true, ssh_allowed_signers: $ALLOWED}
EOF2
  GIT_AUTHOR_EMAIL=someone@example.com ssh_commit "$CASE_DIR/author_key" "by-someone"
  push origin main
  expect_push_ok

  gpg_commit "$AUTHOR_KEY" "openpgp"
  push origin main
  expect_push_rejected
  expect_output_contains "it has an OpenPGP signature, but this server trusts only SSH keys"
}

signed_tags() {
  gpg_setup
  repo_with_base file
  server_config <<EOF2
refs:
  - match: refs/tags/v*
    signatures: {tags: signed, gpg_keyring: $KEYRING}
  - match: refs/tags/**
    signatures: {tags: annotated}
EOF2
  git tag v1-light
  push origin v1-light
  expect_push_rejected
  expect_finding "refs/tags/v1-light $(short HEAD)" git/signature
  expect_output_contains "is a lightweight tag, and tags matching \`refs/tags/v*\` must be signed"

  git tag -a -m "release 1" v1-plain
  push origin v1-plain
  expect_push_rejected
  expect_output_contains "tag refs/tags/v1-plain is not signed"

  git tag -s -u "$STRANGER_KEY" -m "release 1" v1-stranger
  push origin v1-stranger
  expect_push_rejected
  expect_output_contains "which is not in the server keyring"

  git tag -s -u "$AUTHOR_KEY" -m "release 1" v1
  push origin v1
  expect_push_ok
  expect_ref refs/tags/v1 "$(git rev-parse v1)"

  git tag light
  push origin light
  expect_push_rejected
  expect_output_contains "must be annotated: create it with \`git tag -a\`"
  git tag -a -m "annotated" note
  push origin note
  expect_push_ok
}

# A config that requires signatures but trusts no key, or names a keyring that is not there.
bad_signatures_config() {
  repo_with_base file
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    signatures: {commits: true}
EOF2
  commit_file notes.txt "more"
  push origin main
  expect_push_rejected
  expect_output_contains "requires signatures but trusts no key"
  server_config <<'EOF2'
refs:
  - match: refs/heads/main
    signatures: {commits: true, gpg_keyring: /nonexistent/keyring}
EOF2
  push origin main
  expect_push_rejected
  expect_finding ./pushgate.yaml:4:46 config/invalid
}

# git push --signed: receive-pack verifies the push certificate, and the hook takes its key as
# the pusher only after verifying the certificate itself (the blob GIT_PUSH_CERT names, this
# push's updates, the signature against a keyring the config trusts: hooks/push_certificate.h).
signed_push_names_the_pusher() {
  gpg_setup
  repo_with_base file
  git -C "$BARE" config receive.certNonceSeed "test-seed"
  local key_id=${AUTHOR_KEY: -16}
  server_config <<EOF2
refs:
  - match: refs/heads/release/**
    protect: {deny_creation: true, creators: [$AUTHOR_KEY, $key_id]}
EOF2
  push origin HEAD:refs/heads/release/1
  expect_push_rejected
  expect_output_contains "cannot tell who pushed"

  # git verified the certificate, but the config trusts no keyring pushgate could verify it with.
  git -c user.signingkey="$AUTHOR_KEY" push --porcelain --signed origin HEAD:refs/heads/release/1 \
    >"$CASE_DIR/push.out" 2>&1 && fail "a signed push named the pusher without a keyring"
  grep -q "cannot tell who pushed" "$CASE_DIR/push.out" || fail "no 'cannot tell who pushed'"
  expect_ref refs/heads/release/1 ""

  server_config <<EOF2
refs:
  - match: refs/heads/release/**
    protect: {deny_creation: true, creators: [$AUTHOR_KEY, $key_id]}
    signatures: {gpg_keyring: $KEYRING}
EOF2
  git -c user.signingkey="$AUTHOR_KEY" push --porcelain --signed origin HEAD:refs/heads/release/1 \
    >"$CASE_DIR/push.out" 2>&1 || fail "the signed push was rejected: $(cat "$CASE_DIR/push.out")"
  expect_ref refs/heads/release/1 "$BASE"
}

run_case "OpenPGP: unsigned, stranger's key and another author rejected; the author's signature accepted" openpgp_signed_commits
run_case "SSH: unsigned, stranger's key and another author rejected; the author's signature accepted" ssh_signed_commits
run_case "SSH: any listed signer without signer_matches_author; OpenPGP refused on an SSH-only entry" ssh_any_listed_signer
run_case "tags: lightweight, unsigned and stranger-signed rejected; signed and annotated accepted" signed_tags
run_case "signatures config: no trusted key, or a missing keyring, rejects with its position" bad_signatures_config
run_case "signed push: the verified certificate's key names the pusher" signed_push_names_the_pusher
it_finish
