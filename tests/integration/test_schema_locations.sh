#!/usr/bin/env bash
# kubeconform-style schema locations over real HTTP: a python3 http.server on 127.0.0.1 serves
# the shared kubeconform-format schemas (../shared/kubernetes/jsonschema/); pushgate fetches the
# kinds it needs into an on-disk cache. Server hooks read only the cache unless `fetch: always`;
# a cache miss or a server that is down is a clear error, never a silent pass.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

schemas_dir="$PUSHGATE_SHARED_DIR/kubernetes/jsonschema"
[ -d "$schemas_dir/v1.30.0-standalone-strict" ] || it_abort "no kubeconform schemas at $schemas_dir"

HTTP_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$schemas_dir" "$HTTP_PORT" \
  >"$SERVERS_DIR/http-server.log" 2>&1 &
HTTP_PID=$!
stop_http() { kill "$HTTP_PID" 2>/dev/null || true; wait "$HTTP_PID" 2>/dev/null || true; }
trap 'stop_http; it_teardown' EXIT
http_ok() { python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$1" 2>/dev/null; }
for _ in $(seq 50); do
  http_ok "http://127.0.0.1:$HTTP_PORT/SHA256SUMS" && break
  sleep 0.1
done
http_ok "http://127.0.0.1:$HTTP_PORT/SHA256SUMS" || it_abort "http.server did not start"

TEMPLATE="http://127.0.0.1:$HTTP_PORT/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json"

write_config() {  # write_config FILE CACHE [FETCH]
  printf 'version: 1\nkubernetes:\n  version: "1.30"\n  schemas: ["%s"]\n  cache: %s\n  fetch: %s\n  unknown_kinds: error\n' \
    "$TEMPLATE" "$2" "${3:-auto}" >"$1"
}

bad_deployment() {
  cat <<'EOF2'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: "2"
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0
EOF2
}

check_fetches_and_caches() {
  mkdir -p "$CASE_DIR/tree"
  bad_deployment >"$CASE_DIR/tree/web.yaml"
  write_config "$CASE_DIR/tree/.pushgate.yaml" "$CASE_DIR/cache"
  cd "$CASE_DIR/tree"
  run_pushgate check web.yaml
  expect_status 1
  expect_stdout_finding web.yaml:6:13 schema/type
  [ -f "$CASE_DIR/cache/127.0.0.1_$HTTP_PORT/v1.30.0-standalone-strict/deployment-apps-v1.json" ] ||
    fail "the fetched schema is not in the cache"
}

# With the server gone, the cache still serves the kinds it holds; a kind it lacks is an error.
cache_serves_when_the_server_is_down() {
  mkdir -p "$CASE_DIR/tree"
  bad_deployment >"$CASE_DIR/tree/web.yaml"
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: "1"}\n' >"$CASE_DIR/tree/cm.yaml"
  write_config "$CASE_DIR/tree/.pushgate.yaml" "$CASE_DIR/cache"
  cd "$CASE_DIR/tree"
  run_pushgate check web.yaml
  expect_status 1
  stop_http
  run_pushgate check web.yaml
  expect_status 1
  expect_stdout_finding web.yaml:6:13 schema/type
  run_pushgate check cm.yaml
  expect_status 1
  grep -q "cannot fetch http://127.0.0.1:$HTTP_PORT/v1.30.0-standalone-strict/configmap-v1.json" \
    "$CASE_DIR/stdout.txt" || fail "a fetch failure is not named"
}

# A server hook reads the cache only (fetch: auto): an empty cache rejects with a clear message.
hook_uses_the_cache_only() {
  repo_with_base file
  write_config "$BARE/pushgate.yaml" "$CASE_DIR/hook-cache"
  bad_deployment | sed 's/replicas: "2"/replicas: 2/' | add_file apps/web.yaml
  commit "web"
  push origin main
  expect_push_rejected
  grep -q 'is not in the schema cache' "$CASE_DIR/remote.txt" || fail "no cache-miss message"
  # Filling the cache with `pushgate check` on the same config lets the push through.
  mkdir -p "$CASE_DIR/prefill"
  bad_deployment | sed 's/replicas: "2"/replicas: 2/' >"$CASE_DIR/prefill/web.yaml"
  (cd "$CASE_DIR/prefill" && "$PUSHGATE_BIN" check --config "$BARE/pushgate.yaml" web.yaml >/dev/null) ||
    fail "prefilling the cache failed"
  push origin main
  expect_push_ok
}

run_case "locations: check fetches over HTTP and caches" check_fetches_and_caches
run_case "locations: hooks read the cache only by default" hook_uses_the_cache_only
run_case "locations: the cache serves when the server is down" cache_serves_when_the_server_is_down

it_finish
