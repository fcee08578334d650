# shellcheck shell=bash
# Smart HTTP on 127.0.0.1:$HTTP_PORT: nginx -> fcgiwrap -> git http-backend, serving
# $SERVERS_DIR/repos under /git/ with basic auth (alice/alicepw) so REMOTE_USER reaches the hook
# (sourced by harness.sh). With HTTP_GIT_CONFIG_SYSTEM set, git http-backend (and the hooks it
# runs) reads that file as git's system config instead of /etc/gitconfig.
http_start() {
  local d="$SERVERS_DIR/http"
  mkdir -p "$d/tmp"
  HTTP_PORT=$(servers_free_port) || return 1
  # nginx reads {PLAIN} passwords: no openssl needed for a throw-away account.
  echo 'alice:{PLAIN}alicepw' >"$d/htpasswd"
  cat >"$d/nginx.conf" <<CONF
daemon off;
master_process on;
worker_processes 1;
# Workers run as nobody otherwise and cannot enter the mktemp folder or the socket (502).
user root;
pid $d/nginx.pid;
error_log $SERVERS_DIR/logs/nginx-error.log info;
events { worker_connections 64; }
http {
    access_log $SERVERS_DIR/logs/nginx-access.log;
    # The defaults are under /var/lib/nginx, shared with any system nginx.
    client_body_temp_path $d/tmp/body;
    fastcgi_temp_path     $d/tmp/fastcgi;
    proxy_temp_path       $d/tmp/proxy;
    scgi_temp_path        $d/tmp/scgi;
    uwsgi_temp_path       $d/tmp/uwsgi;
    # The default 1m fails pushes above 1 MiB with HTTP 413.
    client_max_body_size 0;
    server {
        listen 127.0.0.1:$HTTP_PORT;
        location ~ ^/git(/.*)\$ {
            auth_basic "git";
            auth_basic_user_file $d/htpasswd;
            include /etc/nginx/fastcgi_params;   # Debian's copy passes REMOTE_USER
            fastcgi_param SCRIPT_FILENAME /usr/lib/git-core/git-http-backend;
            fastcgi_param PATH_INFO \$1;
            fastcgi_param GIT_PROJECT_ROOT $SERVERS_DIR/repos;
            fastcgi_param GIT_HTTP_EXPORT_ALL "";
            ${HTTP_GIT_CONFIG_SYSTEM:+fastcgi_param GIT_CONFIG_SYSTEM $HTTP_GIT_CONFIG_SYSTEM;}
            # Keep the base64 credentials out of the hook's environment.
            fastcgi_param HTTP_AUTHORIZATION "";
            fastcgi_pass unix:$d/fcgiwrap.sock;
        }
    }
}
CONF
  rm -f "$d/fcgiwrap.sock"  # a stale socket makes fcgiwrap fail with "Address already in use"
  # No -c: a single fcgiwrap process, so stopping its pid stops it all.
  fcgiwrap -s "unix:$d/fcgiwrap.sock" </dev/null >/dev/null 2>"$SERVERS_DIR/logs/fcgiwrap.log" &
  servers_track_pid $!
  nginx -t -q -p "$d/" -c "$d/nginx.conf" -e "$SERVERS_DIR/logs/nginx-error.log" || return 1
  # daemon off: $! is the master; TERM stops its workers too.
  nginx -p "$d/" -c "$d/nginx.conf" -e "$SERVERS_DIR/logs/nginx-error.log" \
    </dev/null >/dev/null 2>>"$SERVERS_DIR/logs/nginx-error.log" &
  servers_track_pid $!
  servers_wait_port "$HTTP_PORT" "$SERVERS_DIR/logs/nginx-error.log" || return 1

  for _ in $(seq 100); do
    [ -S "$d/fcgiwrap.sock" ] && return 0
    sleep 0.05
  done
  echo "harness: fcgiwrap never created its socket; log:" >&2
  cat "$SERVERS_DIR/logs/fcgiwrap.log" >&2
  return 1
}
