# shellcheck shell=bash
# sshd as root on 127.0.0.1:$SSH_PORT serving $SERVERS_DIR/repos (sourced by harness.sh).
# The client key logs in as root; authorized_keys sets PUSHER=tester for the hook, as a real
# server binds an identity to a key.
ssh_start() {
  local d="$SERVERS_DIR/ssh"
  mkdir -m 700 "$d"
  SSH_PORT=$(servers_free_port) || return 1
  ssh-keygen -q -t ed25519 -N '' -C host -f "$d/host_key" || return 1
  echo "environment=\"PUSHER=tester\" $(cat "$SERVERS_DIR/client/id_ed25519.pub")" \
    >"$d/authorized_keys"
  chmod 600 "$d/authorized_keys"
  # StrictModes no: the keys live under a temp folder sshd would call unsafe.
  # UsePAM no: no PAM session (and no login messages) for a test server.
  # PermitUserEnvironment PUSHER: otherwise environment= in authorized_keys is silently ignored.
  cat >"$d/sshd_config" <<CONF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $d/host_key
PidFile $d/sshd.pid
AuthorizedKeysFile $d/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitUserEnvironment PUSHER
PrintMotd no
LogLevel VERBOSE
CONF
  [ -d /run/sshd ] || mkdir -m 0755 /run/sshd  # privilege-separation folder, normally made by the init system
  /usr/sbin/sshd -t -f "$d/sshd_config" || return 1
  # Absolute path and -D (foreground): sshd re-executes itself, and $! must be the server.
  /usr/sbin/sshd -D -e -f "$d/sshd_config" </dev/null >/dev/null 2>"$SERVERS_DIR/logs/sshd.log" &
  servers_track_pid $!
  servers_wait_port "$SSH_PORT" "$SERVERS_DIR/logs/sshd.log"
}
