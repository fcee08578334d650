# shellcheck shell=bash
# gitolite3 under its own system user, with its own sshd on 127.0.0.1:$GITOLITE_PORT (sourced by
# harness.sh). gitolite_start HOOK [REPO...] creates the repositories (default: hooked), each with
# HOOK as its pre-receive through gitolite's repo-specific-hooks feature, writable by the gitolite
# user "tester" (the harness's client key). Gitolite sets GL_USER=tester for the hook.
#
# The hook runs as $GITOLITE_USER, not root: HOOK and everything it executes must be readable by
# that user (servers_init makes $SERVERS_DIR 0711 for this).
gitolite_start() {
  local hook=$1
  shift
  local repos=("$@") d="$SERVERS_DIR/gitolite" repo
  [ ${#repos[@]} -gt 0 ] || repos=(hooked)
  [ -x "$hook" ] || { echo "harness: gitolite hook '$hook' is not an executable file" >&2; return 1; }
  mkdir -m 711 "$d"
  mkdir -m 700 "$d/keys"
  # A name of our own per run (pids are unique among live runs); recorded before it exists so
  # that teardown, or the watchdog, removes it whatever happens next.
  GITOLITE_USER="pgit$$"
  echo "$GITOLITE_USER" >"$SERVERS_DIR/gitolite-user"
  useradd -m -d "$d/home" -s /bin/sh -c "pushgate test gitolite" "$GITOLITE_USER" || return 1
  # useradd leaves the account locked ('!'); sshd (UsePAM no) refuses key logins to locked users.
  usermod -p '*' "$GITOLITE_USER" || return 1
  local home="$d/home" log="$SERVERS_DIR/logs/gitolite-setup.log"
  install -o "$GITOLITE_USER" -m 644 "$SERVERS_DIR/client/id_ed25519.pub" "$home/tester.pub"
  gitolite_as_user 'git config --global init.defaultBranch main &&
      git config --global receive.advertisePushOptions true &&
      gitolite setup -pk ~/tester.pub' >"$log" 2>&1 || { cat "$log" >&2; return 1; }
  # Enable LOCAL_CODE (~/local) and the repo-specific-hooks feature, both commented out by default.
  sed -i -e 's|^\( *\)# \(LOCAL_CODE *=> *"\$ENV{HOME}/local",\)|\1\2|' \
    -e "s|^\( *\)# \('repo-specific-hooks',\)|\1\2|" "$home/.gitolite.rc"
  if ! grep -q '^ *LOCAL_CODE *=> *"$ENV{HOME}/local",' "$home/.gitolite.rc" ||
    ! grep -q "^ *'repo-specific-hooks'," "$home/.gitolite.rc"; then
    echo "harness: could not enable LOCAL_CODE and repo-specific-hooks in $home/.gitolite.rc" >&2
    return 1
  fi
  gitolite_as_user 'mkdir -p ~/local/hooks/repo-specific'
  install -o "$GITOLITE_USER" -m 755 "$hook" "$home/local/hooks/repo-specific/gate"
  for repo in "${repos[@]}"; do
    printf '\nrepo %s\n    RW+     =   tester\n    option hook.pre-receive = gate\n' "$repo" \
      >>"$home/.gitolite/conf/gitolite.conf"
  done
  # Compiling the conf directly (instead of pushing gitolite-admin) creates the repositories.
  gitolite_as_user 'gitolite setup' >>"$log" 2>&1 || { cat "$log" >&2; return 1; }

  GITOLITE_PORT=$(servers_free_port) || return 1
  cat >"$d/sshd_config" <<CONF
Port $GITOLITE_PORT
ListenAddress 127.0.0.1
HostKey $d/keys/host_key
PidFile $d/sshd.pid
AuthorizedKeysFile .ssh/authorized_keys
AllowUsers $GITOLITE_USER
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes yes
PrintMotd no
LogLevel VERBOSE
CONF
  ssh-keygen -q -t ed25519 -N '' -C host -f "$d/keys/host_key" || return 1
  [ -d /run/sshd ] || mkdir -m 0755 /run/sshd
  /usr/sbin/sshd -t -f "$d/sshd_config" || return 1
  /usr/sbin/sshd -D -e -f "$d/sshd_config" </dev/null >/dev/null \
    2>"$SERVERS_DIR/logs/gitolite-sshd.log" &
  servers_track_pid $!
  servers_wait_port "$GITOLITE_PORT" "$SERVERS_DIR/logs/gitolite-sshd.log"
}

# The bare repository gitolite keeps for REPO (to inspect refs after a push; read it with
# `git -c safe.directory='*'`, it belongs to the gitolite user).
gitolite_repo_dir() { echo "$SERVERS_DIR/gitolite/home/repositories/$1.git"; }

# Runs a shell command as the gitolite user in its home, with a clean environment: the test's own
# GIT_* and HOME settings must not leak into gitolite's set-up.
gitolite_as_user() {
  env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
    su -s /bin/sh "$GITOLITE_USER" -c "cd && $1"
}
