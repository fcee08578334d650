#!/usr/bin/env bash
# Kubernetes schema validation over real pushes: a store imported with `pushgate schemas import`
# from the real v1.35 OpenAPI documents and Flux CRDs, named by the server's `kubernetes:` section.
# Wrong types and unknown fields are rejected at path:line:col; a CRD pushed with its custom
# resources is used for them; an empty store rejects every push (fail closed).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

shared_k8s="$PUSHGATE_SHARED_DIR/kubernetes/openapi/v1.35/v3"
[ -d "$shared_k8s" ] || it_abort "no OpenAPI documents at $shared_k8s"
STORE="$SERVERS_DIR/schema-store"
"$PUSHGATE_BIN" schemas import "$shared_k8s" --store "$STORE" >"$SERVERS_DIR/import.out" 2>&1 ||
  it_abort "schemas import failed: $(cat "$SERVERS_DIR/import.out")"

# repo_with_schemas [STORE]: repo_with_base over file://, then the server config turns schema
# validation on (after the base push, so the base is not judged by it).
repo_with_schemas() {
  repo_with_base file
  printf 'version: 1\nkubernetes:\n  version: "1.35"\n  schemas: [%s]\n' "${1:-$STORE}" \
    >"$BARE/pushgate.yaml"
}

deployment() {
  cat <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: $1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
          $2: IfNotPresent
          resources:
            requests: {cpu: 100m, memory: 64Mi}
            limits: {memory: 128Mi}
          readinessProbe: {httpGet: {path: /, port: 8080}}
          livenessProbe: {httpGet: {path: /, port: 8080}}
EOF
}

valid_object_accepted() {
  repo_with_schemas
  deployment 2 imagePullPolicy | add_file apps/web.yaml
  commit "web: a valid deployment"
  push origin main
  expect_push_ok
  expect_no_finding 'schema/'
}

wrong_type_and_unknown_field_rejected() {
  repo_with_schemas
  deployment '"2"' imagePullPolcy | add_file apps/web.yaml
  commit "web: a string replica count and a typo"
  push origin main
  expect_push_rejected
  expect_finding apps/web.yaml:7:13 schema/type
  expect_finding apps/web.yaml:17:11 schema/additional-property
  grep -qF "did you mean \`imagePullPolicy\`" "$CASE_DIR/remote.txt" || fail "no did-you-mean"
  expect_ref refs/heads/main "$BASE"
}

# The Flux CRDs are not in the store: pushed beside a Kustomization, they validate it.
crd_pushed_with_its_resources() {
  repo_with_schemas
  local crd
  crd=$(find "$PUSHGATE_SHARED_DIR/crds/flux-v2.9.0" -name '*kustomize*' | head -n 1)
  [ -n "$crd" ] || fail "no Flux kustomize CRD in the shared data"
  add_file crds/kustomizations.yaml <"$crd"
  add_file clusters/prod/apps.yaml <<'EOF'
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
spec:
  interval: 10m
  path: ./apps
  prune: yes-please
  sourceRef:
    kind: GitRepository
    name: flux-system
EOF
  commit "flux: a kustomization whose prune is not a boolean"
  push origin main
  expect_push_rejected
  expect_finding clusters/prod/apps.yaml:9:10 schema/type
}

# Without schemas nothing could be checked: the push is rejected at the config, not waved through.
empty_store_rejects() {
  mkdir -p "$SERVERS_DIR/empty-store"
  repo_with_schemas "$SERVERS_DIR/empty-store"
  deployment 2 imagePullPolicy | add_file apps/web.yaml
  commit "web: valid, but the server has no schemas"
  push origin main
  expect_push_rejected
  grep -qE 'pushgate\.yaml(:[0-9]+:[0-9]+)?: error\[schema/store\]: ' "$CASE_DIR/remote.txt" ||
    fail "no schema/store finding at the config"
}

# A store that lost apps/v1/Deployment.json after import (its manifest still lists it): the
# Deployment with `replicas: "three"` is not waved through as an unknown kind (a warning), the
# push is rejected as schema/store with what is missing and how to fix it. Re-importing heals it.
store_missing_a_builtin_kind_rejects() {
  local damaged="$CASE_DIR/damaged-store"
  cp -a "$STORE" "$damaged"
  rm "$damaged/kubernetes/v1.35/apps/v1/Deployment.json"
  repo_with_schemas "$damaged"
  deployment '"three"' imagePullPolicy | add_file apps/web.yaml
  commit "web: replicas three"
  push origin main
  expect_push_rejected
  grep -qE 'pushgate\.yaml: error\[schema/store\]: the schema store .* is incomplete or damaged for Kubernetes 1\.35: apps/v1/Deployment\.json is missing; import all of the version.s OpenAPI documents again' \
    "$CASE_DIR/remote.txt" || fail "no schema/store finding naming the missing file"
  grep -qE '^apps/web\.yaml(:[0-9]+:[0-9]+)?: error\[schema/store\]: .*missing from the store' \
    "$CASE_DIR/remote.txt" || fail "no schema/store finding at the Deployment"
  expect_no_finding 'schema/unknown-kind'
  expect_ref refs/heads/main "$BASE"
  run_pushgate schemas import "$shared_k8s" --store "$damaged"
  expect_status 0
  push origin main
  expect_push_rejected
  expect_finding apps/web.yaml:7:13 schema/type
  expect_no_finding 'schema/store'
}

check_directory() {
  mkdir -p "$CASE_DIR/tree/apps"
  deployment '"2"' imagePullPolicy >"$CASE_DIR/tree/apps/web.yaml"
  printf 'version: 1\nkubernetes:\n  version: "1.35"\n  schemas: [%s]\n' "$STORE" \
    >"$CASE_DIR/tree/.pushgate.yaml"
  cd "$CASE_DIR/tree"
  run_pushgate check .
  expect_status 1
  expect_stdout_finding apps/web.yaml:7:13 schema/type
}

# `schemas:` maps non-Kubernetes files to JSON Schemas held by the server.
mapped_values_schema() {
  repo_with_base file
  cat >"$BARE/values.schema.json" <<'EOF2'
{"type": "object", "properties": {"replicaCount": {"type": "integer", "minimum": 1}}}
EOF2
  printf 'version: 1\nschemas:\n  - paths: ["charts/*/values.yaml"]\n    schema: values.schema.json\n' \
    >"$BARE/pushgate.yaml"
  printf 'replicaCount: 0\n' | add_file charts/web/values.yaml
  printf 'replicaCount: 0\n' | add_file other/values.yaml
  commit "values"
  push origin main
  expect_push_rejected
  expect_finding charts/web/values.yaml:1:15 schema/minimum
  if grep -q '^other/values.yaml' "$CASE_DIR/remote.txt"; then fail "an unmapped file was judged"; fi
}

run_case "schemas: a valid deployment is accepted" valid_object_accepted
run_case "schemas: wrong type and unknown field are rejected" wrong_type_and_unknown_field_rejected
run_case "schemas: a CRD pushed with its resources" crd_pushed_with_its_resources
run_case "schemas: an empty store rejects" empty_store_rejects
run_case "schemas: a store missing a built-in kind rejects" store_missing_a_builtin_kind_rejects
run_case "schemas: pushgate check" check_directory
run_case "schemas: a values file against a mapped JSON Schema" mapped_values_schema

it_finish
