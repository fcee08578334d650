#!/usr/bin/env bash
# pushgate behind each real server stack: sshd, smart HTTP (nginx + fcgiwrap + git http-backend,
# where the hook gets no HOME and a minimal PATH) and gitolite3 (the hook runs as gitolite's own
# user through repo-specific-hooks). For each: a good push is accepted, a broken one rejected with
# the finding shown as `remote:` lines, and the server's branch keeps the accepted commit.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

# gitolite's user cannot enter root's build folder: give it a copy of the binary in the (0711)
# harness folder, and the hook a gitolite administrator would write.
mkdir -m 755 "$SERVERS_DIR/bin"
install -m 755 "$PUSHGATE_BIN" "$SERVERS_DIR/bin/pushgate"
gitolite_hook="$SERVERS_DIR/bin/pushgate-pre-receive"
printf '#!/bin/sh\nexec %s hook pre-receive\n' "$SERVERS_DIR/bin/pushgate" >"$gitolite_hook"
chmod 755 "$gitolite_hook"

ssh_start || it_abort "sshd did not start"
http_start || it_abort "nginx + fcgiwrap did not start"
gitolite_start "$gitolite_hook" gated || it_abort "gitolite did not start"

# accept_then_reject TRANSPORT REPO: REPO is served by TRANSPORT (and already exists for gitolite).
accept_then_reject() {
  local transport=$1 repo=$2
  if [ "$transport" = gitolite ]; then
    BARE=$(gitolite_repo_dir "$repo")
  else
    bare_repo "$repo"
  fi
  clone "$repo" "$transport"
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n' | add_file apps/app.yaml
  commit "a good config map"
  push origin main
  expect_push_ok
  local accepted
  accepted=$(git rev-parse HEAD)
  expect_ref refs/heads/main "$accepted"

  add_file apps/app.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: app
  name: app2
EOF
  commit "metadata.name twice"
  push origin main
  expect_push_rejected
  # Every transport relays the hook's report unchanged.
  expect_remote_lines <<EOF
pushgate: rejected refs/heads/main (1 error, 0 warnings) in N ms
apps/app.yaml:5:3: error[yaml/duplicate-key]: key \`name\` is defined twice in this mapping (first at line 4, column 3); remove or rename one of them
    5 |   name: app2
      |   ^^^^
$RULES_HINT
EOF
  expect_ref refs/heads/main "$accepted"
}

# Above 1 MiB through nginx (client_max_body_size) and through pushgate's default size limit:
# a large non-manifest file is not parsed, so it passes.
large_http_push() {
  bare_repo "$CASE_ID"
  clone "$CASE_ID" http
  head -c 3000000 /dev/urandom | add_file assets/blob.bin
  printf 'x: 1\n' | add_file small.yaml
  commit "3 MB of noise and a small manifest"
  push origin main
  expect_push_ok
}

run_case "ssh: accept, then reject" accept_then_reject ssh sshgated
run_case "smart http: accept, then reject" accept_then_reject http httpgated
run_case "gitolite: accept, then reject" accept_then_reject gitolite gated
run_case "smart http: a push above 1 MiB" large_http_push

it_finish
